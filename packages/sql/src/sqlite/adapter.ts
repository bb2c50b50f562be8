import type { AnyTable, DatabaseAdapter } from '@strata/core';
import { type SQL, sql } from 'drizzle-orm';
import { createSqlAdapter, type DrizzleSession } from '../shared/adapter.js';
import { serialTransactions } from '../shared/transactions.js';
import { sqliteText } from './query.js';
import { toSQLiteTable } from './table.js';

/** What a SQLite engine supplies for its adapter. */
export interface SQLiteAdapterOptions {
  /** The engine's (synchronous) Drizzle database. */
  readonly drizzle: object;
  readonly mapError: (error: unknown, table: AnyTable) => unknown;
  readonly assertOpen: () => void;
}

/** SQLite's default SQLITE_MAX_VARIABLE_NUMBER since 3.32. */
const MAX_PARAMETERS = 32_766;

/**
 * Strata's adapter for SQLite. One connection: operations and transactions are queued, and a
 * transaction starts with BEGIN IMMEDIATE so it holds the write lock from the start (no deadlock
 * when two processes upgrade a read to a write at once).
 *
 * @example
 * ```ts
 * const adapter = createSQLiteAdapter({ drizzle: db, mapError, assertOpen });
 * ```
 */
export function createSQLiteAdapter(options: SQLiteAdapterOptions): DatabaseAdapter {
  const execute = (session: DrizzleSession, statement: SQL) =>
    (session as unknown as { run(query: SQL): unknown }).run(statement);
  return createSqlAdapter({
    session: options.drizzle as DrizzleSession,
    capabilities: {
      returning: true,
      transactionalDdl: true,
      concurrentTransactions: false,
      maxParameters: MAX_PARAMETERS,
    },
    compileTable: toSQLiteTable as never,
    text: sqliteText,
    transactions: serialTransactions(execute, sql`begin immediate`),
    affectedRows: (result) => Number((result as { changes: number | bigint }).changes),
    mapError: options.mapError,
    assertOpen: options.assertOpen,
  });
}
