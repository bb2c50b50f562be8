#!/usr/bin/env node
// The server version compatibility job: the repository conformance suite, the migration tests
// and the tests that lean on server behaviour (SQLSTATEs and messages, catalogs read by
// drizzle-kit, advisory locks, partial indexes) run on every PostgreSQL major that the root
// package.json ships binaries for (optional dependencies named `postgres-server-<major>`), each
// on its own throwaway server started by with-postgres.mjs. Debian's server (`npm test`) and
// PGlite's embedded one are covered by the main suite, so they are not repeated here.
//
// Usage: node scripts/test-server-versions.mjs [major...]   (default: every shipped major)
// Prints one summary line per version; exits 1 when any version fails or has no binaries.
import { spawnSync } from 'node:child_process';
import { existsSync, lstatSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));

/** What runs on each version: the suites whose results can change with the server. */
const TEST_FILES = [
  'packages/testing/test/conformance.test.ts',
  'packages/postgres/test/postgres-database.test.ts',
  'packages/sql/test/migrations.test.ts',
  'packages/sql/test/migration-locking.test.ts',
  'packages/sql/test/drizzle-kit-interop.test.ts',
  'packages/sql/test/drizzle-kit-cli.test.ts',
  'packages/sql/test/errors.test.ts',
  'packages/sql/test/drizzle-errors.test.ts',
  'packages/sql/test/operations.test.ts',
  'packages/sql/test/engines.test.ts',
  'packages/sql/test/partial-index.test.ts',
  'packages/sql/test/bigint-literals.test.ts',
  'packages/sql/test/json-undefined.test.ts',
  'packages/sql/test/soft-delete-relations.test.ts',
  'packages/sql/test/row-level-security.test.ts',
  'packages/cli/test/cli-workflow.test.ts',
  'packages/cli/test/check-replay.test.ts',
  'packages/cli/test/check-policies.test.ts',
  'packages/cli/test/cli-push-seed.test.ts',
  'packages/cli/test/migrate-entry.test.ts',
  'packages/auth/test/adapter.test.ts',
  'packages/auth/test/auth-flows.test.ts',
];

const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const shipped = Object.keys({ ...manifest.optionalDependencies, ...manifest.devDependencies })
  .map((name) => /^postgres-server-(\d+)$/.exec(name)?.[1])
  .filter((major) => major !== undefined)
  .sort((a, b) => Number(a) - Number(b));
const requested = process.argv.slice(2);
const unknown = requested.filter((major) => !shipped.includes(major));
if (unknown.length) {
  console.error(
    `test-server-versions: no postgres-server-${unknown[0]} in package.json (shipped: ${shipped.join(', ')})`,
  );
  process.exit(2);
}
const majors = requested.length ? requested : shipped;

/**
 * The bin folder of an installed server package, or undefined when it is not installed (the
 * packages are optional: npm skips them off linux-x64).
 */
function binDirOf(major) {
  let packageDir;
  try {
    // The package exports only its entry (dist/index.js), not package.json.
    packageDir = dirname(dirname(fileURLToPath(import.meta.resolve(`postgres-server-${major}`))));
  } catch {
    return undefined;
  }
  hydrateSymlinks(packageDir);
  const binDir = join(packageDir, 'native', 'bin');
  return existsSync(join(binDir, 'postgres')) ? binDir : undefined;
}

/**
 * The packages ship their shared libraries without the soname links (`libicuuc.so.60` ->
 * `libicuuc.so.60.2`) and restore them in a postinstall script; an install with
 * `--ignore-scripts` skips it and the server cannot load. Restoring them here is the same step.
 */
function hydrateSymlinks(packageDir) {
  const listFile = join(packageDir, 'native', 'pg-symlinks.json');
  if (!existsSync(listFile)) return;
  for (const { source, target } of JSON.parse(readFileSync(listFile, 'utf8'))) {
    const link = join(packageDir, target);
    try {
      lstatSync(link);
    } catch {
      symlinkSync(relative(dirname(link), join(packageDir, source)), link);
    }
  }
}

/** Counts from vitest's JSON report, or undefined when the run never wrote one. */
function readReport(file) {
  if (!existsSync(file)) return undefined;
  const report = JSON.parse(readFileSync(file, 'utf8'));
  return {
    files: report.testResults.length,
    failedFiles: report.testResults.filter((result) => result.status === 'failed').length,
    passed: report.numPassedTests,
    failed: report.numFailedTests,
    skipped: report.numPendingTests + report.numTodoTests,
    failures: failuresOf(report),
  };
}

