import type { SchemaModule } from '@strata/core';
import { compilePgSchema, type PgSchemaOf } from '@strata/sql/postgres';
import { compileSQLiteSchema, type SQLiteSchemaOf } from '@strata/sql/sqlite';
import { authSchema } from './schema.js';
import type { AuthTables } from './tables.js';

/** The SQL dialects Better Auth's Drizzle adapter is used with here. */
export type AuthDialect = 'pg' | 'sqlite';

/** The Drizzle schema of a neutral schema module on a dialect. */
export type DrizzleSchemaFor<TDialect extends AuthDialect, S> = TDialect extends 'pg'
  ? PgSchemaOf<S>
  : SQLiteSchemaOf<S>;

/**
 * The object to pass as `schema` to Better Auth's `drizzleAdapter`: the Drizzle tables and
 * relations of the auth schema on `dialect`, under Better Auth's model names (`user`, `session`,
 * `account`, `verification`, `apikey`). Tables compile once per dialect, so these are the very
 * tables of a Strata database opened with the same schema. `createAuth` does this for you.
 *
 * @example
 * ```ts
 * const auth = betterAuth({
 *   database: drizzleAdapter(db.drizzle, { provider: 'pg', schema: betterAuthDrizzleSchema('pg') }),
 * });
 * ```
 */
export function betterAuthDrizzleSchema<TDialect extends AuthDialect, S extends SchemaModule = AuthTables>(
  dialect: TDialect,
  schema: S = authSchema as unknown as S,
): DrizzleSchemaFor<TDialect, S> {
  const compiled = dialect === 'pg' ? compilePgSchema(schema) : compileSQLiteSchema(schema);
  return compiled.drizzleSchema as DrizzleSchemaFor<TDialect, S>;
}
