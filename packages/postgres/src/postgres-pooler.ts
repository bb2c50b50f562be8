import { StrataError } from '@strata/core';
import { type QueryLogOptions, redactUrl } from '@strata/sql';
import type { Sql } from 'postgres';

/**
 * The kind of connection pooler between the app and the server. `'transaction'`: a server
 * connection is lent for one transaction at a time (PgBouncer's `pool_mode = transaction`,
 * Supabase's pooler on port 6543, Neon's `-pooler` endpoints), so nothing bound to a server
 * session survives from one transaction to the next.
 *
 * @example
 * ```ts
 * const pooler: PoolerMode = 'transaction';
 * ```
 */
export type PoolerMode = 'transaction';

/** The URL query parameter Supabase's and Prisma's docs use to mark a transaction pooler. */
const PGBOUNCER_PARAMETER = 'pgbouncer';

/**
 * Reads and removes `pgbouncer=true|false` from a PostgreSQL URL: postgres-js would send an
 * unknown query parameter to the server as a startup parameter, which PgBouncer refuses.
 *
 * @example
 * ```ts
 * poolerOfUrl('postgres://app@db:6543/app?pgbouncer=true');
 * // { url: 'postgres://app@db:6543/app', pooler: 'transaction' }
 * ```
 */
export function poolerOfUrl(url: string): { readonly url: string; readonly pooler: PoolerMode | undefined } {
  const parsed = new URL(url);
  const value = parsed.searchParams.get(PGBOUNCER_PARAMETER);
  if (value === null) return { url, pooler: undefined };
  if (value !== 'true' && value !== 'false') {
    throw new StrataError(
      'CONFIG_INVALID',
      `The PostgreSQL url sets pgbouncer=${value}: use pgbouncer=true (a transaction pooler) or leave it out, in ${redactUrl(url)}`,
    );
  }
  parsed.searchParams.delete(PGBOUNCER_PARAMETER);
  return { url: parsed.toString(), pooler: value === 'true' ? 'transaction' : undefined };
}

/**
 * Checks the options a transaction pooler cannot honour. `statementTimeoutMs` travels as a
 * startup parameter, which PgBouncer refuses; setting it per transaction would cost a round trip
 * per statement, so the server's own setting is the way.
 */
export function checkPoolerOptions(options: { readonly statementTimeoutMs?: number | undefined }): void {
  if (options.statementTimeoutMs !== undefined) {
    throw new StrataError(
      'CONFIG_INVALID',
      "statementTimeoutMs cannot be used behind a transaction pooler (poolers refuse startup parameters): set it on the server instead, e.g. ALTER ROLE app SET statement_timeout = '5s', and remove statementTimeoutMs",
    );
  }
}

/** SQLSTATE 26000: a named prepared statement the server connection does not have. */
function isMissingStatement(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === '26000';
}

/**
 * Named prepared statements of one database, shared by its pools: on until a pooler is seen in
 * front of the server, then off for good, with one warning.
 */
export interface StatementMode {
  /** Whether Strata's own queries ask for named statements now. */
  readonly named: boolean;
  /**
   * Resolves once the first connection was checked for a pooler (run on `connection`: inside a
   * transaction, its own). Named statements are never sent before.
   */
  ready(connection: Sql): Promise<void> | undefined;
  /**
   * Looks at a finished query (`error` when it failed): postgres-js retries a missing statement
   * once on its own and keeps the first error as `retried`. Returns true when the query failed
   * only because of a missing statement, so that it ran nowhere and may run again.
   */
  observe(query: object, error?: unknown): boolean;
}

const WARNING =
  'PostgreSQL: a connection pooler (PgBouncer, Supabase, Neon) sits in front of the server, so Strata uses unnamed statements on this database (a named one may be missing on the next server connection). Pass pooler: "transaction" (or add pgbouncer=true to the url) to say so and skip this check.';

/**
 * The statement mode of a database's pools (`clients`): `'transaction'` starts with named
 * statements off. Otherwise the first query checks whether the server it talks to is the one
 * that sent the connection's cancel key: a pooler hands out keys of its own, since it shares
 * server connections. Waiting for a "prepared statement does not exist" error instead is not
 * safe: postgres-js retries it behind queries already pipelined on the connection, which can
 * hang the connection. A missing statement still turns them off, should a pooler pass keys on.
 *
 * @example
 * ```ts
 * const statements = statementMode([client], undefined, options.log);
 * ```
 */
export function statementMode(
  clients: readonly Sql[],
  pooler: PoolerMode | undefined,
  log: QueryLogOptions | undefined,
): StatementMode {
  let named = pooler === undefined;
  let probe: Promise<void> | undefined;
  let checked = false;
  const switchOff = (reason: string) => {
    if (!named) return;
    named = false;
    // postgres-js reads this shared option each time it builds a query, on every connection:
    // every later query (Drizzle's too) is unnamed.
    for (const client of clients) client.options.prepare = false;
    if (log?.logger) log.logger.warn({ engine: 'postgres', reason }, WARNING);
    else console.warn(WARNING);
  };
  const check = async (connection: Sql) => {
    const query = connection.unsafe('select pg_backend_pid() as "pid"');
    const [row] = await query;
    const key = (query as { state?: { pid?: unknown } }).state?.pid;
    if (typeof key === 'number' && row?.pid !== key) switchOff('cancel key of another process');
    checked = true;
  };
  return {
    get named() {
      return named;
    },
    ready(connection) {
      if (!named || checked) return undefined;
      probe ??= check(connection).catch((error: unknown) => {
        probe = undefined; // checked again by the next query; this one fails on its own
        throw error;
      });
      return probe;
    },
    observe(query, error) {
      const stale = isMissingStatement((query as { retried?: unknown }).retried) || isMissingStatement(error);
      if (stale) switchOff('prepared statement missing');
      return error !== undefined && stale;
    },
  };
}
