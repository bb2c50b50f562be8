import { isTable } from '@strata/core';
import type { EngineName } from '@strata/sql';
import type { Auth, BetterAuthOptions, User } from 'better-auth';
import { drizzleAdapter } from 'better-auth/adapters/drizzle';
import { betterAuth } from 'better-auth/minimal';
import { deleteUserRows, type UserDataScope } from './user-data.js';

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
  readonly drizzle: unknown;
  readonly tables: unknown;
  /**
   * What the driver can do (every Strata database says): Better Auth wraps its writes in
   * `db.drizzle.transaction()` only where that takes an async callback.
   */
  readonly capabilities?: { readonly drizzleTransactions: 'async' | 'sync' | 'none' };
  /** The schema module (every Strata database has it): finds the `apikey` table to clean up. */
  readonly schema?: object;
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
  /**
   * Delete a user's API keys with the user (default `true` when the schema has the API-key
   * plugin's `apikey` table). The plugin links a key to its owner by `referenceId`, without a
   * foreign key, so nothing else removes them: a deleted user's key would still verify.
   */
  readonly deleteApiKeysWithUser?: boolean;
};

/** The Better Auth options `createAuth` passes on for options `O`. */
export type StrataAuthOptions<O extends CreateAuthOptions> = Omit<
  O,
  'database' | 'onUserDeleted' | 'deleteApiKeysWithUser'
> & {
  database: BetterAuthAdapter;
};

/** Better Auth's database adapter, as `betterAuth({ database })` takes it. */
export type BetterAuthAdapter = ReturnType<typeof drizzleAdapter>;

/**
 * Better Auth's Drizzle adapter on a Strata database, for apps that call `betterAuth()`
 * themselves: the database's Drizzle instance and tables, the provider of its dialect, and
 * transactions wherever the engine can run them (not on better-sqlite3: its synchronous driver
 * cannot hold a transaction open across Better Auth's awaits, nor on Neon's HTTP driver, which
 * sends one statement per request). `createAuth` uses the same.
 *
 * @example
 * ```ts
 * import { betterAuth } from 'better-auth';
 * const auth = betterAuth({ database: authAdapter(db), emailAndPassword: { enabled: true } });
 * ```
 */
export function authAdapter(database: AuthDatabase): BetterAuthAdapter {
  // Typed `unknown` so any Strata database fits (`connect()` returns one without a Drizzle type).
  return drizzleAdapter(database.drizzle as Parameters<typeof drizzleAdapter>[0], {
    provider: database.dialect,
    // The database's own tables: the same objects its Drizzle instance (and relations) know.
    schema: database.tables as Record<string, unknown>,
    transaction: runsTransactions(database),
  });
}

/**
 * Better Auth on a Strata database, through {@link authAdapter}. Everything else is Better Auth's
 * own options.
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
  const { database, onUserDeleted, deleteApiKeysWithUser = true, ...rest } = options;
  const cleanups = [deleteApiKeysWithUser ? apiKeyCleanup(database) : undefined, onUserDeleted].filter(
    (cleanup) => cleanup !== undefined,
  );
  const afterDelete =
    cleanups.length > 0
      ? async (user: DeletedUser) => {
          for (const cleanup of cleanups) await cleanup(user);
        }
      : undefined;
  const betterAuthOptions = {
    ...rest,
    database: authAdapter(database),
    ...(afterDelete && { databaseHooks: withUserDeletedHook(rest.databaseHooks, afterDelete) }),
  } as StrataAuthOptions<O>;
  return betterAuth(betterAuthOptions);
}

/** Deletes the user's API keys, when the database's schema has the plugin's `apikey` table. */
function apiKeyCleanup(database: AuthDatabase): ((user: DeletedUser) => Promise<void>) | undefined {
  const table = (database.schema as Record<string, unknown> | undefined)?.apikey;
  if (!isTable(table) || !isUserDataScope(database)) return undefined;
  return deleteUserRows(database, [table], { field: 'referenceId' });
}

function isUserDataScope(database: object): database is UserDataScope {
  return typeof (database as Partial<UserDataScope>).repo === 'function';
}

/** Whether Better Auth may wrap its writes in `db.drizzle.transaction()` on this database. */
function runsTransactions(database: AuthDatabase): boolean {
  return database.capabilities?.drizzleTransactions === 'async';
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
