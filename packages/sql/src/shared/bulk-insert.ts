import type { SQLWrapper } from 'drizzle-orm';
import type { DrizzleTable } from './table-compiler.js';

/**
 * How an engine inserts many rows that all have the same fields when it has a faster way than
 * one multi-row INSERT, whose parameter count grows with the rows (so a big insert is split into
 * statements that each take long to parse and plan): one `INSERT … SELECT FROM unnest(…)` with
 * one array parameter per column (PostgreSQL), a fixed number of parameters and one statement
 * planned once, whatever the row count.
 *
 * (better-sqlite3 has no such path: its one-row statement run once per row measured slower than
 * the multi-row INSERT once RETURNING is added, so SQLite keeps the ordinary path.)
 *
 * @example
 * ```ts
 * createSqlAdapter({ ..., bulkInsert: postgresArrayInsert });
 * ```
 */
export interface ArrayInsert {
  /**
   * The SQL of an insert of `keys` from one array per key (parameter `i` holds the values of
   * `keys[i]`, bound with `bind(i)`), returning the columns `returning` in that order (nothing
   * when it is empty).
   */
  statement(
    table: DrizzleTable,
    keys: readonly string[],
    returning: readonly string[],
    bind: (index: number) => SQLWrapper,
  ): { sql: string; params: unknown[] };
  /**
   * One column's driver values as one array literal (a bound parameter, never SQL text), or
   * `undefined` when a value has no literal form: the rows then go the ordinary way.
   */
  array(values: readonly unknown[]): string | undefined;
  /** The statement's `Plan.aggregated` form: its rows as one JSON array (see `Plan`). */
  aggregated(statement: string, table: DrizzleTable, returning: readonly string[]): string;
}
