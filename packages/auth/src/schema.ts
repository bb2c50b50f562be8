import type { ColumnMap, RequireAllKeys } from '@strata/core';
import { type AdditionalFieldOverrides, type AdditionalFieldsOf, userAdditionalFields } from './additional-fields.js';
import { type AuthTables, defineAuthTables } from './tables.js';

/**
 * Better Auth's tables for every engine, with the API-key plugin's `apikey`, keyed by Better
 * Auth's model names, with their relations: a schema module to open a database with or to spread
 * into a larger one.
 *
 * @example
 * ```ts
 * import { authSchema } from '@strata/auth';
 * const db = await createDatabase({ schema: authSchema, url: process.env.AUTH_DATABASE_URL });
 * ```
 */
export const authSchema: AuthTables = defineAuthTables();

/** What {@link defineAuthSchema} returns: the tables, and Better Auth's `user` options for them. */
export interface AuthSchemaDefinition<TUserFields extends ColumnMap, TApiKey extends boolean = true> {
  /** The schema module: Better Auth's tables, `user` with the extra columns. */
  readonly schema: AuthTables<TUserFields, TApiKey>;
  /** Spread into Better Auth's `user` option: `user: { ...definition.user, deleteUser: { enabled: true } }`. */
  readonly user: { readonly additionalFields: AdditionalFieldsOf<TUserFields> };
}

/**
 * Better Auth's tables with extra `user` columns, and the matching `user.additionalFields`, from
 * one definition: the table and Better Auth's idea of it stay in sync.
 *
 * @example
 * ```ts
 * export const auth = defineAuthSchema({
 *   userFields: { role: enumeration(['admin', 'editor', 'viewer']).notNull().default('viewer'), bio: text() },
 *   fieldOptions: { role: { input: false } }, // clients cannot make themselves admin at sign-up
 * });
 * const db = await createDatabase({ schema: auth.schema });
 * const betterAuth = createAuth({ database: db, user: auth.user, emailAndPassword: { enabled: true } });
 * const plain = defineAuthSchema({ apiKey: false }); // Better Auth's four tables, no extra fields
 * ```
 */
export function defineAuthSchema<
  const TUserFields extends ColumnMap = Record<never, never>,
  const TApiKey extends boolean = true,
>(
  options: {
    readonly userFields?: TUserFields & RequireAllKeys<TUserFields>;
    readonly fieldOptions?: AdditionalFieldOverrides<TUserFields>;
    /** `false` leaves out the API-key plugin's `apikey` table. */
    readonly apiKey?: TApiKey;
  } = {},
): AuthSchemaDefinition<TUserFields, TApiKey> {
  const userFields = (options.userFields ?? {}) as TUserFields & RequireAllKeys<TUserFields>;
  // Fields first: a column Better Auth cannot hold fails before any table is built.
  const additionalFields = userAdditionalFields(userFields, options.fieldOptions);
  const tableOptions = options.apiKey === undefined ? { userFields } : { userFields, apiKey: options.apiKey };
  return { schema: defineAuthTables<TUserFields, TApiKey>(tableOptions), user: { additionalFields } };
}
