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
  type AdditionalFieldOf,
  type AdditionalFieldOverrides,
  type AdditionalFieldsOf,
  userAdditionalFields,
} from './additional-fields.js';
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
export {
  defineUserProfiles,
  USER_ROLES,
  type UserPreferences,
  type UserProfilesOptions,
  type UserRole,
} from './profiles.js';
export { type AuthSchemaDefinition, authSchema, defineAuthSchema } from './schema.js';
export { type AuthTables, type AuthTablesOptions, BETTER_AUTH_USER_FIELDS, defineAuthTables } from './tables.js';
export {
  type DeleteUserRowsOptions,
  deleteUserRows,
  type FindOrphansOptions,
  findOrphans,
  type OrphanRow,
  type UserDataScope,
} from './user-data.js';
