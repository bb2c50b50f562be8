#!/usr/bin/env node
// The pooler job: the repository conformance suite and the migration tests on PostgreSQL, every
// test database reached through the real PgBouncer (transaction pooling) that with-postgres.mjs
// starts, with `pgbouncer=true` (STRATA_TEST_POSTGRES_POOLER=transaction). Then the server's log
// must hold no "prepared statement … does not exist" error: with the flag set, Strata never
// sends a named statement that a pooler could route to another server connection.
//
// Usage: node scripts/with-postgres.mjs node scripts/test-behind-pooler.mjs   (npm run test:pooler)
import { spawnSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';

/** The suites whose behaviour a transaction pooler can change: sessions, statements, locks. */
const TEST_FILES = [
  'packages/testing/test/conformance.test.ts',
  'packages/sql/test/migrations.test.ts',
  'packages/sql/test/migration-locking.test.ts',
  'packages/sql/test/drizzle-kit-interop.test.ts',
  'packages/sql/test/operations.test.ts',
  'packages/sql/test/errors.test.ts',
  'packages/sql/test/soft-delete-relations.test.ts',
];

const log = process.env.STRATA_TEST_POSTGRES_LOG;
if (!process.env.STRATA_TEST_PGBOUNCER_URL || !log) {
  console.error('test-behind-pooler: run it through scripts/with-postgres.mjs with pgbouncer installed');
  process.exit(2);
}

const start = statSync(log).size;
const run = spawnSync('npx', ['vitest', 'run', ...TEST_FILES], {
  stdio: 'inherit',
  env: { ...process.env, ENGINES: 'postgres', STRATA_TEST_POSTGRES_POOLER: 'transaction' },
});
if (run.status !== 0) process.exit(run.status ?? 1);

const missing = readFileSync(log)
  .subarray(start)
  .toString('utf8')
  .split('\n')
  .filter((line) => /prepared statement .* does not exist/.test(line));
if (missing.length) {
  console.error(`test-behind-pooler: ${missing.length} "prepared statement" errors in the server log, e.g.`);
  console.error(missing.slice(0, 5).join('\n'));
  process.exit(1);
}
console.log('test-behind-pooler: no "prepared statement" error in the server log');
