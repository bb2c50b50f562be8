// The `strata` workflow through `main(argv, io)` on every engine selected by ENGINES: generate,
// migrate, status, check; the schema changes (add a column and an index, NOT NULL with a
// default, a hinted rename, an ambiguous drop with --no-renames); rollback and migrate again —
// with the files on disk and the rows in the database checked after each step.
import { createHash } from 'node:crypto';
import { migrationChecksum } from '@strata/core';
import { engineCases } from '@strata/testing';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createV1Project, type Project, removeProjects, useSchema } from './support/project.js';

afterAll(removeProjects);

const ANN = '018f0000-0000-7000-8000-000000000001';

interface JournalFile {
  version: number;
  dialect: string;
  entries: { index: number; tag: string; checksum: string; custom: boolean; createdAt: string }[];
}

describe.each(engineCases())('strata workflow on $engine', ({ engine, skip }) => {
  let project: Project;
  let v2: string;
  let v3: string;

  beforeAll(async () => {
    if (skip) return;
    project = await createV1Project(engine);
  });

  test.skipIf(skip)('generate writes the first migration, its down file, snapshot and journal', async () => {
    const { code, stdout, stderr } = await project.run('generate');
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toContain(`${project.migrations}/0001_init.sql`);
    expect(await project.list(project.migrations)).toEqual(['0001_init.down.sql', '0001_init.sql', 'meta']);
    expect(await project.list(`${project.migrations}/meta`)).toEqual(['0001_snapshot.json', '_journal.json']);

    const up = await project.read(`${project.migrations}/0001_init.sql`);
    const down = await project.read(`${project.migrations}/0001_init.down.sql`);
    expect(up).toMatch(/CREATE TABLE [`"]author[`"]/);
    expect(up).toMatch(/CREATE TABLE [`"]book[`"]/);
    expect(down).toMatch(/DROP TABLE [`"](author|book)[`"]/);
    const journal = JSON.parse(await project.read(`${project.migrations}/meta/_journal.json`)) as JournalFile;
    expect(journal).toMatchObject({ version: 1, dialect: engine === 'sqlite' ? 'sqlite' : 'pg' });
    expect(journal.entries).toEqual([
      {
        index: 1,
        tag: '0001_init',
        checksum: await migrationChecksum(up, down),
        custom: false,
        createdAt: expect.any(String),
      },
    ]);
    // The checksum is SHA-256 of up, NUL, down: reproducible by anyone reviewing the folder.
    expect(journal.entries[0]?.checksum).toBe(createHash('sha256').update(`${up}\u0000${down}`).digest('hex'));
    const snapshot = JSON.parse(await project.read(`${project.migrations}/meta/0001_snapshot.json`)) as object;
    expect(JSON.stringify(snapshot)).toContain('author');
  });

  test.skipIf(skip)('generate with no schema change writes nothing and says so', async () => {
    const before = await project.list(`${project.migrations}/meta`);
    const journal = await project.read(`${project.migrations}/meta/_journal.json`);
    const { code, stdout } = await project.run('generate');
    expect(code).toBe(0);
    expect(stdout).toContain('app (');
    expect(stdout).toContain('no schema changes, nothing written');
    expect(await project.list(project.migrations)).toEqual(['0001_init.down.sql', '0001_init.sql', 'meta']);
    expect(await project.list(`${project.migrations}/meta`)).toEqual(before);
    expect(await project.read(`${project.migrations}/meta/_journal.json`)).toBe(journal);
  });

  test.skipIf(skip)('check exits 1 while the migration is pending', async () => {
    const { code, stderr } = await project.run('check');
    expect(code).toBe(1);
    expect(stderr).toContain('1 migrations are not applied: run strata migrate');
  });

  test.skipIf(skip)('migrate applies it, status lists it applied, check exits 0', async () => {
    const migrated = await project.run('migrate');
    expect(migrated.stderr).toBe('');
    expect(migrated.code).toBe(0);
    expect(migrated.stdout).toContain('applied 0001_init');

    const status = await project.json('status');
    expect(status.code).toBe(0);
    expect(status.document).toMatchObject({
      ok: true,
      command: 'status',
      databases: [
        {
          database: 'app',
          engine,
          pending: 0,
          problems: [],
          drift: [],
          states: [{ id: '0001_init', state: 'applied', appliedAt: expect.any(String) }],
        },
      ],
    });
    const human = await project.run('status');
    expect(human.stdout).toMatch(/0001_init {2}applied/);

    const check = await project.run('check');
    expect(check.stderr).toBe('');
    expect(check.stdout).toContain('schema, migrations and databases agree');
    expect(check.code).toBe(0);

    await project.withDatabase(async (db) => {
      expect(await db.tables()).toEqual(['author', 'book', 'strata_migrations']);
      await db.execute(`insert into author (id, name, bio, country) values ('${ANN}', 'Ann', 'a bio', null)`);
      for (let n = 1; n <= 3; n++) {
        await db.execute(
          `insert into book (id, author_id, title, pages) values ('018f0000-0000-7000-8000-00000000010${n}', '${ANN}', 'Book ${n}', ${n * 100})`,
        );
      }
    });
  });

  test.skipIf(skip)('check exits 1 when the schema has a change no migration has', async () => {
    v2 = await useSchema(project, 'v2', 'v2.config.ts');
    const { code, stderr, stdout } = await project.run('--config', v2, 'check', '--offline');
    expect(code).toBe(1);
    expect(stderr).toMatch(/the schema has changes no migration has \(\d+ statements\): run strata generate/);
    expect(stdout).not.toContain('agree');
    const online = await project.json('--config', v2, 'check');
    expect(online.code).toBe(1);
    expect(online.document).toMatchObject({
      ok: false,
      command: 'check',
      findings: [{ database: 'app', problem: expect.stringContaining('strata generate') }],
    });
  });

  test.skipIf(skip)(
    'a second migration adds a column and an index, backfills NOT NULL, renames with the hint, keeps every row',
    async () => {
      const generated = await project.run('--config', v2, 'generate', '--name', 'author_details');
      expect(generated.stderr).toBe('');
      expect(generated.code).toBe(0);
      expect(generated.stdout).toContain('0002_author_details.sql');
      const up = await project.read(`${project.migrations}/0002_author_details.sql`);
      expect(up).toMatch(/RENAME COLUMN [`"]name[`"] TO [`"]full_name[`"]/);
      expect(up).toMatch(/CREATE INDEX/);

      const pending = await project.run('--config', v2, 'check');
      expect(pending.code).toBe(1);
      expect(pending.stderr).toContain('1 migrations are not applied');

      const migrated = await project.run('--config', v2, 'migrate');
      expect(migrated.code).toBe(0);
      expect(migrated.stdout).toContain('applied 0002_author_details');
      await project.withDatabase(async (db) => {
        expect(await db.columns('author')).toEqual(['bio', 'country', 'email', 'full_name', 'id']);
        expect(await db.indexes('book')).toContain('book_title_idx');
        // Renamed with its data; the NULL country took the new default.
        expect(await db.rows('select full_name, bio, country from author')).toEqual([
          { full_name: 'Ann', bio: 'a bio', country: 'NL' },
        ]);
        expect(await db.rows('select cast(count(*) as integer) as n from book')).toEqual([{ n: 3 }]);
      });
      expect((await project.run('--config', v2, 'check')).code).toBe(0);
    },
  );

  test.skipIf(skip)('an ambiguous drop-and-add is refused without --no-renames, and nothing is written', async () => {
    v3 = await useSchema(project, 'v3', 'v3.config.ts');
    const { code, stderr, stdout } = await project.run('--config', v3, 'generate');
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toContain('column "summary" is new and "bio" is gone');
    expect(stderr).toContain('strata generate --no-renames');
    expect(await project.list(project.migrations)).not.toContain('0003_migration.sql');
  });

  test.skipIf(skip)('generate --no-renames drops the column; migrate applies it', async () => {
    const generated = await project.json('--config', v3, 'generate', '--no-renames');
    expect(generated.code).toBe(0);
    expect(generated.document).toMatchObject({
      ok: true,
      command: 'generate',
      written: [{ database: 'app', tag: '0003_migration', drops: ['column "author"."bio"'] }],
      unchanged: [],
    });
    expect(await project.read(`${project.migrations}/0003_migration.sql`)).toMatch(/DROP COLUMN [`"]bio[`"]/);
    const migrated = await project.run('--config', v3, 'migrate');
    expect(migrated.code).toBe(0);
    await project.withDatabase(async (db) => {
      expect(await db.columns('author')).toEqual(['country', 'email', 'full_name', 'id', 'summary']);
      expect(await db.rows('select full_name, country from author')).toEqual([{ full_name: 'Ann', country: 'NL' }]);
      expect(await db.rows('select cast(count(*) as integer) as n from book')).toEqual([{ n: 3 }]);
    });
  });

  test.skipIf(skip)('rollback undoes the newest migration and keeps the rows; migrate applies it again', async () => {
    const rolledBack = await project.json('--config', v3, 'rollback');
    expect(rolledBack.code).toBe(0);
    expect(rolledBack.document).toMatchObject({
      ok: true,
      command: 'rollback',
      databases: [{ database: 'app', engine, undone: ['0003_migration'] }],
    });
    await project.withDatabase(async (db) => {
      expect(await db.columns('author')).toEqual(['bio', 'country', 'email', 'full_name', 'id']);
      expect(await db.rows('select full_name from author')).toEqual([{ full_name: 'Ann' }]);
      expect(await db.rows('select cast(count(*) as integer) as n from book')).toEqual([{ n: 3 }]);
    });
    const status = await project.json('--config', v3, 'status');
    expect(status.document).toMatchObject({ databases: [{ pending: 1 }] });

    const migrated = await project.run('--config', v3, 'migrate');
    expect(migrated.code).toBe(0);
    expect(migrated.stdout).toContain('applied 0003_migration');
    const check = await project.run('--config', v3, 'check');
    expect(check.stderr).toBe('');
    expect(check.code).toBe(0);
    await project.withDatabase(async (db) => {
      expect(await db.columns('author')).toEqual(['country', 'email', 'full_name', 'id', 'summary']);
      expect(await db.rows('select full_name, country from author')).toEqual([{ full_name: 'Ann', country: 'NL' }]);
      expect(await db.rows('select title from book order by title')).toEqual([
        { title: 'Book 1' },
        { title: 'Book 2' },
        { title: 'Book 3' },
      ]);
    });
  });

  test.skipIf(skip)('rollback --to 0 undoes everything, and migrate --to 2 stops at the second', async () => {
    const rolledBack = await project.json('--config', v3, 'rollback', '--to', '0');
    expect(rolledBack.code).toBe(0);
    expect(rolledBack.document).toMatchObject({
      databases: [{ undone: ['0003_migration', '0002_author_details', '0001_init'] }],
    });
    await project.withDatabase(async (db) => expect(await db.tables()).toEqual(['strata_migrations']));
    const migrated = await project.json('--config', v3, 'migrate', '--to', '2');
    expect(migrated.code).toBe(0);
    expect(migrated.document).toMatchObject({ databases: [{ applied: ['0001_init', '0002_author_details'] }] });
    expect((await project.json('--config', v3, 'migrate')).document).toMatchObject({
      databases: [{ applied: ['0003_migration'] }],
    });
  });

  test.skipIf(skip)('health --json reports the engine, its version, latency and pending migrations', async () => {
    const { code, document, stderr } = await project.json('--config', v3, 'health');
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(document).toMatchObject({
      ok: true,
      command: 'health',
      databases: [
        {
          database: 'app',
          ok: true,
          engine,
          serverVersion: expect.stringMatching(/\d+\.\d+/),
          latencyMs: expect.any(Number),
          pendingMigrations: 0,
        },
      ],
    });
  });
});
