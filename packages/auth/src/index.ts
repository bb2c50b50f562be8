/**
 * `@strata/auth`: Better Auth on Strata. Better Auth's tables (and the API-key plugin's) defined
 * once for PostgreSQL, PGlite and SQLite; the Drizzle schema its adapter expects; `createAuth`
 * wiring for whichever engine a database runs on; and the cross-database pieces an app with auth
 * in one database and its data in another needs (user cleanup, an orphan check).
 *
 * @example
 * ```ts
 * import { apiKey } from '@better-auth/api-key';
 * import { authSchema, createAuth } from '@strata/auth';
 * import { createDatabase } from '@strata/pglite';
 *
 * const db = await createDatabase({ schema: authSchema });
 * const auth = createAuth({ database: db, emailAndPassword: { enabled: true }, plugins: [apiKey()] });
 * ```
 */
export {
  type AuthDatabase,
  authAdapter,
  type BetterAuthAdapter,
  type CreateAuthOptions,
  createAuth,
  type DeletedUser,
  type StrataAuthOptions,
} from './create-auth.js';
export { type AuthDialect, betterAuthDrizzleSchema, type DrizzleSchemaFor } from './drizzle-schema.js';
// The tables, extra user fields and profiles: the same exports as `@strata/auth/schema`.
export * from './schema-entry.js';
export {
  type DeleteUserRowsOptions,
  deleteUserRows,
  type FindOrphansOptions,
  findOrphans,
  type OrphanRow,
  type UserDataScope,
} from './user-data.js';
