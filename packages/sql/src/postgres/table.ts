import type { AnyTable, SchemaModule } from '@strata/core';
import { sql } from 'drizzle-orm';
import { check, index, PgDialect, pgTable, primaryKey, uniqueIndex } from 'drizzle-orm/pg-core';
import { compileSchema } from '../shared/schema-compiler.js';
import { createTableCompiler, type DialectKit, type DrizzleTable, enumCheck } from '../shared/table-compiler.js';
import { baseColumn, encoder } from './columns.js';
import { computedDefault, pgConstantDefault } from './defaults.js';
import { enablePgRowLevelSecurity, pgPolicies } from './policies.js';
import type { PgSchemaOf, PgTableOf, PgTablesOf } from './types.js';

const dialect = new PgDialect();

const postgresKit: DialectKit = {
  dialect: 'pg',
  inline: (query) => dialect.sqlToQuery(query.inlineParams()).sql,
  baseColumn,
  encoder,
  computedDefault,
  constantDefault: (column, value) =>
    pgConstantDefault(column, value, (text) => dialect.sqlToQuery(sql`${text}`.inlineParams()).sql),
  // PostgreSQL enforces varchar length itself; enumerations are text with a CHECK, as on SQLite.
  kindChecks: (column, table) => enumCheck(postgresKit, column, table),
  table: (name, columns, extras) => pgTable(name, columns as never, extras as never) as unknown as DrizzleTable,
  index,
  uniqueIndex,
  primaryKey: (config) => primaryKey(config as never),
  check,
  policies: pgPolicies,
  enableRowLevelSecurity: (_info, table) => enablePgRowLevelSecurity(table),
};

const compileTable = createTableCompiler(postgresKit);

/**
 * The PostgreSQL Drizzle table (`pgTable`) for a neutral table; compiled once and cached.
 * Used for PostgreSQL servers, Neon, Supabase and PGlite alike.
 *
 * @example
 * ```ts
 * const posts = toPgTable(post);
 * await drizzleDb.select().from(posts);
 * ```
 */
export function toPgTable<T extends AnyTable>(table: T): PgTableOf<T> {
  return compileTable(table) as unknown as PgTableOf<T>;
}

/** A schema compiled from a neutral schema module, with precise types. */
export interface PgCompiledSchema<S extends SchemaModule> {
  /** Drizzle tables by export name. */
  readonly tables: PgTablesOf<S>;
  /** Tables and Drizzle relations by export name: the `schema` option of `drizzle()`. */
  readonly drizzleSchema: PgSchemaOf<S>;
}

/**
 * Compiles a schema module's tables and relations to PostgreSQL Drizzle objects.
 *
 * @example
 * ```ts
 * import * as schema from './schema.js';
 * const { tables, drizzleSchema } = compilePgSchema(schema);
 * const db = drizzle(client, { schema: drizzleSchema });
 * ```
 */
export function compilePgSchema<S extends SchemaModule>(module: S): PgCompiledSchema<S> {
  return compileSchema(module, compileTable) as unknown as PgCompiledSchema<S>;
}
