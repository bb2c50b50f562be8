import type { AnyColumn } from '../schema/column.js';
import type { Condition, TextOperator } from '../schema/condition.js';
import type { AnyTable } from '../schema/table.js';

/**
 * What an engine can do. Shared code reads these flags instead of asking which engine it is.
 */
export interface AdapterCapabilities {
  /** Most bound parameters one statement may carry; bulk writes are chunked under it. */
  readonly maxParameters: number;
  /**
   * Most rows one `createMany` call takes when every row has the same fields, for an adapter
   * whose bulk insert does not bind a parameter per value (PostgreSQL's `unnest`: one array per
   * column). Absent: `maxParameters` bounds every call.
   */
  readonly bulkInsertRows?: number;
  /**
   * Most rows per multi-row INSERT, where the engine runs smaller statements faster than one at
   * the parameter limit (SQLite: a 256-row statement binds and runs about 13 % faster per row
   * than a 5,000-row one). Absent: as many rows as `maxParameters` allows.
   */
  readonly insertRowsPerStatement?: number;
  /**
   * The adapter writes all the rows of one `createMany` / `insertMany` call all or none itself,
   * in as many statements as it needs (D1: one batch). The repository then hands it every row in
   * one call, whatever their fields, and opens no transaction of its own. Absent: the repository
   * splits the rows under the limits above and runs the parts in one transaction.
   */
  readonly atomicBulkInsert?: boolean;
  /**
   * How many parameters each text match binds in this dialect's SQL, where its text appears more
   * than once (SQLite's `endsWith` compares two lengths and the text: 3). The repository counts a
   * filter's values with it against `maxParameters`. Absent: 3 for each, the most any engine binds.
   */
  readonly textMatchParameters?: Readonly<Record<TextOperator, number>>;
}

/** One sort key. Nulls sort first ascending and last descending, on every engine. */
export interface OrderTerm {
  readonly column: AnyColumn;
  readonly direction: 'asc' | 'desc';
}

/** A read, in neutral terms. Field names are the table's JS keys. */
export interface ReadQuery {
  readonly where?: Condition | undefined;
  readonly orderBy?: readonly OrderTerm[] | undefined;
  readonly limit?: number | undefined;
  readonly offset?: number | undefined;
  /** JS keys of the columns to return; all when absent. */
  readonly select?: readonly string[] | undefined;
  /**
   * An identity for the query's shape (its fields, operators, order, limit and select, not its
   * values), given by callers that issue the same shape again and again. Adapters may reuse work
   * per shape under it instead of deriving a key; equal `shapeKey`s must mean equal shapes, limit
   * included.
   */
  readonly shapeKey?: string | undefined;
}

/** A row as adapters pass it: JS keys, JS values (already decoded). */
export type AdapterRow = Record<string, unknown>;

/**
 * The primitives an engine implements. Everything users call (the repository) is written once
 * on top of them, so every engine behaves the same. Nothing here is SQL: a document store can
 * implement it too. Values arrive validated; an adapter maps engine errors to `DatabaseError`.
 *
 * @example
 * ```ts
 * const rows = await adapter.findMany(post, { where: { op: 'eq', column: post.status, value: 'draft' }, limit: 10 });
 * ```
 */
export interface DatabaseAdapter {
  readonly capabilities: AdapterCapabilities;
  /** Inserts one row and returns it as stored (defaults filled). */
  create(table: AnyTable, values: AdapterRow): Promise<AdapterRow>;
  /**
   * Inserts rows, all or none, and returns them in order: at most `maxParameters` values in all,
   * or `bulkInsertRows` rows when every row has the same fields, or any number with
   * `atomicBulkInsert`.
   */
  createMany(table: AnyTable, values: readonly AdapterRow[]): Promise<AdapterRow[]>;
  /**
   * Inserts rows like `createMany`, all or none and under the same limits, without reading them
   * back; returns how many went in. Optional: without it the repository calls `createMany`.
   */
  insertMany?(table: AnyTable, values: readonly AdapterRow[]): Promise<number>;
  findOne(table: AnyTable, query: ReadQuery): Promise<AdapterRow | undefined>;
  findMany(table: AnyTable, query: ReadQuery): Promise<AdapterRow[]>;
  count(table: AnyTable, where: Condition | undefined): Promise<number>;
  /**
   * How many rows matching `where` hold each value of `column`, one entry per value (null
   * included), sorted by value as `orderBy` sorts it. Optional: without it the repository counts
   * the values of a sorted `findMany`.
   */
  countBy?(
    table: AnyTable,
    column: AnyColumn,
    where: Condition | undefined,
  ): Promise<{ value: unknown; count: number }[]>;
  /** Updates the rows matching `where` and returns them. */
  update(table: AnyTable, where: Condition | undefined, patch: AdapterRow): Promise<AdapterRow[]>;
  /** Updates the rows matching `where` and returns how many changed. */
  updateMany(table: AnyTable, where: Condition | undefined, patch: AdapterRow): Promise<number>;
  /** Inserts, or on a conflict over `conflictKeys` updates with `patch`; returns the row. */
  upsert(table: AnyTable, values: AdapterRow, conflictKeys: readonly string[], patch: AdapterRow): Promise<AdapterRow>;
  /** Deletes the rows matching `where` and returns them. */
  delete(table: AnyTable, where: Condition | undefined): Promise<AdapterRow[]>;
  /** Deletes the rows matching `where` and returns how many went. */
  deleteMany(table: AnyTable, where: Condition | undefined): Promise<number>;
  /**
   * Runs `work` in a transaction: commits when it resolves, rolls back when it throws. Called on
   * a transaction's adapter it nests (a savepoint).
   */
  transaction<T>(work: (adapter: DatabaseAdapter) => Promise<T>): Promise<T>;
}
