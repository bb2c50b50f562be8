// Opening the Codex database from the environment. The three strategies are Strata's
// `DB_METHOD` convention: LOCAL_PROXY → DATABASE_URL_LOCAL_PROXY (postgres-js), NEON_BRANCH and
// PRODUCTION → DATABASE_URL through Neon's serverless driver (HTTP or WebSocket).
import { type ConnectedDatabase, type ConnectOptions, connectFromEnv, type Environment } from '@strata/connect';
import * as schema from './schema/index.js';

/**
 * The Codex database on PostgreSQL: a postgres-js pool (LOCAL_PROXY) or Neon's serverless
 * driver (NEON_BRANCH, PRODUCTION). `db.repos` is the repository, `db.drizzle` Drizzle itself.
 *
 * @example
 * ```ts
 * const db: CodexDatabase = await openCodexDatabase({ driver: 'websocket' });
 * await db.repos.content.findMany({ where: { status: 'published' } });
 * ```
 */
export type CodexDatabase = ConnectedDatabase<typeof schema, 'postgres' | 'neon'>;

/** Options of {@link openCodexDatabase}. */
export interface OpenCodexDatabaseOptions {
  /** Where `DB_METHOD` and the URLs are read. Default `process.env` (never a `.env` file). */
  readonly env?: Environment;
  /** Neon's driver for NEON_BRANCH and PRODUCTION: `http` (no transactions) or `websocket`. */
  readonly driver: 'http' | 'websocket';
  /** Local stand-ins for Neon's endpoints (tests, local proxies); leave unset against Neon. */
  readonly neon?: ConnectOptions<typeof schema>['neon'];
  /** Wait for the server before returning (default), or `false` to connect at the first query. */
  readonly retry?: ConnectOptions<typeof schema>['retry'];
}

/**
 * Opens the Codex database the environment names. Codex runs on PostgreSQL only: an environment
 * naming another engine, or none (where Strata would fall back to a local SQLite file), is
 * refused. Errors are `StrataError`s with code `CONFIG_INVALID` naming the variable, passwords
 * masked.
 *
 * @example
 * ```ts
 * // DB_METHOD=PRODUCTION DATABASE_URL=postgresql://…@ep-abc.neon.tech/codex
 * const dbHttp = await openCodexDatabase({ driver: 'http' });
 * ```
 */
export function openCodexDatabase({ driver, ...options }: OpenCodexDatabaseOptions): Promise<CodexDatabase> {
  return connectFromEnv({ schema, engines: ['postgres', 'neon'], neonDriver: driver, ...options });
}
