import { type MigrationSet, planMigrations, StrataError } from '@strata/core';
import type { EngineName } from './database.js';
import { migrationDriverOf } from './migration-driver.js';
import { redactSecrets } from './redact.js';
import { type ReplicaProbe, replicaProbesOf } from './replica-probes.js';

/**
 * One read replica in a {@link HealthReport}.
 *
 * @example
 * ```ts
 * const lagging = report.replicas?.filter((replica) => !replica.ok || (replica.lagMs ?? 0) > 5000);
 * ```
 */
export interface ReplicaHealth {
  /** The replica's url, password redacted. */
  readonly url: string;
  readonly ok: boolean;
  /** Round trip of the probe query. */
  readonly latencyMs: number | undefined;
  /**
   * How far its replay is behind the primary, in ms: 0 when it has replayed all it received,
   * else the time since the last transaction it replayed (an upper bound after an idle spell).
   * Undefined when it is not a streaming standby or did not answer.
   */
  readonly lagMs: number | undefined;
  /** Why it is not ok, without secrets. */
  readonly error: string | undefined;
}

/** What {@link health} reports: the shape of a health endpoint's body. */
export interface HealthReport {
  /**
   * Whether the primary answered (and, given a migration set, its history could be read). A
   * replica that is down does not make it false: reads go to the primary meanwhile, so the
   * database works, degraded; see `replicas`.
   */
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
  /** Each read replica (PostgreSQL databases opened with `replicas`); absent without replicas. */
  readonly replicas?: readonly ReplicaHealth[];
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

/** Probes one replica: its latency and replay lag, or why it did not answer. */
async function replicaHealth(replica: ReplicaProbe, timeoutMs: number): Promise<ReplicaHealth> {
  const started = performance.now();
  try {
    const { lagMs } = await withTimeout(replica.probe(), timeoutMs);
    const latencyMs = Math.round((performance.now() - started) * 100) / 100;
    return { url: replica.url, ok: true, latencyMs, lagMs, error: undefined };
  } catch (error) {
    const message = redactSecrets(error instanceof Error ? error.message : String(error));
    return { url: replica.url, ok: false, latencyMs: undefined, lagMs: undefined, error: message };
  }
}

/**
 * Checks a database: one round trip (its version and latency) and, given a migration set, how
 * many migrations are pending; with read replicas, each replica's latency and replay lag (the
 * top-level `ok` is the primary's). Never throws: a database that is down is `{ ok: false, error }`,
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
  if (!driver) return primaryHealth(engine, undefined, options);
  const probes = replicaProbesOf(database);
  if (probes.length === 0) return primaryHealth(engine, driver, options);
  const timeoutMs = options.timeoutMs ?? 5000;
  // Side by side: a replica that hangs costs the timeout once, not once per replica.
  const [report, replicas] = await Promise.all([
    primaryHealth(engine, driver, options),
    Promise.all(probes.map((probe) => replicaHealth(probe, timeoutMs))),
  ]);
  return { ...report, replicas };
}

async function primaryHealth(
  engine: HealthReport['engine'],
  driver: ReturnType<typeof migrationDriverOf>,
  options: HealthOptions,
): Promise<HealthReport> {
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
