import type { AdapterCapabilities, SchemaModule } from '@strata/core';
import type { SqlDialect } from './dialect.js';
import type { PlanExecutor } from './plan.js';
import type { DrizzleSession } from './query-builder.js';
import type { RetryNotice } from './retry.js';

/** How an engine runs transactions: the part that differs between a pool and one connection. */
export interface TransactionRunner {
  /** Runs one top-level operation (single-connection engines queue it behind open transactions). */
  operation<T>(work: () => Promise<T>): Promise<T>;
  /** Runs `work` in a transaction on `session`; `depth` > 0 means nested (a savepoint). */
  transaction<T>(session: DrizzleSession, depth: number, work: (session: DrizzleSession) => Promise<T>): Promise<T>;
}

/** What an engine supplies to get a {@link DatabaseAdapter}. */
export interface SqlAdapterOptions {
  /** The dialect: table kit, text functions, bulk insert, statement limits, error reader. */
  readonly dialect: SqlDialect;
  /** The schema module, so engine errors name constraints and columns the same on every engine. */
  readonly schema: SchemaModule;
  /** Limits of this engine below its dialect's (a driver that binds fewer parameters per statement). */
  readonly limits?: Partial<AdapterCapabilities> | undefined;
  readonly session: DrizzleSession;
  readonly transactions: TransactionRunner;
  /** How many rows a write without RETURNING touched, from the driver's result. */
  readonly affectedRows: (result: unknown) => number;
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
   * Run a read outside a transaction again (a few times, with backoff) when the connection broke
   * under it: on a pool the next try takes another connection. Writes are never retried (one may
   * have committed before its answer was lost), nor constraint errors.
   */
  readonly retryReads?: boolean;
  /** Told of every retry: of a read after a broken connection, of a transaction after a conflict. */
  readonly onRetry?: (event: RetryNotice) => void;
}
