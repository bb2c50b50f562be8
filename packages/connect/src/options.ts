import type { SchemaModule } from '@strata/core';
import type { EngineDatabase, EngineName, QueryLogOptions, ReplicaNotice, RetryNotice } from '@strata/sql';
import type { NeonFetchEndpoint, NeonWebSocketOptions } from '@strata/sql/postgres';
import type { RetryOptions } from './retry.js';
import type { ConnectEngine } from './target.js';

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
  /** libSQL: the token of a `libsql://` server. */
  readonly libsql?: { readonly authToken?: string };
  /** SQLite settings. */
  readonly sqlite?: { readonly busyTimeoutMs?: number; readonly synchronous?: 'full' | 'normal' };
  /**
   * For server engines: wait for the server with retries before returning (default: on, with
   * {@link RetryOptions}' defaults). `false` opens lazily: the first query connects.
   */
  readonly retry?: RetryOptions | false;
}
