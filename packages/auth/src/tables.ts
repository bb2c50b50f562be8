import {
  boolean,
  type ColumnMap,
  defineRelations,
  defineTable,
  index,
  integer,
  type RequireAllKeys,
  SchemaError,
  text,
  timestamp,
} from '@strata/core';

// Better Auth matches fields by JS key (`emailVerified`, `userId`, …), so the keys below are its
// field names; SQL names follow Strata's snake_case rule, as Better Auth's own generator writes
// them. Ids are text: Better Auth generates them itself (32 random alphanumerics), not UUIDs.
// Index names are the ones Better Auth's generator gives (`<table>_<field>_idx`), so a database
// migrated from a hand-written Better Auth schema keeps its indexes.

/** Better Auth's own `user` fields (before any additional fields). */
function userColumns() {
  return {
    id: text().primaryKey(),
    name: text().notNull(),
    email: text().notNull().unique(),
    emailVerified: boolean().notNull().default(false),
    image: text(),
    createdAt: timestamp().notNull().defaultNow(),
    updatedAt: timestamp().notNull().defaultNow().onUpdateNow(),
  };
}

/** The column keys Better Auth owns on `user`; additional fields must not reuse them. */
export const BETTER_AUTH_USER_FIELDS: readonly string[] = Object.keys(userColumns());

function defineSessionTable(user: { id: ReturnType<typeof userColumns>['id'] }) {
  return defineTable(
    'session',
    {
      id: text().primaryKey(),
      expiresAt: timestamp().notNull(),
      token: text().notNull().unique(),
      createdAt: timestamp().notNull().defaultNow(),
      updatedAt: timestamp().notNull().defaultNow().onUpdateNow(),
      ipAddress: text(),
      userAgent: text(),
      userId: text()
        .notNull()
        .references(() => user.id, { onDelete: 'cascade' }),
    },
    (t) => [index('session_userId_idx').on(t.userId)],
  );
}

function defineAccountTable(user: { id: ReturnType<typeof userColumns>['id'] }) {
  return defineTable(
    'account',
    {
      id: text().primaryKey(),
      accountId: text().notNull(),
      providerId: text().notNull(),
      userId: text()
        .notNull()
        .references(() => user.id, { onDelete: 'cascade' }),
      accessToken: text(),
      refreshToken: text(),
      idToken: text(),
      accessTokenExpiresAt: timestamp(),
      refreshTokenExpiresAt: timestamp(),
      scope: text(),
      password: text(),
      createdAt: timestamp().notNull().defaultNow(),
      updatedAt: timestamp().notNull().defaultNow().onUpdateNow(),
    },
    (t) => [index('account_userId_idx').on(t.userId)],
  );
}

function defineVerificationTable() {
  return defineTable(
    'verification',
    {
      id: text().primaryKey(),
      identifier: text().notNull(),
      value: text().notNull(),
      expiresAt: timestamp().notNull(),
      createdAt: timestamp().notNull().defaultNow(),
      updatedAt: timestamp().notNull().defaultNow().onUpdateNow(),
    },
    (t) => [index('verification_identifier_idx').on(t.identifier)],
  );
}

/**
 * The API-key plugin's table (`@better-auth/api-key` 1.7). Keys belong to a `referenceId` (a user
 * or an organization, so no foreign key) and to a `configId`. Defaults are the plugin's own.
 */
function defineApiKeyTable() {
  return defineTable(
    'apikey',
    {
      id: text().primaryKey(),
      configId: text().notNull().default('default'),
      name: text(),
      start: text(),
      referenceId: text().notNull(),
      prefix: text(),
      key: text().notNull(),
      refillInterval: integer(),
      refillAmount: integer(),
      lastRefillAt: timestamp(),
      enabled: boolean().default(true),
      rateLimitEnabled: boolean().default(true),
      rateLimitTimeWindow: integer().default(86_400_000),
      rateLimitMax: integer().default(10),
      requestCount: integer().default(0),
      remaining: integer(),
      lastRequest: timestamp(),
      expiresAt: timestamp(),
      createdAt: timestamp().notNull().defaultNow(),
      updatedAt: timestamp().notNull().defaultNow().onUpdateNow(),
      permissions: text(),
      metadata: text(),
    },
    (t) => [
      index('apikey_configId_idx').on(t.configId),
      index('apikey_referenceId_idx').on(t.referenceId),
      index('apikey_key_idx').on(t.key),
    ],
  );
}