/**
 * Each failed test as `file > name: first line of its message`, so that the summary at the end of
 * a long log (often all a CI page shows) says what failed without scrolling back.
 */
function failuresOf(report) {
  const failures = [];
  for (const file of report.testResults) {
    const path = relative(root, file.name);
    for (const assertion of file.assertionResults) {
      if (assertion.status !== 'failed') continue;
      const message = (assertion.failureMessages[0] ?? '').split('\n')[0].slice(0, 300);
      failures.push(`${path} > ${assertion.fullName}: ${message}`);
    }
    // A file that failed before its tests ran (an import error, a hook) has no failed assertion.
    if (file.status === 'failed' && !file.assertionResults.some((assertion) => assertion.status === 'failed')) {
      failures.push(`${path}: ${(file.message ?? '').split('\n')[0].slice(0, 300)}`);
    }
  }
  return failures;
}

const vitest = join(dirname(require.resolve('vitest/package.json')), 'vitest.mjs');
const reportDir = mkdtempSync(join(tmpdir(), 'strata-versions-'));
const results = [];
for (const major of majors) {
  const binDir = binDirOf(major);
  if (!binDir) {
    results.push({ major, line: 'binaries not installed (npm ci on linux-x64 installs them)', ok: false });
    continue;
  }
  const version = spawnSync(join(binDir, 'postgres'), ['--version'], { encoding: 'utf8' }).stdout.trim();
  console.log(`\n=== ${version || `PostgreSQL ${major}`}`);
  const reportFile = join(reportDir, `${major}.json`);
  const flakyFile = join(reportDir, `${major}.flaky`);
  const started = Date.now();
  // Without STRATA_TEST_POSTGRES_URL, with-postgres starts a server of its own from binDir.
  const { STRATA_TEST_POSTGRES_URL: _inherited, ...env } = process.env;
  const run = spawnSync(
    process.execPath,
    [
      join(root, 'scripts', 'with-postgres.mjs'),
      process.execPath,
      vitest,
      'run',
      // Types do not depend on the server; the main suite checks them once.
      '--typecheck.enabled=false',
      '--reporter=default',
      '--reporter=./scripts/secret-scan-reporter.ts',
      '--reporter=./scripts/flaky-reporter.ts',
      '--reporter=json',
      // One more try for a test that fails: these suites lean on timing (lock waits, timeouts,
      // standbys) on a machine that may be busy. Every test that needed it is named below.
      '--retry=1',
      `--outputFile.json=${reportFile}`,
      ...TEST_FILES,
    ],
    {
      cwd: root,
      stdio: 'inherit',
      env: { ...env, ENGINES: 'postgres', STRATA_POSTGRES_BIN_DIR: binDir, STRATA_FLAKY_REPORT: flakyFile },
    },
  );
  const seconds = Math.round((Date.now() - started) / 1000);
  const counts = readReport(reportFile);
  const ok = run.status === 0 && counts !== undefined && counts.failed === 0 && counts.failedFiles === 0;
  const line = counts
    ? `${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped in ${counts.files} files` +
      `${counts.failedFiles ? ` (${counts.failedFiles} files failed)` : ''}, ${seconds}s`
    : `no test report (exit ${run.status ?? run.signal}), ${seconds}s`;
  results.push({
    major,
    version: version.replace(/^postgres \(PostgreSQL\) /, ''),
    line,
    ok,
    failures: counts?.failures ?? [],
    flaky: existsSync(flakyFile) ? readFileSync(flakyFile, 'utf8').trim().split('\n') : [],
  });
}
rmSync(reportDir, { recursive: true, force: true });

console.log('\n=== server versions');
for (const { major, version, line, ok, failures, flaky } of results) {
  console.log(`${ok ? 'ok  ' : 'FAIL'} PostgreSQL ${version ?? major}: ${line}`);
  for (const failure of failures ?? []) console.log(`       failed: ${failure}`);
  for (const test of flaky ?? []) console.log(`       flaky: ${test}`);
}
process.exit(results.every((result) => result.ok) ? 0 : 1);
