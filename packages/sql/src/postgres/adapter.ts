import type { DatabaseAdapter, SchemaModule } from '@strata/core';
import type { SQL } from 'drizzle-orm';
import { createSqlAdapter, type DrizzleSession } from '../shared/adapter.js';
import type { EngineName } from '../shared/database.js';
import { pooledTransactions, serialTransactions } from '../shared/transactions.js';
import type { PgEngineParts } from './database.js';
import { pgDialect } from './dialect.js';

/**
 * What a PostgreSQL engine (postgres-js, PGlite, Neon) supplies for its adapter: the parts of
 * `PgEngineParts` the adapter reads (documented there), its Drizzle database, and `assertOpen`,
 * which throws once the database is closed (`inTransaction`: work of a running transaction, let finish).
 */
export type PgAdapterOptions = Pick<
  PgEngineParts<SchemaModule, object, EngineName, unknown>,
  'connections' | 'affectedRows' | 'schema' | 'gate' | 'transactionExecutor' | 'onRetry'
> &
  Partial<Pick<PgEngineParts<SchemaModule, object, EngineName, unknown>, 'executor'>> & {
    readonly drizzle: object;
    readonly assertOpen: (inTransaction: boolean) => void;
  };

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
