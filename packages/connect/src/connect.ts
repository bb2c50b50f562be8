import { type SchemaModule, StrataError } from '@strata/core';
import {
  type EngineDatabase,
  type EngineName,
  loadDriver,
  mapDatabaseError,
  migrationDriverOf,
  type QueryLogOptions,
  type ReplicaNotice,
  type RetryNotice,
  redactSecrets,
} from '@strata/sql';
import type { NeonFetchEndpoint, NeonWebSocketOptions } from '@strata/sql/postgres';
import { type RetryOptions, withRetry } from './retry.js';
import { type ConnectEngine, type ConnectTarget, type EngineOfUrl, localPathOf, parseConnectionUrl } from './target.js';

/**
 * A database opened by {@link connect}: the repository typed by the schema, the engine by the URL
 * — the engine package's own database type, so `db.drizzle` is that engine's typed Drizzle
 * database. Opened from a URL known only at run time it is the union of the engines: narrow it
 * with `db.engine` (or `db.dialect`) before using `db.drizzle`; the repository needs no narrowing.
 *
 * Engine types come from the engine packages the app has (see `EngineDatabase` in
 * `@strata/sql`): `@strata/connect` imports none of them, so an app on SQLite alone needs no
 * PGlite or PostgreSQL driver to type-check. An engine package the program never imports
 * types as the engine-neutral database (`db.drizzle` is `unknown`); `import type {} from
 * '@strata/sqlite'` brings its typed `db.drizzle` in.
 *
 * @example
 * ```ts
 * const db: ConnectedDatabase<typeof schema> = await connect(process.env.DATABASE_URL ?? 'sqlite:./dev.sqlite3', { schema });
 * if (db.engine === 'sqlite') await db.drizzle.query.post.findMany({ with: { author: true } });
 * ```
 */
export type ConnectedDatabase<S extends SchemaModule, E extends ConnectEngine = ConnectEngine> = EngineDatabase<
  S,
  E & EngineName
>;

/** Options of {@link connect}. */
export interface ConnectOptions<S extends SchemaModule> {
  /** The schema module: `import * as schema from './schema.js'`. */
  readonly schema: S;
  /** PostgreSQL pool settings (postgres-js). */
  readonly pool?: {
    /** Most connections. Default 10; see the README on sizing. */
    readonly max?: number;
    /** Seconds an idle connection stays open. Default 30. */
    readonly idleTimeoutSeconds?: number;
    /** Seconds to wait for a connection. Default 10. */
    readonly connectTimeoutSeconds?: number;
  };
  /**
   * PostgreSQL: `'transaction'` behind a transaction pooler (PgBouncer, Supabase's port 6543,
   * Neon's `-pooler` endpoints); `?pgbouncer=true` in the url says the same.
   */
  readonly pooler?: 'transaction';
  /** PostgreSQL: the server cancels statements running longer than this (ms). */
  readonly statementTimeoutMs?: number;
  /**
   * PostgreSQL: read replica URLs; reads outside transactions go to them (to the primary while
   * one is down), `db.primary` reads from the primary alone.
   */
  readonly replicas?: readonly string[];
  /** PostgreSQL: told when a read replica goes down and when it is back (once per outage). */
  readonly onReplica?: (notice: ReplicaNotice) => void;
  /** Query logging (every engine): logger, slow-query threshold, hook. */
  readonly log?: QueryLogOptions;
  /** PostgreSQL: told of every retry (reads after a broken connection, transactions after a conflict). */
  readonly onRetry?: (event: RetryNotice) => void;
  /** Neon: endpoints for local stand-ins or proxies (leave unset against Neon itself). */
  readonly neon?: {
    readonly fetchEndpoint?: NeonFetchEndpoint;
    readonly webSocket?: NeonWebSocketOptions;
  };
  /** SQLite settings. */
  readonly sqlite?: { readonly busyTimeoutMs?: number; readonly synchronous?: 'full' | 'normal' };
  /**
   * For server engines: wait for the server with retries before returning (default: on, with
   * {@link RetryOptions}' defaults). `false` opens lazily: the first query connects.
   */
  readonly retry?: RetryOptions | false;
}

/** Errors worth another try: the server is not there yet, or went away. */
function unreachable(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 6 && typeof current === 'object' && current !== null; depth++) {
    const { code, kind } = current as { code?: unknown; kind?: unknown };
    if (kind === 'connection' || kind === 'timeout') return true;
    if (
      typeof code === 'string' &&
      /^(ECONNREFUSED|ECONNRESET|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|EHOSTUNREACH|EPIPE|CONNECT_TIMEOUT|CONNECTION_CLOSED|CONNECTION_ENDED|CONNECTION_DESTROYED|57P03|08\w{3})$/.test(
        code,
      )
    ) {
      return true;
    }
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}

