import type { AnyTable, DatabaseAdapter } from '@strata/core';
import { type SQL, sql } from 'drizzle-orm';
import { createSqlAdapter, type DrizzleSession } from '../shared/adapter.js';
import { pooledTransactions, serialTransactions } from '../shared/transactions.js';
import { postgresText } from './query.js';
import { toPgTable } from './table.js';

/** What a PostgreSQL engine (postgres-js, PGlite, Neon) supplies for its adapter. */
export interface PgAdapterOptions {
  /** The engine's Drizzle database. */
  readonly drizzle: object;
  /** A pool runs transactions side by side; a single connection (PGlite) queues them. */
  readonly connections: 'pool' | 'single';
  /** Rows touched by a write without RETURNING, from the driver's result. */
  readonly affectedRows: (result: unknown) => number;
  readonly mapError: (error: unknown, table: AnyTable) => unknown;
  readonly assertOpen: () => void;
}

/** PostgreSQL's limit on bound parameters in one statement (a 16-bit count in the protocol). */
const MAX_PARAMETERS = 65_535;

/**
 * Strata's adapter for any PostgreSQL engine.
 *
 * @example
 * ```ts
 * const adapter = createPgAdapter({ drizzle: db, connections: 'pool', affectedRows: (r) => (r as { count: number }).count, mapError, assertOpen });
 * ```
 */
export function createPgAdapter(options: PgAdapterOptions): DatabaseAdapter {
  const execute = (session: DrizzleSession, statement: SQL) =>
    (session as unknown as { execute(query: SQL): Promise<unknown> }).execute(statement);
  return createSqlAdapter({
    session: options.drizzle as DrizzleSession,
    capabilities: {
      returning: true,
      transactionalDdl: true,
      concurrentTransactions: options.connections === 'pool',
      maxParameters: MAX_PARAMETERS,
    },
    compileTable: toPgTable as never,
    text: postgresText,
    transactions: options.connections === 'pool' ? pooledTransactions() : serialTransactions(execute, sql`begin`),
    affectedRows: options.affectedRows,
    mapError: options.mapError,
    assertOpen: options.assertOpen,
  });
}
