import { readFileSync, statSync } from 'node:fs';
import { StrataError } from '@strata/core';
import { engineSkip } from './engines.js';

/**
 * The environment variable carrying the URL of the PgBouncer (transaction pooling) that
 * `npm test` starts in front of the test server when Debian's `pgbouncer` is installed.
 *
 * @example
 * ```ts
 * const url = process.env[PGBOUNCER_URL_VARIABLE];
 * ```
 */
export const PGBOUNCER_URL_VARIABLE = 'STRATA_TEST_PGBOUNCER_URL';

/**
 * The environment variable carrying the test server's log file (set by `npm test`), where
 * server-side errors can be counted.
 *
 * @example
 * ```ts
 * const log = process.env[POSTGRES_LOG_VARIABLE];
 * ```
 */
export const POSTGRES_LOG_VARIABLE = 'STRATA_TEST_POSTGRES_LOG';

/**
 * Set to `transaction` to open every PostgreSQL test database through the test PgBouncer, e.g.
 * `STRATA_TEST_POSTGRES_POOLER=transaction ENGINES=postgres npm test -- packages/sql/test/migrations.test.ts`.
 *
 * @example
 * ```ts
 * process.env[POSTGRES_POOLER_VARIABLE]; // 'transaction' or undefined
 * ```
 */
export const POSTGRES_POOLER_VARIABLE = 'STRATA_TEST_POSTGRES_POOLER';

/**
 * Why tests behind PgBouncer cannot run here, or `undefined` when they can. Without PgBouncer
 * in CI (`CI` set) this throws: CI installs it, so its absence is a broken setup.
 *
 * @example
 * ```ts
 * const skip = poolerSkip();
 * test.skipIf(skip !== undefined)('behind PgBouncer', async () => { … });
 * ```
 */
export function poolerSkip(env: Record<string, string | undefined> = process.env): string | undefined {
  const postgres = engineSkip('postgres');
  if (postgres) return postgres;
  if (env[PGBOUNCER_URL_VARIABLE]) return undefined;
  if (env.CI) {
    throw new StrataError('CONFIG_INVALID', `${PGBOUNCER_URL_VARIABLE} is not set: install pgbouncer and run npm test`);
  }
  return `${PGBOUNCER_URL_VARIABLE} is not set (npm test starts PgBouncer when Debian's pgbouncer is installed)`;
}

/**
 * `url` (a database on the test server) reached through the test PgBouncer instead: same user,
 * password and database, PgBouncer's host and port.
 *
 * @example
 * ```ts
 * const { url } = await createPostgresTestDatabase();
 * const db = await createDatabase({ schema, url: throughPgbouncer(url), pooler: 'transaction' });
 * ```
 */
export function throughPgbouncer(url: string): string {
  const bouncer = process.env[PGBOUNCER_URL_VARIABLE];
  if (!bouncer) throw new Error(`${PGBOUNCER_URL_VARIABLE} is not set`);
  const result = new URL(url);
  const via = new URL(bouncer);
  result.host = via.host;
  return result.toString();
}

/**
 * A mark in the test server's log: `lines(pattern)` returns the lines written since the mark
 * that match, e.g. the server's `prepared statement "…" does not exist` errors.
 *
 * @example
 * ```ts
 * const mark = serverLogMark();
 * // … work …
 * expect(mark.lines(/prepared statement .* does not exist/)).toEqual([]);
 * ```
 */
export function serverLogMark(): { lines(pattern: RegExp): string[] } {
  const file = process.env[POSTGRES_LOG_VARIABLE];
  if (!file) throw new Error(`${POSTGRES_LOG_VARIABLE} is not set`);
  const start = statSync(file).size;
  return {
    lines: (pattern) =>
      readFileSync(file)
        .subarray(start)
        .toString('utf8')
        .split('\n')
        .filter((line) => pattern.test(line)),
  };
}
