import type { SchemaModule } from '@strata/core';
import {
  drizzleQueryLogger,
  loadDriver,
  type QueryLogOptions,
  type ReplicaNotice,
  type RetryNotice,
  redactUrl,
  retryDelay,
  type StrataDatabase,
} from '@strata/sql';
import { compilePgSchema, openPgDatabase, type PgSchemaOf, type PgTablesOf } from '@strata/sql/postgres';
import type { PostgresJsDatabase } from 'drizzle-orm/postgres-js';
import type { Sql } from 'postgres';
import { inFlightLimit, limitedClient } from './in-flight-limit.js';
import { postgresExecutor } from './postgres-executor.js';
import { checkPoolerOptions, type PoolerMode, poolerOfUrl, statementMode } from './postgres-pooler.js';
import { parsePostgresUrl } from './postgres-url.js';

/** Options of {@link createDatabase}. */
export interface PostgresDatabaseOptions<S extends SchemaModule> {
  /** The schema module: `import * as schema from './schema.js'`. */
  readonly schema: S;
  /**
   * `postgres://user:password@host:5432/database`. `?pgbouncer=true` (Supabase's and Prisma's
   * convention) sets `pooler: 'transaction'` and is removed before the driver sees the url.
   */
  readonly url: string | undefined;
  /**
   * `'transaction'` behind a transaction pooler (PgBouncer's `pool_mode = transaction`,
   * Supabase's pooler on port 6543, Neon's `-pooler` endpoints): no named prepared statements and
   * no startup parameters (`statementTimeoutMs` is refused: set it on the server). Without it,
   * the first statement found missing on its server connection switches this database to
   * unnamed statements, with one warning.
   */
  readonly pooler?: PoolerMode;
  /** Most connections the pool opens. Default 10. */
  readonly maxConnections?: number;
  /** Seconds an idle connection stays open. Default 30. */
  readonly idleTimeoutSeconds?: number;
  /** Seconds to wait for a connection. Default 10. */
  readonly connectTimeoutSeconds?: number;
  /**
   * Longest wait before reconnecting after failed connections, in ms. Default 1000. (The
   * driver's own default grows to 20 s, so queries issued during an outage would wait that long
   * after the server is back.)
   */
  readonly reconnectMaxDelayMs?: number;
  /**
   * The server cancels any statement running longer than this, in ms (`statement_timeout`); the
   * caller gets a `DatabaseError` of kind `timeout`. Default: none. Not with `pooler`.
   */
  readonly statementTimeoutMs?: number;
  /**
   * Read replicas (`postgres://…` each): reads outside transactions go to them in turn, writes
   * and transactions to the primary `url`, so a transaction reads its own writes, and so does
   * `db.primary`. Reads outside transactions may lag by a replica's replay delay. A replica that
   * cannot be reached is left out for a couple of seconds (its reads go to another replica or the
   * primary), reported once per outage (`onReplica`, `log.logger.warn`), then tried again.
   * `db.drizzle`'s reads go to the replicas through Drizzle's `withReplicas`, with no fallback.
   */
  readonly replicas?: readonly string[];
  /**
   * Told when a read replica goes down (a read could not reach it) and when it is back: once
   * per outage each way. Without it and without `log.logger`, outages go to `console.warn`.
   */
  readonly onReplica?: (notice: ReplicaNotice) => void;
  /** Query logging: logger, slow-query threshold, an OpenTelemetry-friendly hook. */
  readonly log?: QueryLogOptions;
  /**
   * Told of every retry Strata makes: a read outside a transaction whose connection broke (up to
   * 3 tries), a transaction that lost a serialization conflict or deadlock (up to 5). Writes and
   * constraint errors are never retried.
   */
  readonly onRetry?: (event: RetryNotice) => void;
}

/** The url, checked before postgres-js sees it (see `parsePostgresUrl`). */
function validUrl(url: string | undefined): string {
  parsePostgresUrl(url, { name: 'PostgreSQL', example: 'postgres://user:secret@host:5432/database' });
  return url as string;
}

/** A Strata database on a PostgreSQL server. */
export type PostgresDatabase<S extends SchemaModule> = StrataDatabase<
  PostgresJsDatabase<PgSchemaOf<S>>,
  PgTablesOf<S>,
  'postgres',
  S
> & {
  /** The postgres-js client (connection pool), for features Drizzle does not wrap (LISTEN, COPY). */
  readonly client: Sql;
  /**
   * The same database on the primary alone: its repositories, `drizzle` and transactions never
   * read from a replica, so a read right after a write sees it. The database itself when it has
   * no replicas. It shares the connections: closing either closes both.
   *
   * @example
   * ```ts
   * const post = await db.repos.post.create({ title: 'Hello' });
   * await db.primary.repos.post.findUnique({ where: { id: post.id } }); // found, even if replicas lag
   * ```
   */
  readonly primary: PostgresDatabase<S>;
};

// Registers this engine's database type, so that types ranging over engines (connect()'s
// result, the test harness) name it only when this package is installed.
declare module '@strata/sql' {
  interface EngineDatabases<S extends SchemaModule> {
    readonly postgres: PostgresDatabase<S>;
  }
}

