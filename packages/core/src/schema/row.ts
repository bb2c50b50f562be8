import type { ColumnValue } from './column.js';
import type { AnyTable, TableColumns } from './table.js';

type Simplify<T> = { [K in keyof T]: T[K] } & {};

type RequiredInsertKeys<C> = {
  [K in keyof C & string]: C[K] extends { _: { notNull: true; hasDefault: false } } ? K : never;
}[keyof C & string];

/**
 * A row as read from table `T`: the same type on every engine, and equal to the Drizzle
 * table's `$inferSelect`.
 *
 * @example
 * ```ts
 * type Post = Row<typeof post>; // { id: string; title: string; createdAt: Date; … }
 * ```
 */
export type Row<T extends AnyTable> = Simplify<{
  [K in keyof TableColumns<T> & string]: ColumnValue<TableColumns<T>[K]>;
}>;

/**
 * The values to insert into table `T`: columns without a default that reject null are required.
 * Equal to the Drizzle table's `$inferInsert` on every engine.
 *
 * @example
 * ```ts
 * const draft: NewRow<typeof post> = { title: 'Hello' };
 * ```
 */
export type NewRow<T extends AnyTable> = Simplify<
  {
    [K in RequiredInsertKeys<TableColumns<T>>]: ColumnValue<TableColumns<T>[K]>;
  } & {
    [K in Exclude<keyof TableColumns<T> & string, RequiredInsertKeys<TableColumns<T>>>]?:
      | ColumnValue<TableColumns<T>[K]>
      | undefined;
  }
>;
