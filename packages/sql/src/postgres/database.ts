import type { SchemaModule } from '@strata/core';
import type { RetryNotice } from '../shared/adapter.js';
import { type EngineName, openDatabase, type StrataDatabase } from '../shared/database.js';
import { attachMigrationDriver } from '../shared/migration-driver.js';
import type { PlanExecutor } from '../shared/plan.js';
import { loggedExecutor, type QueryLogOptions } from '../shared/query-log.js';
import { routeReads } from '../shared/read-replicas.js';
import { settledWithin, TransactionGate } from '../shared/transaction-gate.js';
import { createPgAdapter } from './adapter.js';
import { pgSchemaStatements, runPgStatements } from './ddl.js';
import { createPgMigrationDriver } from './migrator.js';
import type { PgTablesOf } from './types.js';

/** What a PostgreSQL engine package hands over once its driver and Drizzle database exist. */
export interface PgEngineParts<S extends SchemaModule, TDrizzle extends object, TEngine extends EngineName, TClient> {
  readonly engine: TEngine;
  readonly schema: S;
  /** The compiled tables (from `compilePgSchema`). */
  readonly tables: PgTablesOf<S>;
  readonly drizzle: TDrizzle;
  /** The driver's client, exposed as `db.client`. */
  readonly client: TClient;
  /** A pool runs transactions side by side; a single connection (PGlite) queues them. */
  readonly connections: 'pool' | 'single';
  /** Rows touched by a write without RETURNING, from the driver's result. */
  readonly affectedRows: (result: unknown) => number;
  readonly executor: PlanExecutor;
  /** On a pool: the executor for a transaction's own connection, from its Drizzle session. */
  readonly transactionExecutor?: (session: object) => PlanExecutor | undefined;
  /**
   * On a single connection: its gate, when several Strata databases share the connection (one
   * PGlite instance given to two `createDatabase` calls) so their transactions take turns.
   */
  readonly gate?: TransactionGate;
  /**
   * Executors of read replicas: reads outside transactions go to them in turn; writes and every
   * statement of a transaction go to the primary (a transaction reads its own writes).
   */
  readonly replicaExecutors?: readonly PlanExecutor[];
  /** Query logging of the repository's statements. */
  readonly log?: QueryLogOptions | undefined;
  /** Told of every retry (reads after a broken connection, transactions after a conflict). */
  readonly onRetry?: ((event: RetryNotice) => void) | undefined;
  /** Closes the driver; work in flight may take `timeoutMs` to finish first. */
  readonly close: (options: { readonly timeoutMs: number }) => Promise<void>;
}

/**
 * A Strata database on any PostgreSQL engine: repository, DDL and lifecycle, shared by the
 * postgres-js, PGlite (and Neon) packages so each only opens its driver.
 *
 * @example
 * ```ts
 * return openPgDatabase({ engine: 'pglite', schema, tables, drizzle: db, client, connections: 'single', affectedRows, executor, close });
 * ```
 */
export function openPgDatabase<S extends SchemaModule, TDrizzle extends object, TEngine extends EngineName, TClient>(
  parts: PgEngineParts<S, TDrizzle, TEngine, TClient>,
): StrataDatabase<TDrizzle, PgTablesOf<S>, TEngine, S> & { readonly client: TClient } {
  const { drizzle, tables } = parts;
  const ddl = drizzle as unknown as Parameters<typeof runPgStatements>[0];
  // One connection: the repository's transactions and migrations take turns on it. On a pool the
  // gate only counts work in flight, for close().
  const gate = parts.gate ?? new TransactionGate();
  const log = (executor: PlanExecutor) => (parts.log ? loggedExecutor(executor, parts.engine, parts.log) : executor);
  const executor = log(
    parts.replicaExecutors?.length ? routeReads(parts.executor, parts.replicaExecutors) : parts.executor,
  );
  const transactionExecutor = parts.transactionExecutor;
  const database = openDatabase({
    engine: parts.engine,
    dialect: 'pg',
    schema: parts.schema,
    createAdapter: (assertOpen) =>
      createPgAdapter({
        drizzle,
        connections: parts.connections,
        affectedRows: parts.affectedRows,
        schema: parts.schema,
        assertOpen,
        executor,
        gate,
        onRetry: parts.onRetry,
        ...(transactionExecutor && {
          transactionExecutor: (session: object) => {
            const own = transactionExecutor(session);
            return own && log(own);
          },
        }),
      }),
    drizzle,
    tables,
    createTables: async () => runPgStatements(ddl, await pgSchemaStatements(tables, 'create')),
    dropTables: async () => runPgStatements(ddl, await pgSchemaStatements(tables, 'drop')),
    close: async ({ timeoutMs }) => {
      const started = performance.now();
      await settledWithin(gate.idle(), timeoutMs);
      await parts.close({ timeoutMs: Math.max(0, timeoutMs - (performance.now() - started)) });
    },
  });
  const opened = Object.assign(database, { client: parts.client });
  attachMigrationDriver(
    opened,
    createPgMigrationDriver({ drizzle, gate: parts.connections === 'single' ? gate : undefined }),
  );
  return opened;
}
