import type { SchemaModule } from '@strata/core';
import { type DatabaseCapabilities, type EngineName, openDatabase, type StrataDatabase } from '../shared/database.js';
import { attachMigrationDriver } from '../shared/migration-driver.js';
import type { Plan, PlanExecutor } from '../shared/plan.js';
import { loggedExecutor, type QueryLogOptions } from '../shared/query-log.js';
import { type ReplicaNotice, routeReads } from '../shared/read-replicas.js';
import { attachReplicaProbes, type ReplicaProbeResult } from '../shared/replica-probes.js';
import type { RetryNotice } from '../shared/retry.js';
import { settledWithin, TransactionGate } from '../shared/transaction-gate.js';
import { createPgAdapter } from './adapter.js';
import { pgSchemaStatements, runPgStatements } from './ddl.js';
import { pgDialect } from './dialect.js';
import { createPgMigrationDriver } from './migrator.js';
import type { PgTablesOf } from './types.js';

/** What a PostgreSQL engine package hands over once its driver and Drizzle database exist. */
export interface PgEngineParts<S extends SchemaModule, TDrizzle extends object, TEngine extends EngineName, TClient> {
  readonly engine: TEngine;
  readonly schema: S;
  /** The compiled tables (from `compilePgSchema`). */
  readonly tables: PgTablesOf<S>;
  readonly drizzle: TDrizzle;
  /**
   * With replicas: the Drizzle database on the primary alone (`drizzle` then routes its reads to
   * the replicas), for `db.primary`, migrations and DDL. Default: `drizzle`.
   */
  readonly primaryDrizzle?: TDrizzle;
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
   * Read replicas: reads outside transactions go to them in turn (to another one or the primary
   * while one cannot be reached); writes and every statement of a transaction go to the primary
   * (a transaction reads its own writes).
   */
  readonly replicas?: readonly PgReplica[];
  /** Told when a replica goes down and when it is back (also logged, see `openPgDatabase`). */
  readonly onReplica?: ((notice: ReplicaNotice) => void) | undefined;
  /** Query logging of the repository's statements. */
  readonly log?: QueryLogOptions | undefined;
  /** Told of every retry (reads after a broken connection, transactions after a conflict). */
  readonly onRetry?: ((event: RetryNotice) => void) | undefined;
  /** What the driver cannot do (Neon's HTTP driver: no transactions); all by default. */
  readonly capabilities?: Partial<DatabaseCapabilities>;
  /** Closes the driver; work in flight may take `timeoutMs` to finish first. */
  readonly close: (options: { readonly timeoutMs: number }) => Promise<void>;
}

/**
 * A read replica of a PostgreSQL database, as an engine package hands it to `openPgDatabase`.
 *
 * @example
 * ```ts
 * const replica: PgReplica = { url: redactUrl(replicaUrl), executor: postgresExecutor(replicaClient, statements) };
 * ```
 */
export interface PgReplica {
  /** Its url with the password redacted: how logs, notices and `health()` name it. */
  readonly url: string;
  /** Runs statements on it. */
  readonly executor: PlanExecutor;
}

/**
 * A Strata database on a PostgreSQL engine, with `primary`: the same database on the primary
 * alone (itself without replicas).
 *
 * @example
 * ```ts
 * type Db = PgDatabase<typeof schema, PostgresJsDatabase, 'postgres', Sql>;
 * const fresh = (db: Db, id: string) => db.primary.repos.post.findById(id);
 * ```
 */
export type PgDatabase<S extends SchemaModule, TDrizzle, TEngine extends EngineName, TClient> = StrataDatabase<
  TDrizzle,
  PgTablesOf<S>,
  TEngine,
  S
> & {
  readonly client: TClient;
  readonly primary: PgDatabase<S, TDrizzle, TEngine, TClient>;
};

/**
 * A standby's replay lag: 0 when it replayed all it received, else the time since the last
 * transaction it replayed; null when it is not a standby (or has replayed nothing yet).
 */
const REPLAY_LAG: Plan = {
  text: `select case when not pg_is_in_recovery() then null when pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() then 0 else (extract(epoch from now() - pg_last_xact_replay_timestamp()) * 1000)::float8 end`,
  params: [],
  fields: [],
};

async function replayLag(replica: PgReplica): Promise<ReplicaProbeResult> {
  const [row] = await replica.executor.rows(REPLAY_LAG, []);
  const lag = row?.[0];
  return { lagMs: typeof lag === 'number' ? Math.max(0, Math.round(lag)) : undefined };
}