/**
 * Opens a connection pool to a PostgreSQL server for a schema. Connections open lazily, on the
 * first query.
 *
 * @example
 * ```ts
 * const db = await createDatabase({ schema, url: 'postgres://app@localhost:5432/app' });
 * const rows = await db.drizzle.select().from(db.tables.post);
 * await db.close();
 * ```
 */
export async function createDatabase<S extends SchemaModule>(
  options: PostgresDatabaseOptions<S>,
): Promise<PostgresDatabase<S>> {
  const target = poolerOfUrl(validUrl(options.url));
  const url = target.url;
  const replicaTargets = (options.replicas ?? []).map((replica) => poolerOfUrl(validUrl(replica)));
  // One mode for the whole database: a replica reached through a pooler makes its statements unsafe too.
  const pooler = options.pooler ?? target.pooler ?? replicaTargets.find((each) => each.pooler)?.pooler;
  if (pooler !== undefined) checkPoolerOptions(options);
  const { default: postgres } = await loadDriver('postgres', '3', () => import('postgres'));
  const { drizzle } = await import('drizzle-orm/postgres-js');
  const { withReplicas } = await import('drizzle-orm/pg-core');
  const compiled = compilePgSchema(options.schema);
  // The driver's reconnects: from 50 ms, doubling per failed connection, capped (equal jitter).
  const reconnectPolicy = {
    initialDelayMs: 50,
    maxDelayMs: options.reconnectMaxDelayMs ?? 1000,
    jitter: 'equal',
  } as const;
  const open = (target: string) =>
    postgres(target, {
      max: options.maxConnections ?? 10,
      idle_timeout: options.idleTimeoutSeconds ?? 30,
      connect_timeout: options.connectTimeoutSeconds ?? 10,
      // postgres-js wants seconds.
      backoff: (retries: number) => retryDelay(retries + 1, reconnectPolicy) / 1000,
      onnotice: () => {},
      // Behind a transaction pooler the next query may land on another server connection.
      prepare: pooler === undefined,
      ...(options.statementTimeoutMs !== undefined && {
        connection: { statement_timeout: Math.max(1, Math.trunc(options.statementTimeoutMs)) },
      }),
    });
  const client = jsonAsText(open(url));
  const replicaClients = replicaTargets.map((replica) => jsonAsText(open(replica.url)));
  const statements = statementMode([client, ...replicaClients], pooler, options.log);
  // Behind a pooler, never more in flight than connections: see in-flight-limit.ts.
  const limited = (each: Sql) =>
    limitedClient(each, inFlightLimit(options.maxConnections ?? 10), () => !statements.named);
  const pooledClient = limited(client);
  const pooledReplicas = replicaClients.map(limited);
  const config = {
    schema: compiled.drizzleSchema as PgSchemaOf<S>,
    logger: drizzleQueryLogger('postgres', options.log),
  };
  const primary = drizzle(pooledClient, config);
  // db.drizzle routes like the repository: Drizzle's own replica support.
  const db = replicaClients.length
    ? (withReplicas(primary, pooledReplicas.map((replica) => drizzle(replica, config)) as never) as typeof primary)
    : primary;
  return openPgDatabase({
    engine: 'postgres',
    schema: options.schema,
    tables: compiled.tables,
    drizzle: db,
    client,
    connections: 'pool',
    affectedRows: (result) => (result as { count: number }).count,
    executor: postgresExecutor(pooledClient, statements),
    primaryDrizzle: primary,
    replicas: pooledReplicas.map((replica, index) => ({
      url: redactUrl(options.replicas?.[index] ?? ''),
      executor: postgresExecutor(replica, statements),
    })),
    log: options.log,
    onRetry: options.onRetry,
    onReplica: options.onReplica,
    transactionExecutor: (session) => {
      // Drizzle's postgres-js transaction keeps its reserved connection as `session.client`.
      const reserved = (session as { session?: { client?: Sql } }).session?.client;
      return reserved ? postgresExecutor(reserved, statements, true) : undefined;
    },
    // postgres-js waits for queries still running, then ends connections (rolling back open transactions).
    close: async ({ timeoutMs }) => {
      const timeout = Math.max(0.1, timeoutMs / 1000);
      await Promise.all([client, ...replicaClients].map((each) => each.end({ timeout })));
    },
  });
}

/**
 * json and jsonb come back as their text, which Drizzle's json columns parse once. Parsed by the
 * driver and then again by Drizzle, a stored JSON string that is itself JSON text (`"1"`,
 * `"[3]"`) read back as the number 1 or the array [3]. Set on the client, as Drizzle sets its
 * date types: `db.client`'s own queries get json as text too.
 */
function jsonAsText(client: Sql): Sql {
  const parsers = client.options.parsers as Record<string, (value: string) => unknown>;
  for (const oid of JSON_TYPE_OIDS) parsers[oid] = (value) => value;
  return client;
}

/** The type ids of json and jsonb. */
const JSON_TYPE_OIDS = ['114', '3802'];