async function open<S extends SchemaModule>(
  target: ConnectTarget,
  options: ConnectOptions<S>,
): Promise<ConnectedDatabase<S>> {
  const { schema } = options;
  // `pglite:./data/app` in a new project: the engines create the file or directory, not the
  // folders above it. Loaded only for local paths, so browsers never load node:fs.
  if (localPathOf(target) !== undefined) await (await import('./local-files.js')).createParentFolders(target);
  switch (target.engine) {
    case 'postgres': {
      const { createDatabase } = await loadDriver('@strata/postgres', '0.1', () => import('@strata/postgres'));
      return (await createDatabase({
        schema,
        url: target.url,
        ...(options.pool?.max !== undefined && { maxConnections: options.pool.max }),
        ...(options.pool?.idleTimeoutSeconds !== undefined && { idleTimeoutSeconds: options.pool.idleTimeoutSeconds }),
        ...(options.pool?.connectTimeoutSeconds !== undefined && {
          connectTimeoutSeconds: options.pool.connectTimeoutSeconds,
        }),
        ...(options.pooler && { pooler: options.pooler }),
        ...(options.statementTimeoutMs !== undefined && { statementTimeoutMs: options.statementTimeoutMs }),
        ...(options.replicas && { replicas: options.replicas }),
        ...(options.log && { log: options.log }),
        ...(options.onRetry && { onRetry: options.onRetry }),
        ...(options.onReplica && { onReplica: options.onReplica }),
      })) as unknown as ConnectedDatabase<S>;
    }
    case 'neon': {
      const { createNeonDatabase } = await loadDriver('@strata/postgres', '0.1', () => import('@strata/postgres/neon'));
      const common = { schema, url: target.url };
      const db =
        target.driver === 'http'
          ? await createNeonDatabase({
              ...common,
              driver: 'http',
              ...(options.neon?.fetchEndpoint !== undefined && { fetchEndpoint: options.neon.fetchEndpoint }),
            })
          : await createNeonDatabase({
              ...common,
              driver: 'websocket',
              ...(options.pool?.max !== undefined && { maxConnections: options.pool.max }),
              ...(options.neon?.webSocket && { webSocket: options.neon.webSocket }),
            });
      return db as unknown as ConnectedDatabase<S>;
    }
    case 'pglite': {
      if (target.dataDir?.startsWith('idb://') && typeof indexedDB === 'undefined') {
        throw new StrataError(
          'CONFIG_INVALID',
          `${target.dataDir} keeps PGlite's data in IndexedDB, which only browsers have; in Node use pglite:./dir or pglite:memory`,
        );
      }
      const { createDatabase } = await loadDriver('@strata/pglite', '0.1', () => import('@strata/pglite'));
      return (await createDatabase({
        schema,
        ...(target.dataDir !== undefined && { dataDir: target.dataDir }),
        ...(options.log && { log: options.log }),
      })) as unknown as ConnectedDatabase<S>;
    }
    case 'sqlite': {
      const { createDatabase } = await loadDriver('@strata/sqlite', '0.1', () => import('@strata/sqlite'));
      return (await createDatabase({
        schema,
        ...(target.filename !== undefined && { filename: target.filename }),
        ...(options.sqlite?.busyTimeoutMs !== undefined && { busyTimeoutMs: options.sqlite.busyTimeoutMs }),
        ...(options.sqlite?.synchronous !== undefined && { synchronous: options.sqlite.synchronous }),
        ...(options.log && { log: options.log }),
      })) as unknown as ConnectedDatabase<S>;
    }
  }
}

/**
 * Opens a Strata database from a URL (or target options), picking the engine from the URL:
 * `postgres://…` (postgres-js), `neon+http://…` / `neon+ws://…` (Neon's serverless driver), `pglite:memory`, `pglite:./dir`, `idb://name` (browser),
 * `sqlite:./file.db`, `sqlite::memory:`. The engine's package is loaded only then: a URL whose
 * package is not installed is an error naming it. Missing folders above a SQLite file or a
 * PGlite directory are created (relative paths start at the working directory). On a server it waits for the database with
 * retries (exponential backoff with jitter) and fails with a `DatabaseError` of kind
 * `connection` (or `authentication`) whose message has the password masked.
 *
 * @example
 * ```ts
 * import * as schema from './schema.js';
 * const db = await connect(process.env.DATABASE_URL ?? 'sqlite:./dev.sqlite3', { schema });
 * const post = await db.repos.post.findById(id);
 * ```
 */
export async function connect<S extends SchemaModule, const U extends string>(
  url: U,
  options: ConnectOptions<S>,
): Promise<ConnectedDatabase<S, EngineOfUrl<U>>>;
export async function connect<S extends SchemaModule, const T extends ConnectTarget>(
  target: T,
  options: ConnectOptions<S>,
): Promise<ConnectedDatabase<S, T['engine']>>;
export async function connect<S extends SchemaModule>(
  target: string | ConnectTarget,
  options: ConnectOptions<S>,
): Promise<ConnectedDatabase<S>> {
  const resolved = typeof target === 'string' ? parseConnectionUrl(target) : target;
  const db = await open(resolved, options);
  if ((resolved.engine !== 'postgres' && resolved.engine !== 'neon') || options.retry === false) return db;
  const driver = migrationDriverOf(db);
  try {
    await withRetry(
      async () => {
        await driver?.ping();
      },
      options.retry ?? {},
      unreachable,
    );
  } catch (error) {
    await db.close().catch(() => undefined);
    const mapped = mapDatabaseError(error, { tables: options.schema });
    if (mapped !== error) throw mapped;
    throw new StrataError('CONNECTION_FAILED', redactSecrets(error instanceof Error ? error.message : String(error)), {
      cause: error,
    });
  }
  return db;
}
