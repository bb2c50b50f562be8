/**
 * `@strata/auth/schema`: Better Auth's tables (and the API-key plugin's) as a Strata schema,
 * without Better Auth itself. A schema module, a migration config, a seed script or a data
 * browser that only needs the tables imports this entry and loads none of Better Auth (about
 * 300 ms of imports); `createAuth` and the adapter stay in `@strata/auth`.
 *
 * @example
 * ```ts
 * // src/schema/auth.ts
 * import { authSchema } from '@strata/auth/schema';
 * export const { user, session, account, verification } = authSchema;
 * ```
 */
export {
  type AdditionalFieldOf,
  type AdditionalFieldOverrides,
  type AdditionalFieldsOf,
  userAdditionalFields,
} from './additional-fields.js';
export {
  defineUserProfiles,
  USER_ROLES,
  type UserPreferences,
  type UserProfilesOptions,
  type UserRole,
} from './profiles.js';
export { type AuthSchemaDefinition, authSchema, defineAuthSchema } from './schema.js';
export { type AuthTables, type AuthTablesOptions, BETTER_AUTH_USER_FIELDS, defineAuthTables } from './tables.js';
