import type { AnyTable, ColumnKind, ColumnMap, ColumnType, TableColumns, TableName } from '@strata/core';
import type { BuildColumns } from 'drizzle-orm';
import type {
  BaseSQLiteDatabase,
  SQLiteCustomColumnBuilder,
  SQLiteRealBuilderInitial,
  SQLiteTableWithColumns,
  SQLiteTextBuilderInitial,
  SQLiteTextJsonBuilderInitial,
} from 'drizzle-orm/sqlite-core';
import type { DrizzleRelationsOf, SchemaRelationKeys, SchemaTableKeys, WithColumnFacts } from '../shared/types.js';

type Strings = [string, ...string[]];

type IntegerBacked<TData> = SQLiteCustomColumnBuilder<{
  name: '';
  dataType: 'custom';
  columnType: 'SQLiteCustomColumn';
  data: TData;
  driverParam: number | bigint;
  enumValues: undefined;
}>;

/** The Drizzle builder type of each neutral kind on SQLite; mirrors `columns.ts`. */
interface SQLiteBuilders {
  id: SQLiteTextBuilderInitial<'', Strings, undefined>;
  uuid: SQLiteTextBuilderInitial<'', Strings, undefined>;
  text: SQLiteTextBuilderInitial<'', Strings, undefined>;
  enum: SQLiteTextBuilderInitial<'', Strings, undefined>;
  varchar: SQLiteTextBuilderInitial<'', Strings, number>;
  date: SQLiteTextBuilderInitial<'', Strings, undefined>;
  double: SQLiteRealBuilderInitial<''>;
  json: SQLiteTextJsonBuilderInitial<''>;
  integer: IntegerBacked<number>;
  bigint: IntegerBacked<bigint>;
  boolean: IntegerBacked<boolean>;
  timestamp: IntegerBacked<Date>;
}

type SQLiteBuilder<T extends ColumnType> = WithColumnFacts<SQLiteBuilders[T['kind'] & ColumnKind], T>;

type SQLiteBuilderMap<C extends ColumnMap> = { [K in keyof C]: SQLiteBuilder<C[K]['_']> };

/**
 * The exact Drizzle type of the `sqliteTable` compiled from neutral table `T`.
 *
 * @example
 * ```ts
 * type PostRow = SQLiteTableOf<typeof post>['$inferSelect']; // equals Row<typeof post>
 * ```
 */
export type SQLiteTableOf<T extends AnyTable> = SQLiteTableWithColumns<{
  name: TableName<T>;
  schema: undefined;
  columns: BuildColumns<TableName<T>, SQLiteBuilderMap<TableColumns<T>>, 'sqlite'>;
  dialect: 'sqlite';
}>;

/**
 * The Drizzle tables of a schema module on SQLite, by export name.
 *
 * @example
 * ```ts
 * type Tables = SQLiteTablesOf<typeof import('./schema.js')>;
 * ```
 */
export type SQLiteTablesOf<S> = { [K in SchemaTableKeys<S>]: S[K] extends AnyTable ? SQLiteTableOf<S[K]> : never };

/**
 * Tables and relations of a schema module on SQLite: the schema type of `drizzle()`.
 *
 * @example
 * ```ts
 * type Db = BetterSQLite3Database<SQLiteSchemaOf<typeof schema>>;
 * ```
 */
export type SQLiteSchemaOf<S> = SQLiteTablesOf<S> & { [K in SchemaRelationKeys<S>]: DrizzleRelationsOf<S[K]> };

/**
 * Drizzle's SQLite database for a schema module, whichever driver runs it (synchronous like
 * better-sqlite3 or asynchronous): the type for code that takes `db.drizzle` after narrowing a
 * union of databases with `db.dialect === 'sqlite'`.
 *
 * @example
 * ```ts
 * async function titles(drizzle: SQLiteDrizzleOf<typeof schema>) { return drizzle.select().from(post); }
 * if (db.dialect === 'sqlite') await titles(db.drizzle);
 * ```
 */
export type SQLiteDrizzleOf<S> = BaseSQLiteDatabase<'sync' | 'async', unknown, SQLiteSchemaOf<S>>;
