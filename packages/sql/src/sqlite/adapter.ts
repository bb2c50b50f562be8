import type { AdapterCapabilities, DatabaseAdapter, SchemaModule } from '@strata/core';
import type { SQL } from 'drizzle-orm';
import { createSqlAdapter, type DrizzleSession } from '../shared/adapter.js';
import type { PlanExecutor } from '../shared/plan.js';
import type { TransactionGate } from '../shared/transaction-gate.js';
import { type DriverTransaction, serialTransactions } from '../shared/transactions.js';
import { sqliteDialect } from './dialect.js';
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
  /** Statement limits below SQLite's own (a driver that binds fewer parameters per statement). */
  readonly limits?: Partial<AdapterCapabilities> | undefined;
}

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
    dialect: sqliteDialect,
    schema: options.schema,
    limits: options.limits,
    session: options.drizzle as DrizzleSession,
    transactions: serialTransactions(
      execute,
      options.writeTransaction ? (options.writeTransaction as unknown as DriverTransaction) : sqliteDialect.begin,
      options.gate,
    ),
    affectedRows: options.affectedRows ?? ((result) => Number((result as { changes: number | bigint }).changes)),
    assertOpen: options.assertOpen,
    ...(options.executor && { executor: options.executor }),
    // One connection: a transaction runs on the very connection the executor uses.
    transactionExecutor: options.transactionExecutor ?? (() => options.executor),
  });
}