/**
 * A replica going down or back goes to `onReplica`, and to the query logger at `warn` (to the
 * console when neither is given: reads moving to the primary is worth an operator's notice).
 */
function replicaReporter(parts: PgEngineParts<SchemaModule, object, EngineName, unknown>) {
  return (notice: ReplicaNotice) => {
    parts.onReplica?.(notice);
    const message =
      notice.state === 'down'
        ? 'read replica unreachable: its reads go to another replica or the primary until it answers'
        : 'read replica back';
    const fields = {
      engine: parts.engine,
      replica: notice.replica,
      ...(notice.error && { error: notice.error.message }),
      ...(notice.downForMs !== undefined && { downForMs: notice.downForMs }),
    };
    if (parts.log?.logger) parts.log.logger.warn(fields, message);
    else if (!parts.onReplica)
      console.warn(`strata: ${message} (${notice.replica}${fields.error ? `: ${fields.error}` : ''})`);
  };
}

/**
 * A Strata database on any PostgreSQL engine: repository, DDL and lifecycle, shared by the
 * postgres-js, PGlite (and Neon) packages so each only opens its driver. With replicas it also
 * opens `db.primary`, the same database on the primary alone, on the same connections: closing
 * either closes both.
 *
 * @example
 * ```ts
 * return openPgDatabase({ engine: 'pglite', schema, tables, drizzle: db, client, connections: 'single', affectedRows, executor, close });
 * ```
 */
export function openPgDatabase<S extends SchemaModule, TDrizzle extends object, TEngine extends EngineName, TClient>(
  parts: PgEngineParts<S, TDrizzle, TEngine, TClient>,
): PgDatabase<S, TDrizzle, TEngine, TClient> {
  const { tables } = parts;
  const primaryDrizzle = parts.primaryDrizzle ?? parts.drizzle;
  // Migrations and DDL on the primary: a replica cannot write, and may lag behind the history.
  const ddl = primaryDrizzle as unknown as Parameters<typeof runPgStatements>[0];
  // One connection: the repository's transactions and migrations take turns on it. On a pool the
  // gate only counts work in flight, for close().
  const gate = parts.gate ?? new TransactionGate();
  const log = (executor: PlanExecutor) => (parts.log ? loggedExecutor(executor, parts.engine, parts.log) : executor);
  const replicas = parts.replicas ?? [];
  const transactionExecutor = parts.transactionExecutor;
  const migrationDriver = createPgMigrationDriver({
    drizzle: primaryDrizzle,
    gate: parts.connections === 'single' ? gate : undefined,
  });

  // The database and its primary view share the connections, so one close closes both.
  let closingAll: Promise<void> | undefined;
  const views: PgDatabase<S, TDrizzle, TEngine, TClient>[] = [];
  const closeAll = (timeoutMs: number, from: object) => {
    if (closingAll) return closingAll;
    closingAll = (async () => {
      const started = performance.now();
      await settledWithin(gate.idle(), timeoutMs);
      await parts.close({ timeoutMs: Math.max(0, timeoutMs - (performance.now() - started)) });
    })();
    // The other views refuse new work from now on too (their close returns this one's promise).
    for (const view of views) if (view !== from) view.close({ timeoutMs }).catch(() => {});
    return closingAll;
  };

  const open = (drizzle: TDrizzle, executor: PlanExecutor) => {
    let self: object = {};
    const database = openDatabase({
      engine: parts.engine,
      dialect: pgDialect,
      schema: parts.schema,
      capabilities: parts.capabilities,
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
      close: ({ timeoutMs }) => closeAll(timeoutMs, self),
    });
    self = database;
    const opened = Object.assign(database, { client: parts.client }) as PgDatabase<S, TDrizzle, TEngine, TClient>;
    attachMigrationDriver(opened, migrationDriver);
    views.push(opened);
    return opened;
  };

  const executor = replicas.length
    ? routeReads(
        parts.executor,
        replicas.map((replica) => ({ name: replica.url, executor: replica.executor })),
        {
          onReplica: replicaReporter(parts as PgEngineParts<SchemaModule, object, EngineName, unknown>),
          mapError: pgDialect.mapError,
        },
      )
    : parts.executor;
  const database = open(parts.drizzle, log(executor));
  const primary = replicas.length ? open(primaryDrizzle, log(parts.executor)) : database;
  // Not enumerable: a database that names itself must still print and spread.
  for (const view of new Set([database, primary])) Object.defineProperty(view, 'primary', { value: primary });
  if (replicas.length) {
    attachReplicaProbes(
      database,
      replicas.map((replica) => ({ url: replica.url, probe: () => replayLag(replica) })),
    );
  }
  return database;
}
