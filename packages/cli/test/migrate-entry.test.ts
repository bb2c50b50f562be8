// `@strata/cli/migrate`, the light entry for apps that migrate on start: migrate, status,
// health and rollback from a folder on every engine selected by ENGINES, and a child process
// showing that importing it loads none of the command line's packages.
import { join } from 'node:path';
import { health, migrate, migrationStatus, readMigrationFolder, rollback } from '@strata/cli/migrate';
import { defineTable, id, type SchemaModule, text } from '@strata/core';
import { createDatabase as createPglite } from '@strata/pglite';
import { createDatabase as createPostgres } from '@strata/postgres';
import { createDatabase as createSqlite } from '@strata/sqlite';
import { engineCases, type TestDatabase, type TestEngineName } from '@strata/testing';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createV1Project, dialectOf, type Project, removeProjects } from './support/project.js';
import { modulesLoadedBy } from './support/record-modules/loaded-modules.js';

afterAll(removeProjects);

/** Migrations need no schema to run: any one opens the database. */
const anySchema: SchemaModule = { probe: defineTable('strata_test_probe', { id: id(), note: text() }) };

function open(engine: TestEngineName, project: Project): Promise<TestDatabase<SchemaModule>> {
  switch (engine) {
    case 'sqlite':
      return createSqlite({ schema: anySchema, filename: project.path('dev.sqlite3') });
    case 'pglite':
      return createPglite({ schema: anySchema, dataDir: project.path('data') });
    case 'postgres':
      return createPostgres({ schema: anySchema, url: project.url, maxConnections: 1 });
  }
}

describe.each(engineCases())('@strata/cli/migrate on $engine', ({ engine, skip }) => {
  let project: Project;
  let db: TestDatabase<SchemaModule>;
  let folder: string;

  beforeAll(async () => {
    if (skip) return;
    project = await createV1Project(engine);
    expect((await project.run('generate')).code).toBe(0);
    folder = project.path('migrations', 'app');
    db = await open(engine, project);
    return () => db.close();
  });

  test.skipIf(skip)('migrate, migrationStatus and health read the folder of the database dialect', async () => {
    expect(await health(db, { folder })).toMatchObject({ ok: true, engine, pendingMigrations: 1 });
    expect(await migrate(db, { folder })).toMatchObject({ migrations: ['0001_init'] });
    const status = await migrationStatus(db, { folder });
    expect(status).toMatchObject({ pending: 0, problems: [], drift: [] });
    expect(status.states.map((state) => [state.id, state.state])).toEqual([['0001_init', 'applied']]);
    expect(await health(db, { folder })).toMatchObject({ ok: true, engine, pendingMigrations: 0 });
    // Without a folder, health still answers (no pending count).
    expect(await health(db)).toMatchObject({ ok: true, pendingMigrations: undefined });
  });

  test.skipIf(skip)('rollback undoes from the folder; a set from readMigrationFolder works the same', async () => {
    expect(await rollback(db, { folder, steps: 1 })).toMatchObject({ migrations: ['0001_init'] });
    expect(await migrationStatus(db, { folder: join(folder, dialectOf(engine)) })).toMatchObject({ pending: 1 });
    const migrations = await readMigrationFolder(join(folder, dialectOf(engine)), dialectOf(engine));
    expect(await migrate(db, { migrations })).toMatchObject({ migrations: ['0001_init'] });
    expect(await health(db, { migrations })).toMatchObject({ ok: true, pendingMigrations: 0 });
  });

  test.skipIf(skip)('health of something that is not a Strata database reports it rather than throwing', async () => {
    expect(await health({}, { folder })).toMatchObject({ ok: false, error: 'not a Strata database' });
  });
});

/** The command line's packages: none of them belongs in a server that only migrates. */
const HEAVY = ['commander', 'ora', '@inquirer', '@faker-js', 'drizzle-kit'];

function heavyIn(urls: readonly string[]): string[] {
  return HEAVY.filter((name) => urls.some((url) => url.includes(`/node_modules/${name}/`)));
}

describe('@strata/cli/migrate loads light', () => {
  test('importing it loads the migration runner and none of commander, ora, inquirer, faker, drizzle-kit', async () => {
    const urls = await modulesLoadedBy('@strata/cli/migrate', 'migrate');
    expect(urls.some((url) => url.endsWith('/packages/cli/src/migrate-entry.ts'))).toBe(true);
    expect(urls.some((url) => url.includes('/packages/sql/src/'))).toBe(true);
    expect(heavyIn(urls)).toEqual([]);
  });

  test('the main entry, by the same measure, does load them (the measure sees them)', async () => {
    const urls = await modulesLoadedBy('@strata/cli', 'migrate');
    expect(heavyIn(urls)).toEqual(expect.arrayContaining(['commander', 'ora', '@faker-js']));
  });
});
