// `strata check` replays each dialect's migrations into an empty in-memory database (SQLite in
// memory, PGlite for pg) and compares its catalog with the schema's: a generated migration edited
// by hand is found even after `strata hash` (which now refuses it without --force), a custom
// migration's own additions are notes, and a migration that fails on an empty database is a
// finding. Also `checkProject`, the same check as a function.
import { checkProject, loadConfig } from '@strata/cli';
import { loadDriver } from '@strata/sql';
import { engineCases } from '@strata/testing';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { missingEngine } from '../src/check/throwaway-databases.js';
import { createV1Project, dialectOf, type Project, removeProjects } from './support/project.js';

afterAll(removeProjects);

const MOOD = '+ author.mood: text null (in the migrations, not the schema)';

describe.each(engineCases())('strata check replays the migrations of $engine', ({ engine, skip }) => {
  let project: Project;
  let init: string;
  let generated: string;
  const dialect = dialectOf(engine);

  beforeAll(async () => {
    if (skip) return;
    project = await createV1Project(engine);
    expect((await project.run('generate')).code).toBe(0);
    init = `${project.migrations}/0001_init.sql`;
    generated = await project.read(init);
  });

  test.skipIf(skip)('check --offline passes on generated migrations and says no database was checked', async () => {
    const { code, stdout, stderr } = await project.run('check', '--offline');
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toContain('schema and migrations agree (offline: no database checked)');
    expect(stdout).not.toContain('databases agree');
  });

  test.skipIf(skip)('hash refuses an edited generated migration without --force, and writes nothing', async () => {
    const edited = generated.replace(/([`"]name[`"] text NOT NULL,)/, '$1\n\t"mood" text,');
    expect(edited).not.toBe(generated);
    await project.write(init, edited);
    const journal = await project.read(`${project.migrations}/meta/_journal.json`);
    const refused = await project.json('hash');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`0001_init was generated from the schema and then edited`);
    expect(refused.stderr).toContain('strata generate --custom');
    expect(refused.stderr).toContain('--force');
    expect(refused.document).toMatchObject({
      ok: false,
      databases: [{ dialect, recorded: [], refused: ['0001_init'] }],
    });
    expect(await project.read(`${project.migrations}/meta/_journal.json`)).toBe(journal);
    // Not recorded: the folder check already refuses the edited file.
    const tampered = await project.json('check', '--offline');
    expect(tampered.code).toBe(1);
    expect(tampered.document).toMatchObject({
      findings: [{ kind: 'folder', problem: expect.stringContaining('strata hash') }],
    });
  });

  test.skipIf(skip)('after hash --force, check (offline and online) finds the column the schema lacks', async () => {
    expect((await project.run('hash', '--force')).stdout).toContain('recorded 0001_init');
    const offline = await project.json('check', '--offline');
    expect(offline.code).toBe(1);
    expect(offline.document).toMatchObject({
      ok: false,
      offline: true,
      findings: [
        { database: 'app', dialect, kind: 'replay', problem: `the migrations do not build the schema: ${MOOD}` },
      ],
      databasesChecked: [],
    });
    const human = await project.run('check', '--offline');
    expect(human.stderr).toContain(`app (${dialect}): the migrations do not build the schema: ${MOOD}`);
    expect(human.stderr).toContain('strata generate --custom');
    expect(human.stdout).not.toContain('agree');

    const online = await project.json('check');
    expect(online.code).toBe(1);
    expect(online.document).toMatchObject({
      findings: [
        { kind: 'replay', problem: expect.stringContaining(MOOD) },
        { kind: 'database', problem: '1 migrations are not applied: run strata migrate' },
      ],
      databasesChecked: ['app'],
    });
  });

  test.skipIf(skip)('checkProject returns the same findings without a CliIO', async () => {
    const config = await loadConfig(project.dir);
    const result = await checkProject(config, { offline: true });
    expect(result).toEqual({
      ok: false,
      findings: [
        { database: 'app', dialect, kind: 'replay', problem: `the migrations do not build the schema: ${MOOD}` },
      ],
      notes: [],
      databasesChecked: [],
    });
  });

  test.skipIf(skip)("a custom migration's index is a note, not a finding", async () => {
    await project.write(init, generated);
    expect((await project.run('hash', '--force')).code).toBe(0);
    expect((await project.run('generate', '--custom', '--name', 'country_index')).code).toBe(0);
    const up = `${project.migrations}/0002_country_index.sql`;
    await project.write(up, `${await project.read(up)}CREATE INDEX author_country_idx ON author (country);\n`);
    await project.write(`${project.migrations}/0002_country_index.down.sql`, 'DROP INDEX author_country_idx;\n');
    expect((await project.run('hash')).stdout).toContain('recorded 0002_country_index');

    const { code, document } = await project.json('check', '--offline');
    expect(code).toBe(0);
    expect(document).toMatchObject({
      ok: true,
      findings: [],
      notes: [
        {
          database: 'app',
          dialect,
          kind: 'custom',
          message: expect.stringMatching(
            /^custom migration 0002_country_index makes \+ author\.author_country_idx: .* \(in the migrations, not the schema\)$/,
          ),
        },
      ],
    });
    const human = await project.run('check', '--offline');
    expect(human.stdout).toContain('custom migration 0002_country_index makes + author.author_country_idx');
    expect(human.stdout).toContain('schema and migrations agree (offline: no database checked)');
  });

  test.skipIf(skip)('a migration that fails on an empty database is a finding naming it', async () => {
    expect((await project.run('generate', '--custom', '--name', 'orphan_book')).code).toBe(0);
    const up = `${project.migrations}/0003_orphan_book.sql`;
    // A data fix that assumes rows an empty database does not have: the foreign key refuses it.
    await project.write(
      up,
      `${await project.read(up)}INSERT INTO book (id, author_id, title) VALUES ('018f0000-0000-7000-8000-0000000000b1', '018f0000-0000-7000-8000-0000000000a1', 'Orphan');\n`,
    );
    expect((await project.run('hash')).code).toBe(0);
    const { code, document, stderr } = await project.json('check', '--offline');
    // Not an edited generated migration: no hint about one.
    expect(stderr).not.toContain('edited by hand');
    expect(code).toBe(1);
    expect(document).toMatchObject({
      findings: [
        {
          database: 'app',
          dialect,
          kind: 'replay-failed',
          problem: expect.stringMatching(/^the migrations fail on an empty database: 0003_orphan_book: /),
        },
      ],
    });
    // Written so that it holds on any database, it passes.
    await project.write(up, "UPDATE book SET title = 'Untitled' WHERE title = '';\n");
    expect((await project.run('hash')).code).toBe(0);
    expect((await project.run('check', '--offline')).code).toBe(0);
  });

  test.skipIf(skip || dialect !== 'pg')(
    'a custom migration needing an extension PGlite lacks: the replay is skipped with a warning, not failed',
    async () => {
      expect((await project.run('generate', '--custom', '--name', 'pgcrypto')).code).toBe(0);
      const up = `${project.migrations}/0004_pgcrypto.sql`;
      await project.write(up, `${await project.read(up)}CREATE EXTENSION IF NOT EXISTS pgcrypto;\n`);
      expect((await project.run('hash')).code).toBe(0);
      const { code, document, stderr } = await project.json('check', '--offline');
      expect(stderr).toBe('');
      expect(code).toBe(0);
      expect(document).toMatchObject({
        ok: true,
        findings: [],
        notes: expect.arrayContaining([
          {
            database: 'app',
            dialect: 'pg',
            kind: 'skipped',
            message: expect.stringMatching(/lacks what 0004_pgcrypto uses \(.*pgcrypto.*\)/),
          },
        ]),
      });
    },
  );
});

describe('a dialect whose engine package is not installed', () => {
  test('is recognised by the error naming the package, so check can skip it with that name', async () => {
    const error = await loadDriver(
      '@strata/not-installed',
      '0.1',
      () => import('@strata/not-installed' as string),
    ).catch((caught: unknown) => caught);
    expect(missingEngine(error)).toContain('npm install @strata/not-installed@0.1');
    expect(missingEngine(new Error('something else'))).toBeUndefined();
  });
});
