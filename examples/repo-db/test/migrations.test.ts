// The document's migration checklist, where a test can check it, on SQLite and PostgreSQL:
// "all migrations moved" (initial and assessment schemas, in order, for both dialects), the
// schema and the generated migrations agree (`strata check`, as CI runs it), and
// createTables / dropTables bring a database up and down again.
import { fileURLToPath } from 'node:url';
import { checkProject, loadConfig } from '@strata/cli';
import { migrationStatus } from '@strata/cli/migrate';
import { isDatabaseError } from '@strata/core';
import { engineCases } from '@strata/testing';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createTables, DbService, db, dropTables, migrationsFolder } from '../src/index.js';
import { useTestDatabase } from '../src/testing.js';

const packageDir = fileURLToPath(new URL('..', import.meta.url));
const cases = engineCases({ only: ['sqlite', 'postgres'] });

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
    const status = await migrationStatus(await db.get(), { folder: migrationsFolder });
    expect(status.states.map((m) => [m.id, m.state])).toEqual([
      ['0001_initial_schema', 'applied'],
      ['0002_assessment_schema', 'applied'],
    ]);
    expect(status.pending).toBe(0);
  });

  it('passes strata check: no schema change without a migration, nothing pending, no drift', async () => {
    // strata.config.ts opens the database the environment names: the one useTestDatabase set up.
    const result = await checkProject(await loadConfig(packageDir));
    expect(result).toMatchObject({ ok: true, findings: [], databasesChecked: ['app'] });
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
