// Opening the Codex database from the environment. The three strategies are Strata's
// `DB_METHOD` convention: LOCAL_PROXY → DATABASE_URL_LOCAL_PROXY (postgres-js), NEON_BRANCH and
// PRODUCTION → DATABASE_URL through Neon's serverless driver (HTTP or WebSocket).
import { type ConnectOptions, connect, type Environment, resolveEnvironment } from '@strata/connect';
import { StrataError } from '@strata/core';
import type { PostgresDatabase } from '@strata/postgres';
import type { NeonStrataDatabase } from '@strata/postgres/neon';
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
export type CodexDatabase = PostgresDatabase<typeof schema> | NeonStrataDatabase<typeof schema>;

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

const METHODS = 'LOCAL_PROXY, NEON_BRANCH or PRODUCTION';

/**
 * Opens the Codex database the environment names. `DB_METHOD` is required: Codex never falls
 * back to a local SQLite file, and a URL that is not PostgreSQL is refused. Errors are
 * `StrataError`s with code `CONFIG_INVALID` naming the variable, passwords masked.
 *
 * @example
 * ```ts
 * // DB_METHOD=PRODUCTION DATABASE_URL=postgresql://…@ep-abc.neon.tech/codex
 * const dbHttp = await openCodexDatabase({ driver: 'http' });
 * ```
 */
export async function openCodexDatabase(options: OpenCodexDatabaseOptions): Promise<CodexDatabase> {
  const env = options.env ?? process.env;
  if (!env.DB_METHOD?.trim()) throw new StrataError('CONFIG_INVALID', `DB_METHOD is not set; use ${METHODS}`);
  const { target, variable } = resolveEnvironment(env, options.driver);
  if (target.engine !== 'postgres' && target.engine !== 'neon') {
    throw new StrataError('CONFIG_INVALID', `${variable} must be a PostgreSQL URL, got a ${target.engine} one`);
  }
  const db = await connect(target, {
    schema,
    ...(options.neon && { neon: options.neon }),
    ...(options.retry !== undefined && { retry: options.retry }),
  });
  // connect() types Drizzle as unknown; the engine checked above fixes which Drizzle it is.
  return db as unknown as CodexDatabase;
}
