import type { SchemaModule } from '@strata/core';
import { compilePgSchema } from './table.js';
import type { PgTablesOf } from './types.js';

/**
 * The PostgreSQL Drizzle tables of a schema module, for a `drizzle-kit` schema file. drizzle-kit
 * (`push`, `generate`, `check`, `studio`) reads the *named exports* of that file, so destructure
 * them; it loads the file through a CommonJS hook, where top-level `await` fails, so use this
 * (synchronous) rather than `db.tables` of an opened database. The tables are the very ones
 * `db.tables` holds and describe exactly what Strata's migrations create; exclude Strata's
 * history table with `tablesFilter: ['!strata_migrations']` in `drizzle.config.ts`.
 *
 * @example
 * ```ts
 * // drizzle-schema.ts, named by `schema` in drizzle.config.ts
 * import { drizzleTables } from '@strata/sql/postgres';
 * import * as schema from './schema.js';
 * export const { author, book } = drizzleTables(schema);
 * ```
 */
export function drizzleTables<S extends SchemaModule>(schema: S): PgTablesOf<S> {
  return compilePgSchema(schema).tables;
}
