import {
  type AnyColumn,
  type AnyTable,
  columnConstraintName,
  SchemaError,
  type SchemaModule,
  type TableInfo,
} from '@strata/core';
import { sql } from 'drizzle-orm';
import { check, index, primaryKey, SQLiteSyncDialect, sqliteTable, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { compileSchema } from '../shared/schema-compiler.js';
import { createTableCompiler, type DialectKit, type DrizzleTable, enumCheck } from '../shared/table-compiler.js';
import { baseColumn, encoder } from './columns.js';
import { computedDefault, sqliteConstantDefault } from './defaults.js';
import type { SQLiteSchemaOf, SQLiteTableOf, SQLiteTablesOf } from './types.js';

/** SQLite ignores a declared length: a CHECK makes `varchar(n)` refuse longer text, as PostgreSQL does. */
function lengthCheck(column: AnyColumn, table: string, sqlName: string) {
  const { kind, length } = column.config;
  if (kind !== 'varchar' || length === undefined) return [];
  return [
    {
      name: columnConstraintName(table, column, 'length'),
      condition: sql`length(${sql.identifier(sqlName)}) <= ${sql.raw(String(Math.trunc(length)))}`,
    },
  ];
}

/**
 * A table with row-level security compiles on SQLite only when its schema says the policies go
 * unenforced there (`enableRowLevelSecurity({ sqlite: 'unenforced' })`): silently dropping them
 * would show every user every row.
 */
function refuseUnenforced(info: TableInfo): void {
  if (info.rowLevelSecurity?.sqlite === 'unenforced') return;
  throw new SchemaError(
    "has row-level security, which SQLite does not have: add enableRowLevelSecurity({ sqlite: 'unenforced' }) " +
      'to compile it on SQLite without policies (the application must then filter rows itself), or use PostgreSQL',
    { table: info.name },
  );
}

const dialect = new SQLiteSyncDialect();

const sqliteKit: DialectKit = {
  dialect: 'sqlite',
  inline: (query) => dialect.sqlToQuery(query.inlineParams()).sql,
  baseColumn,
  encoder,
  computedDefault,
  // Numbers as drizzle-kit reads them back; Strata's inserts write them inline (see defaults.ts).
  constantDefault: sqliteConstantDefault,
  kindChecks: (column, table, sqlName) => [
    ...enumCheck(sqliteKit, column, table),
    ...lengthCheck(column, table, sqlName),
  ],
  table: (name, columns, extras) => sqliteTable(name, columns as never, extras as never) as unknown as DrizzleTable,
  index,
  uniqueIndex,
  // SQLite keeps no name for a primary key: drizzle-kit reads one back as `<table>_<columns>_pk`,
  // which is Drizzle's own name for an unnamed key, so the table leaves it unnamed.
  primaryKey: (config) => primaryKey({ columns: config.columns } as never),
  check,
  // SQLite has no row-level security: policies are not compiled (see refuseUnenforced).
  policies: () => [],
  enableRowLevelSecurity: refuseUnenforced,
};

const compileTable = createTableCompiler(sqliteKit);

/**
 * The SQLite Drizzle table (`sqliteTable`) for a neutral table; compiled once and cached.
 *
 * @example
 * ```ts
 * const posts = toSQLiteTable(post);
 * drizzleDb.select().from(posts).all();
 * ```
 */
export function toSQLiteTable<T extends AnyTable>(table: T): SQLiteTableOf<T> {
  return compileTable(table) as unknown as SQLiteTableOf<T>;
}

/** A schema compiled from a neutral schema module, with precise types. */
export interface SQLiteCompiledSchema<S extends SchemaModule> {
  /** Drizzle tables by export name. */
  readonly tables: SQLiteTablesOf<S>;
  /** Tables and Drizzle relations by export name: the `schema` option of `drizzle()`. */
  readonly drizzleSchema: SQLiteSchemaOf<S>;
}

/**
 * Compiles a schema module's tables and relations to SQLite Drizzle objects.
 *
 * @example
 * ```ts
 * import * as schema from './schema.js';
 * const { drizzleSchema } = compileSQLiteSchema(schema);
 * const db = drizzle(sqliteClient, { schema: drizzleSchema });
 * ```
 */
export function compileSQLiteSchema<S extends SchemaModule>(module: S): SQLiteCompiledSchema<S> {
  return compileSchema(module, compileTable) as unknown as SQLiteCompiledSchema<S>;
}
