// `@strata/auth/schema` gives the auth tables without loading Better Auth: what a schema module,
// the CLI's config or the studio imports. Measured in a fresh Node process that records every
// module it resolves; the main entry, by the same measure, does load Better Auth.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { authSchema } from '@strata/auth';
import { authSchema as fromSchemaEntry } from '@strata/auth/schema';
import { describe, expect, test } from 'vitest';

const REPO_ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '..', '..', '..');

/** Imports `specifier` in a new Node process and returns every module URL it resolved. */
async function modulesLoadedBy(specifier: string): Promise<string[]> {
  const dir = await mkdtemp(join(tmpdir(), 'strata-auth-modules-'));
  const log = join(dir, 'modules.txt');
  const register = resolve(REPO_ROOT, 'packages', 'cli', 'test', 'support', 'record-modules', 'register.mjs');
  try {
    await new Promise<void>((done, fail) => {
      execFile(
        process.execPath,
        [
          '--conditions=source',
          '--import',
          'tsx',
          '--import',
          register,
          '--input-type=module',
          '-e',
          `const entry = await import(${JSON.stringify(specifier)}); if (!entry.authSchema) process.exit(9);`,
        ],
        { cwd: REPO_ROOT, env: { ...process.env, RECORD_MODULES_TO: log }, timeout: 120_000 },
        (error, _stdout, stderr) => (error ? fail(new Error(`${error.message}\n${stderr}`)) : done()),
      );
    });
    return (await readFile(log, 'utf8')).split('\n').filter(Boolean);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const betterAuthIn = (urls: readonly string[]) =>
  urls.filter((url) => /\/node_modules\/(better-auth|@better-auth)\//.test(url)).length;

describe('@strata/auth/schema', () => {
  test('is the same schema as the main entry gives', () => {
    expect(fromSchemaEntry).toBe(authSchema);
  });

  test('loads the tables and none of Better Auth', async () => {
    const urls = await modulesLoadedBy('@strata/auth/schema');
    expect(urls.some((url) => url.endsWith('/packages/auth/src/tables.ts'))).toBe(true);
    expect(betterAuthIn(urls)).toBe(0);
  });

  test('the main entry, by the same measure, loads Better Auth (the measure sees it)', async () => {
    expect(betterAuthIn(await modulesLoadedBy('@strata/auth'))).toBeGreaterThan(0);
  });
});
