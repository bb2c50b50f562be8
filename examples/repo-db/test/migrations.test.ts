// The document's migration checklist, where a test can check it, on SQLite and PostgreSQL:
// "all migrations moved" (initial and assessment schemas, in order, for both dialects), the
// schema and the generated migrations agree (`strata check`, as CI runs it), and
// createTables / dropTables bring a database up and down again.
import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { main } from '@strata/cli';
import { isDatabaseError } from '@strata/core';
import { engineCases } from '@strata/testing';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createTables, DbService, db, dropTables } from '../src/index.js';
import { type PackageEngine, useTestDatabase } from '../src/testing.js';

const config = fileURLToPath(new URL('../strata.config.ts', import.meta.url));
const cases = engineCases().filter(
  (c): c is typeof c & { engine: PackageEngine } => c.engine === 'sqlite' || c.engine === 'postgres',
);

/** Runs the `strata` command in this process, against the database the environment names. */
async function strata(...args: string[]): Promise<{ code: number; output: string }> {
  let output = '';
  const code = await main([...args, '--config', config], {
    stdout: { write: (text: string) => (output += text) },
    stderr: new PassThrough(),
    interactive: false,
    cwd: process.cwd(),
    env: process.env,
  });
  return { code, output };
}

describe.each(cases)('migrations on $engine', ({ engine, skip }) => {
  const it = test.skipIf(skip !== undefined);
  if (skip) test.skip(`${engine}: ${skip}`, () => {});

  let cleanUp: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    if (skip) return;
    cleanUp = await useTestDatabase(engine); // applies the migrations through createTables(db)
  });
  afterAll(async () => {
    await cleanUp?.();
  });

  it('has applied every migration, and a second run applies none', async () => {
    expect(await createTables(db)).toEqual([]);
    const { code, output } = await strata('status');
    expect(code).toBe(0);
    expect(output).toMatch(/0001_initial_schema[\s\S]*0002_assessment_schema/);
  });

  it('passes strata check: no schema change without a migration, nothing pending, no drift', async () => {
    const { code, output } = await strata('check');
    expect(output).toContain('schema, migrations and databases agree');
    expect(code).toBe(0);
  });

  it('drops every table with dropTables and recreates them with createTables', async () => {
    await DbService.create('users', { email: 'before@example.com', name: 'Before' });
    expect(await dropTables(db)).toEqual(['0002_assessment_schema', '0001_initial_schema']);
    const missing = await DbService.count('users').catch((error: unknown) => error);
    expect(isDatabaseError(missing)).toBe(true);

    expect(await createTables(db)).toEqual(['0001_initial_schema', '0002_assessment_schema']);
    expect(await DbService.count('users')).toBe(0);
  });
});