/** Options of {@link defineAuthTables}. */
export interface AuthTablesOptions<TUserFields extends ColumnMap, TApiKey extends boolean = true> {
  /**
   * Extra columns on `user`, Better Auth's `user.additionalFields` (keys are field names). Pass
   * the same map to `userAdditionalFields` (or use `defineAuthSchema`) so Better Auth writes them.
   */
  readonly userFields?: TUserFields & RequireAllKeys<TUserFields>;
  /** `false` leaves out the API-key plugin's `apikey` table (for apps without the plugin). */
  readonly apiKey?: TApiKey;
}

/**
 * Defines Better Auth's tables (user, session, account, verification) and, unless `apiKey: false`,
 * the API-key plugin's `apikey`, with their relations, keyed by Better Auth's model names. Each
 * call makes new tables, so a schema can extend `user` with its own columns.
 *
 * @example
 * ```ts
 * const auth = defineAuthTables({ userFields: { role: enumeration(['admin', 'editor', 'viewer']).notNull().default('viewer') } });
 * const db = await createDatabase({ schema: auth });
 * const withoutKeys = defineAuthTables({ apiKey: false }); // no `apikey` table
 * ```
 */
export function defineAuthTables<
  TUserFields extends ColumnMap = Record<never, never>,
  const TApiKey extends boolean = true,
>(options: AuthTablesOptions<TUserFields, TApiKey> = {}): AuthTables<TUserFields, TApiKey> {
  const tables = coreAuthTables<TUserFields>((options.userFields ?? {}) as TUserFields);
  return (options.apiKey === false ? tables : { ...tables, apikey: defineApiKeyTable() }) as AuthTables<
    TUserFields,
    TApiKey
  >;
}

/** Better Auth's own four tables, `user` with the extra columns, and their relations. */
function coreAuthTables<TUserFields extends ColumnMap>(extra: TUserFields) {
  for (const key of Object.keys(extra)) {
    if (BETTER_AUTH_USER_FIELDS.includes(key)) {
      throw new SchemaError('is one of Better Auth’s own user fields; give the additional field another name', {
        table: 'user',
        column: key,
      });
    }
  }
  type UserColumns = ReturnType<typeof userColumns> & TUserFields;
  const columns = { ...userColumns(), ...extra } as UserColumns & RequireAllKeys<UserColumns>;
  const user = defineTable<'user', UserColumns>('user', columns);
  const session = defineSessionTable(user);
  const account = defineAccountTable(user);
  const verification = defineVerificationTable();
  // Relation keys are the ones Better Auth's joins look for: `sessions`/`accounts` on user, `user` back.
  const userRelations = defineRelations(user, ({ many }) => ({ sessions: many(session), accounts: many(account) }));
  const sessionRelations = defineRelations(session, ({ one }) => ({
    user: one(user, { fields: [session.userId], references: [user.id] }),
  }));
  const accountRelations = defineRelations(account, ({ one }) => ({
    user: one(user, { fields: [account.userId], references: [user.id] }),
  }));
  return { user, session, account, verification, userRelations, sessionRelations, accountRelations };
}

/**
 * The schema module {@link defineAuthTables} returns, for user columns `TUserFields`.
 *
 * @example
 * ```ts
 * type User = Row<AuthTables['user']>; // { id: string; name: string; email: string; emailVerified: boolean; … }
 * ```
 */
export type AuthTables<
  TUserFields extends ColumnMap = Record<never, never>,
  TApiKey extends boolean = true,
> = TApiKey extends false
  ? ReturnType<typeof coreAuthTables<TUserFields>>
  : ReturnType<typeof coreAuthTables<TUserFields>> & { apikey: ReturnType<typeof defineApiKeyTable> };
