import type { EngineName } from '@strata/sql';
import type { Auth, BetterAuthOptions, User } from 'better-auth';
import { drizzleAdapter } from 'better-auth/adapters/drizzle';
import { betterAuth } from 'better-auth/minimal';

/**
 * What `createAuth` needs of a Strata database: any database from `@strata/pglite`,
 * `@strata/sqlite`, `@strata/postgres` or `@strata/connect` opened with a schema that holds the
 * auth tables under Better Auth's model names (`authSchema`, or a module spreading it).
 *
 * @example
 * ```ts
 * const database: AuthDatabase = await createDatabase({ schema: { ...authSchema, ...appTables } });
 * ```
 */
export interface AuthDatabase {
  readonly engine: EngineName;
  readonly dialect: 'pg' | 'sqlite';
  readonly drizzle: object;
  readonly tables: object;
}

/** The user Better Auth just deleted, as `onUserDeleted` receives it. */
export type DeletedUser = User & Record<string, unknown>;

/**
 * Options of {@link createAuth}: Better Auth's own options, with a Strata database.
 *
 * @example
 * ```ts
 * const options = { database: db, emailAndPassword: { enabled: true } } satisfies CreateAuthOptions;
 * ```
 */
export type CreateAuthOptions = Omit<BetterAuthOptions, 'database'> & {
  /** The Strata database holding the auth tables. */
  readonly database: AuthDatabase;
  /**
   * Runs after Better Auth deleted a user (and their sessions and accounts): clean up what the
   * user owns elsewhere, for instance app rows in another database (see `deleteUserRows`). Runs
   * after any other `databaseHooks.user.delete.after` you give. A failure is reported to the
   * caller of the delete, but the user stays deleted: `findOrphans` finds what was left.
   */
  readonly onUserDeleted?: (user: DeletedUser) => Promise<void>;
};

/** The Better Auth options `createAuth` passes on for options `O`. */
export type StrataAuthOptions<O extends CreateAuthOptions> = Omit<O, 'database' | 'onUserDeleted'> & {
  database: ReturnType<typeof drizzleAdapter>;
};

/**
 * Better Auth on a Strata database: wires Better Auth's Drizzle adapter to the database's Drizzle
 * instance and tables, with the provider of its dialect, and with transactions wherever the engine
 * can run them (not on better-sqlite3: its synchronous driver cannot hold a transaction open
 * across Better Auth's awaits). Everything else is Better Auth's own options.
 *
 * @example
 * ```ts
 * import { apiKey } from '@better-auth/api-key';
 * import { authSchema, createAuth } from '@strata/auth';
 * import { createDatabase } from '@strata/postgres';
 *
 * const db = await createDatabase({ schema: authSchema, url: process.env.AUTH_DATABASE_URL });
 * export const auth = createAuth({ database: db, emailAndPassword: { enabled: true }, plugins: [apiKey()] });
 * ```
 */
export function createAuth<const O extends CreateAuthOptions>(options: O): Auth<StrataAuthOptions<O>> {
  const { database, onUserDeleted, ...rest } = options;
  const adapter = drizzleAdapter(database.drizzle, {
    provider: database.dialect,
    // The database's own tables: the same objects its Drizzle instance (and relations) know.
    schema: database.tables as Record<string, unknown>,
    transaction: database.engine !== 'sqlite',
  });
  const betterAuthOptions = {
    ...rest,
    database: adapter,
    ...(onUserDeleted && { databaseHooks: withUserDeletedHook(rest.databaseHooks, onUserDeleted) }),
  } as StrataAuthOptions<O>;
  return betterAuth(betterAuthOptions);
}

type DatabaseHooks = NonNullable<BetterAuthOptions['databaseHooks']>;

/** Adds `onUserDeleted` after any `user.delete.after` hook already given. */
function withUserDeletedHook(
  hooks: DatabaseHooks | undefined,
  onUserDeleted: (user: DeletedUser) => Promise<void>,
): DatabaseHooks {
  const given = hooks?.user?.delete?.after;
  return {
    ...hooks,
    user: {
      ...hooks?.user,
      delete: {
        ...hooks?.user?.delete,
        after: async (user, context) => {
          await given?.(user, context);
          await onUserDeleted(user);
        },
      },
    },
  };
}
