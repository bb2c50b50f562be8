import type { AnyTable, ColumnKind, ColumnMap, ColumnType, TableColumns, TableName } from '@strata/core';
import type { BuildColumns } from 'drizzle-orm';
import type {
  PgBigInt64BuilderInitial,
  PgBooleanBuilderInitial,
  PgCustomColumnBuilder,
  PgDatabase,
  PgDateStringBuilderInitial,
  PgDoublePrecisionBuilderInitial,
  PgIntegerBuilderInitial,
  PgJsonbBuilderInitial,
  PgQueryResultHKT,
  PgTableWithColumns,
  PgTextBuilderInitial,
  PgUUIDBuilderInitial,
  PgVarcharBuilderInitial,
} from 'drizzle-orm/pg-core';
import type { DrizzleRelationsOf, SchemaRelationKeys, SchemaTableKeys, WithColumnFacts } from '../shared/types.js';

type Strings = [string, ...string[]];

/** The Drizzle builder type of each neutral kind on PostgreSQL; mirrors `columns.ts`. */
interface PgBuilders {
  id: PgUUIDBuilderInitial<''>;
  uuid: PgUUIDBuilderInitial<''>;
  text: PgTextBuilderInitial<'', Strings>;
  enum: PgTextBuilderInitial<'', Strings>;
  varchar: PgVarcharBuilderInitial<'', Strings, number>;
  integer: PgIntegerBuilderInitial<''>;
  bigint: PgBigInt64BuilderInitial<''>;
  double: PgDoublePrecisionBuilderInitial<''>;
  boolean: PgBooleanBuilderInitial<''>;
  timestamp: PgCustomColumnBuilder<{
    name: '';
    dataType: 'custom';
    columnType: 'PgCustomColumn';
    data: Date;
    driverParam: string;
    enumValues: undefined;
  }>;
  date: PgDateStringBuilderInitial<''>;
  json: PgJsonbBuilderInitial<''>;
}

type PgBuilder<T extends ColumnType> = WithColumnFacts<PgBuilders[T['kind'] & ColumnKind], T>;

type PgBuilderMap<C extends ColumnMap> = { [K in keyof C]: PgBuilder<C[K]['_']> };

/**
 * The exact Drizzle type of the `pgTable` compiled from neutral table `T`.
 *
 * @example
 * ```ts
 * type Posts = PgTableOf<typeof post>;
 * type PostRow = Posts['$inferSelect']; // equals Row<typeof post>
 * ```
 */
export type PgTableOf<T extends AnyTable> = PgTableWithColumns<{
  name: TableName<T>;
  schema: undefined;
  columns: BuildColumns<TableName<T>, PgBuilderMap<TableColumns<T>>, 'pg'>;
  dialect: 'pg';
}>;

/**
 * The Drizzle tables of a schema module on PostgreSQL, by export name.
 *
 * @example
 * ```ts
 * type Tables = PgTablesOf<typeof import('./schema.js')>;
 * ```
 */
export type PgTablesOf<S> = { [K in SchemaTableKeys<S>]: S[K] extends AnyTable ? PgTableOf<S[K]> : never };

/**
 * Tables and relations of a schema module on PostgreSQL: the schema type of `drizzle()`.
 *
 * @example
 * ```ts
 * type Db = PgliteDatabase<PgSchemaOf<typeof schema>>;
 * ```
 */
export type PgSchemaOf<S> = PgTablesOf<S> & { [K in SchemaRelationKeys<S>]: DrizzleRelationsOf<S[K]> };

/**
 * Drizzle's PostgreSQL database for a schema module: what `db.drizzle` of every PostgreSQL engine
 * (postgres-js, PGlite, Neon) is. The type for code that takes `db.drizzle` on any of them, e.g.
 * after narrowing a union of databases with `db.dialect === 'pg'`.
 *
 * @example
 * ```ts
 * async function titles(drizzle: PgDrizzleOf<typeof schema>) { return drizzle.select().from(post); }
 * if (db.dialect === 'pg') await titles(db.drizzle);
 * ```
 */
export type PgDrizzleOf<S> = PgDatabase<PgQueryResultHKT, PgSchemaOf<S>>;
