import type { DatabaseAdapter, SchemaModule } from '@strata/core';
import type { SQL } from 'drizzle-orm';
import { createSqlAdapter, type DrizzleSession } from '../shared/adapter.js';
import type { PlanExecutor } from '../shared/plan.js';
import type { RetryNotice } from '../shared/retry.js';
import type { TransactionGate } from '../shared/transaction-gate.js';
import { pooledTransactions, serialTransactions } from '../shared/transactions.js';
import { pgDialect } from './dialect.js';

/** What a PostgreSQL engine (postgres-js, PGlite, Neon) supplies for its adapter. */
export interface PgAdapterOptions {
  /** The engine's Drizzle database. */
  readonly drizzle: object;
  /** A pool runs transactions side by side; a single connection (PGlite) queues them. */
  readonly connections: 'pool' | 'single';
  /** Rows touched by a write without RETURNING, from the driver's result. */
  readonly affectedRows: (result: unknown) => number;
  /** The schema module, so engine errors name constraints and columns the same on every engine. */
  readonly schema: SchemaModule;
  /** Throws once the database is closed (`inTransaction`: work of a running transaction, let finish). */
  readonly assertOpen: (inTransaction: boolean) => void;
  /** Runs cached query plans on the driver directly (see `PlanExecutor`). */
  readonly executor?: PlanExecutor;
  /** The connection's gate, shared with migrations; on a pool it only counts work in flight (for close). */
  readonly gate?: TransactionGate;
  /** On a pool: the executor for a transaction's own connection, from its Drizzle session. */
  readonly transactionExecutor?: (session: object) => PlanExecutor | undefined;
  /** Told of every retry (reads after a broken connection, transactions after a conflict). */
  readonly onRetry?: ((event: RetryNotice) => void) | undefined;
}

/**
 * Strata's adapter for any PostgreSQL engine.
 *
 * @example
 * ```ts
 * const adapter = createPgAdapter({ drizzle: db, connections: 'pool', affectedRows: (r) => (r as { count: number }).count, schema, assertOpen });
 * ```
 */
export function createPgAdapter(options: PgAdapterOptions): DatabaseAdapter {
  const execute = (session: DrizzleSession, statement: SQL) =>
    (session as unknown as { execute(query: SQL): Promise<unknown> }).execute(statement);
  return createSqlAdapter({
    dialect: pgDialect,
    schema: options.schema,
    session: options.drizzle as DrizzleSession,
    transactions:
      options.connections === 'pool'
        ? pooledTransactions(options.gate)
        : serialTransactions(execute, pgDialect.begin, options.gate),
    affectedRows: options.affectedRows,
    assertOpen: options.assertOpen,
    // On a pool a read whose connection broke can run again on another one.
    retryReads: options.connections === 'pool',
    ...(options.onRetry && { onRetry: options.onRetry }),
    ...(options.executor && { executor: options.executor }),
    transactionExecutor:
      options.connections === 'single' ? () => options.executor : (session) => options.transactionExecutor?.(session),
  });
}
