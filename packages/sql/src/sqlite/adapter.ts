import type { DatabaseAdapter, SchemaModule } from '@strata/core';
import { type SQL, sql } from 'drizzle-orm';
import { createSqlAdapter, type DrizzleSession } from '../shared/adapter.js';
import type { PlanExecutor } from '../shared/plan.js';
import type { TransactionGate } from '../shared/transaction-gate.js';
import { type DriverTransaction, serialTransactions } from '../shared/transactions.js';
import { sqliteDialect } from './dialect.js';
import { sqliteText } from './query.js';
import { toSQLiteTable } from './table.js';
import type { SQLiteWriteTransaction } from './write-transaction.js';

/** What a SQLite engine supplies for its adapter. */
export interface SQLiteAdapterOptions {
  /** The engine's Drizzle database (synchronous like better-sqlite3's, or asynchronous like libSQL's). */
  readonly drizzle: object;
  /** The schema module, so engine errors name constraints and columns the same on every engine. */
  readonly schema: SchemaModule;
  /** Throws once the database is closed (`inTransaction`: work of a running transaction, let finish). */
  readonly assertOpen: (inTransaction: boolean) => void;
  /** Runs cached query plans on the driver directly (see `PlanExecutor`). */
  readonly executor?: PlanExecutor;
  /** The single connection's gate, shared with the database's migrations. */
  readonly gate?: TransactionGate;
  /**
   * How a top-level transaction runs; by default BEGIN IMMEDIATE … COMMIT as statements on the
   * connection (see `SQLiteWriteTransaction`). Nested transactions are savepoints either way.
   */
  readonly writeTransaction?: SQLiteWriteTransaction;
  /**
   * The executor for a transaction's Drizzle session; by default `executor` itself (one
   * connection: the transaction runs on it). `undefined` builds the transaction's queries with Drizzle.
   */
  readonly transactionExecutor?: (session: object) => PlanExecutor | undefined;
  /** Rows a write touched, from the driver's result of a Drizzle query; by default better-sqlite3's `changes`. */
  readonly affectedRows?: (result: unknown) => number;
}

/** SQLite's default SQLITE_MAX_VARIABLE_NUMBER since 3.32. */
const MAX_PARAMETERS = 32_766;

/**
 * Rows per statement of a bulk insert. Measured on better-sqlite3 (six columns, 10,000 rows):
 * 32–256-row statements take ≈2.0 µs per row, 1,024 rows 2.1, 5,461 (the parameter limit) 2.3:
 * a huge VALUES list compiles into a program too large to run from the CPU's caches.
 */
const INSERT_ROWS_PER_STATEMENT = 256;

/**
 * Strata's adapter for SQLite. One connection: operations and transactions are queued, and a
 * transaction starts with BEGIN IMMEDIATE so it holds the write lock from the start (no deadlock
 * when two processes upgrade a read to a write at once).
 *
 * @example
 * ```ts
 * const adapter = createSQLiteAdapter({ drizzle: db, schema, assertOpen });
 * ```
 */
export function createSQLiteAdapter(options: SQLiteAdapterOptions): DatabaseAdapter {
  const execute = (session: DrizzleSession, statement: SQL) =>
    (session as unknown as { run(query: SQL): unknown }).run(statement);
  return createSqlAdapter({
    session: options.drizzle as DrizzleSession,
    capabilities: {
      maxParameters: MAX_PARAMETERS,
      insertRowsPerStatement: INSERT_ROWS_PER_STATEMENT,
    },
    compileTable: toSQLiteTable as never,
    text: sqliteText,
    transactions: serialTransactions(
      execute,
      options.writeTransaction ? (options.writeTransaction as unknown as DriverTransaction) : sql`begin immediate`,
      options.gate,
    ),
    // Drizzle binds a left-out column's JS default here (numeric defaults are numbers: defaults.ts).
    inlineConstantDefaults: true,
    affectedRows: options.affectedRows ?? ((result) => Number((result as { changes: number | bigint }).changes)),
    mapError: (error, table) => sqliteDialect.mapError(error, { table, tables: options.schema }),
    assertOpen: options.assertOpen,
    ...(options.executor && { executor: options.executor }),
    // One connection: a transaction runs on the very connection the executor uses.
    transactionExecutor: options.transactionExecutor ?? (() => options.executor),
  });
}
