import type { AdapterCapabilities, AnyTable } from '@strata/core';
import type { ArrayInsert } from './bulk-insert.js';
import type { TextDialect } from './condition.js';
import type { PlanExecutor } from './plan.js';
import type { DrizzleSession } from './query-builder.js';
import type { RetryNotice } from './retry.js';
import type { DrizzleTable } from './table-compiler.js';

/** How an engine runs transactions: the part that differs between a pool and one connection. */
export interface TransactionRunner {
  /** Runs one top-level operation (single-connection engines queue it behind open transactions). */
  operation<T>(work: () => Promise<T>): Promise<T>;
  /** Runs `work` in a transaction on `session`; `depth` > 0 means nested (a savepoint). */
  transaction<T>(session: DrizzleSession, depth: number, work: (session: DrizzleSession) => Promise<T>): Promise<T>;
}

/** What an engine supplies to get a {@link DatabaseAdapter}. */
export interface SqlAdapterOptions {
  readonly session: DrizzleSession;
  readonly capabilities: AdapterCapabilities;
  readonly compileTable: (table: AnyTable) => DrizzleTable;
  readonly text: TextDialect;
  readonly transactions: TransactionRunner;
  /** How many rows a write without RETURNING touched, from the driver's result. */
  readonly affectedRows: (result: unknown) => number;
  /** Turns an engine error into Strata's error (or returns it unchanged). */
  readonly mapError: (error: unknown, table: AnyTable | undefined) => unknown;
  /** Throws once the database is closed; `inTransaction`: work of a transaction already running (drained on close). */
  readonly assertOpen: (inTransaction: boolean) => void;
  /** Runs cached plans on the driver directly. Without it every call builds its query with Drizzle. */
  readonly executor?: PlanExecutor;
  /**
   * The executor for a transaction's session: the same one on a single connection, the
   * transaction's own connection on a pool. `undefined` builds each query with Drizzle there.
   */
  readonly transactionExecutor?: (session: DrizzleSession) => PlanExecutor | undefined;
  /**
   * The engine's faster way to insert many rows with the same fields (see `ArrayInsert`); without
   * it, `createMany` sends one multi-row INSERT.
   */
  readonly bulkInsert?: ArrayInsert;
  /**
   * Write the constant defaults a table keeps as JS values into an INSERT that leaves their
   * columns out, as literals (see `withConstantDefaults`): for a dialect whose Drizzle binds them
   * as parameters (SQLite), which would keep such an insert from being a plan.
   */
  readonly inlineConstantDefaults?: boolean;
  /**
   * Run a read outside a transaction again (a few times, with backoff) when the connection broke
   * under it: on a pool the next try takes another connection. Writes are never retried (one may
   * have committed before its answer was lost), nor constraint errors.
   */
  readonly retryReads?: boolean;
  /** Told of every retry: of a read after a broken connection, of a transaction after a conflict. */
  readonly onRetry?: (event: RetryNotice) => void;
}
