import { type MigrationSet, planMigrations, StrataError } from '@strata/core';
import type { EngineName } from './database.js';
import { migrationDriverOf } from './migration-driver.js';
import { redactSecrets } from './redact.js';

/** What {@link health} reports: the shape of a health endpoint's body. */
export interface HealthReport {
  readonly ok: boolean;
  readonly engine: EngineName | 'unknown';
  /** `PostgreSQL 15.8`, `SQLite 3.45.1`. */
  readonly serverVersion: string | undefined;
  /** Round trip of one trivial query. */
  readonly latencyMs: number | undefined;
  /** Migrations of the given set not applied yet (when a set was given and the database answered). */
  readonly pendingMigrations: number | undefined;
  /** Why it is not ok, without secrets. */
  readonly error: string | undefined;
}

/** Options of {@link health}. */
export interface HealthOptions {
  /** Count pending migrations of this set. */
  readonly migrations?: MigrationSet;
  /** Report the database down when it does not answer within this time. Default 5 s. */
  readonly timeoutMs?: number;
}

function withTimeout<T>(work: Promise<T>, timeoutMs: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new StrataError('HEALTH_TIMEOUT', `no answer within ${timeoutMs} ms`)), timeoutMs);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Checks a database: one round trip (its version and latency) and, given a migration set, how
 * many migrations are pending. Never throws: a database that is down is `{ ok: false, error }`,
 * so the result can be an HTTP health endpoint's body as is.
 *
 * @example
 * ```ts
 * app.get('/health', async (_req, res) => {
 *   const report = await health(db);
 *   res.status(report.ok ? 200 : 503).json(report);
 * });
 * ```
 */
export async function health(database: object, options: HealthOptions = {}): Promise<HealthReport> {
  const engine = ((database as { engine?: EngineName }).engine ?? 'unknown') as HealthReport['engine'];
  const driver = migrationDriverOf(database);
  const down = (error: string): HealthReport => ({
    ok: false,
    engine,
    serverVersion: undefined,
    latencyMs: undefined,
    pendingMigrations: undefined,
    error,
  });
  if (!driver) return down('not a Strata database');
  const timeoutMs = options.timeoutMs ?? 5000;
  try {
    const started = performance.now();
    const { serverVersion } = await withTimeout(driver.ping(), timeoutMs);
    const latencyMs = Math.round((performance.now() - started) * 100) / 100;
    const pendingMigrations = options.migrations
      ? planMigrations(options.migrations, await withTimeout(driver.history(), timeoutMs)).pending.length
      : undefined;
    return { ok: true, engine, serverVersion, latencyMs, pendingMigrations, error: undefined };
  } catch (error) {
    return down(redactSecrets(error instanceof Error ? error.message : String(error)));
  }
}

/**
 * Throws unless the database answers: seed 002's `testDbConnection`, for start-up checks.
 *
 * @example
 * ```ts
 * await testDbConnection(db); // throws a StrataError naming the problem
 * ```
 */
export async function testDbConnection(database: object, options: { readonly timeoutMs?: number } = {}): Promise<void> {
  const report = await health(database, options);
  if (!report.ok) {
    throw new StrataError('CONNECTION_FAILED', `The ${report.engine} database did not answer: ${report.error}`);
  }
}
