// Bad input to `strata`, through `main(argv, io)`: each case ends with one clear message on
// stderr naming the file or setting, the exit code of exit-codes.ts, and nothing half-applied.
// Problems with migration folders and failing migrations run on every engine selected by ENGINES.
import { existsSync } from 'node:fs';
import { EXIT } from '@strata/cli';
import { engineCases } from '@strata/testing';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  configSource,
  createProject,
  createV1Project,
  type Project,
  removeProjects,
  SCHEMAS,
} from './support/project.js';

afterAll(removeProjects);

const ANN = '018f0000-0000-7000-8000-000000000001';
const HALF = '018f0000-0000-7000-8000-000000000002';

describe('strata refuses bad input before it touches a database', () => {
  let project: Project;

  beforeAll(async () => {
    project = await createV1Project('sqlite');
  });

  /** The SQLite file of the project: it exists only once a command opened the database. */
  const databaseFile = () => project.path('dev.sqlite3');

  test('no configuration file: exit 2, naming the folder and what to create', async () => {
    const empty = await createProject('sqlite');
    const { code, stdout, stderr } = await empty.run('migrate');
    expect(code).toBe(EXIT.usage);
    expect(stdout).toBe('');
    expect(stderr).toContain(`No strata.config.ts in ${empty.dir}`);
    expect(stderr).toContain('--config');
    const missing = await empty.run('--config', 'nowhere.config.ts', 'status');
    expect(missing.code).toBe(EXIT.usage);
    expect(missing.stderr).toContain(`${empty.path('nowhere.config.ts')} does not exist`);
  });

  test('a schema module that throws at import: exit 2, naming strata.config.ts and the error', async () => {
    const broken = await createProject('sqlite', {
      'schema.ts': `${SCHEMAS.v1}\nthrow new Error('the schema module exploded');\n`,
    });
    await broken.write('strata.config.ts', configSource({ schemaFile: 'schema.ts', url: broken.url }));
    const { code, stdout, stderr } = await broken.run('migrate');
    expect(code).toBe(EXIT.usage);
    expect(stdout).toBe('');
    expect(stderr).toContain(`${broken.path('strata.config.ts')} could not be loaded`);
    expect(stderr).toContain('the schema module exploded');
    expect(existsSync(broken.path('dev.sqlite3'))).toBe(false);
  });

  test('a schema module without tables: exit 2, naming the setting', async () => {
    await project.write('empty-schema.ts', 'export const notATable = 1;\n');
    await project.write('no-tables.config.ts', configSource({ schemaFile: 'empty-schema.ts', url: project.url }));
    const { code, stderr } = await project.run('--config', 'no-tables.config.ts', 'generate');
    expect(code).toBe(EXIT.usage);
    expect(stderr).toContain('no-tables.config.ts: databases.app.schema: it exports no tables');
    expect(await project.list('migrations')).toEqual([]);
  });

  test('a connection URL Strata does not know: exit 2, naming the setting', async () => {
    await project.write(
      'bad-url.config.ts',
      configSource({ schemaFile: 'schema-v1.ts', url: 'mysql://root@localhost/app' }),
    );
    const { code, stderr } = await project.run('--config', 'bad-url.config.ts', 'migrate');
    expect(code).toBe(EXIT.usage);
    expect(stderr).toContain('databases.app.connection "mysql://root@localhost/app" is not a URL Strata knows');
  });

  test('an unreachable database: exit 3, and the password is not printed', async () => {
    await project.write(
      'unreachable.config.ts',
      configSource({ schemaFile: 'schema-v1.ts', url: 'postgres://strata:x@127.0.0.1:1/none' }),
    );
    const generated = await project.run('--config', 'unreachable.config.ts', 'generate');
    expect(generated.code).toBe(EXIT.ok);
    const { code, stdout, stderr } = await project.run('--config', 'unreachable.config.ts', 'migrate');
    expect(code).toBe(EXIT.unreachable);
    expect(stdout).toBe('');
    expect(stderr).toContain(
      'Cannot reach database "app" at postgres://strata:***@127.0.0.1:1/none: connect ECONNREFUSED 127.0.0.1:1',
    );
    expect(stderr).toContain('databases.app.connection');
    expect(stderr).not.toContain('strata:x@');
    const health = await project.json('--config', 'unreachable.config.ts', 'health');
    expect(health.code).toBe(EXIT.unreachable);
    expect(health.document).toMatchObject({
      ok: false,
      command: 'health',
      error: { code: 'DATABASE_UNREACHABLE', message: expect.stringContaining('ECONNREFUSED') },
    });
  });

  test('reset without --force: exit 2, and the database is not opened', async () => {
    const { code, stderr } = await project.run('reset');
    expect(code).toBe(EXIT.usage);
    expect(stderr).toContain('run it again with --force');
    expect(existsSync(databaseFile())).toBe(false);
  });

  test('an unknown --database name: exit 2, listing the configured ones', async () => {
    const { code, stderr } = await project.run('--database', 'billing', 'migrate');
    expect(code).toBe(EXIT.usage);
    expect(stderr).toContain(`No database "billing" in ${project.path('strata.config.ts')}; it has app`);
    expect(existsSync(databaseFile())).toBe(false);
  });

  test('bad arguments: exit 2 with the problem and a pointer to --help', async () => {
    const badTo = await project.run('migrate', '--to', 'x');
    expect(badTo.code).toBe(EXIT.usage);
    expect(badTo.stderr).toContain('--to must be a whole number');
    expect(badTo.stderr).toContain('strata --help');
    const badSteps = await project.run('rollback', '--steps', '-1');
    expect(badSteps.code).toBe(EXIT.usage);
    const unknownCommand = await project.run('migrat');
    expect(unknownCommand.code).toBe(EXIT.usage);
    expect(unknownCommand.stderr).toContain("unknown command 'migrat'");
    const badName = await project.run('generate', '--name', 'has spaces');
    expect(badName.code).toBe(EXIT.usage);
    expect(badName.stderr).toContain('--name "has spaces"');
    expect(existsSync(databaseFile())).toBe(false);
  });

  test('--json errors: one document on stdout with ok false and the code, the message on stderr', async () => {
    const { code, stdout, stderr, document } = await project.json('reset');
    expect(code).toBe(EXIT.usage);
    expect(document).toEqual({
      ok: false,
      command: 'reset',
      error: { code: 'USAGE', message: expect.stringContaining('--force') },
    });
    expect(stdout.trim().split('\n')[0]).toBe('{');
    expect(stderr).toContain('--force');
  });

  test('--json with bad arguments still prints one document, with the USAGE code', async () => {
    const { code, stderr, document } = await project.json('migrate', '--to', 'x');
    expect(code).toBe(EXIT.usage);
    expect(document).toEqual({
      ok: false,
      command: 'migrate',
      error: { code: 'USAGE', message: expect.stringContaining('--to must be a whole number') },
    });
    expect(stderr).toContain('--to must be a whole number');
    expect(existsSync(databaseFile())).toBe(false);
  });
});

describe.each(engineCases())('strata migration folder problems on $engine', ({ engine, skip }) => {
  let project: Project;
  let folder: string;

  beforeAll(async () => {
    if (skip) return;
    project = await createV1Project(engine);
    folder = project.migrations;
  });

  test.skipIf(skip)('a corrupted meta/_journal.json: exit 1 naming the file, and nothing applied', async () => {
    expect((await project.run('generate')).code).toBe(0);
    const journalPath = `${folder}/meta/_journal.json`;
    const journal = await project.read(journalPath);
    await project.write(journalPath, journal.slice(0, journal.length / 2));

    const migrated = await project.run('migrate');
    expect(migrated.code).toBe(EXIT.failed);
    expect(migrated.stderr).toContain(`${project.path(journalPath)}: is not valid JSON`);
    const generated = await project.run('generate');
    expect(generated.code).toBe(EXIT.failed);
    expect(generated.stderr).toContain(project.path(journalPath));
    await project.withDatabase(async (db) => expect(await db.tables()).toEqual([]));

    await project.write(journalPath, journal);
    expect((await project.run('migrate')).code).toBe(EXIT.ok);
    await project.withDatabase(async (db) => {
      await db.execute(`insert into author (id, name) values ('${ANN}', 'Ann')`);
    });
  });

  test.skipIf(skip)(
    'a custom migration whose second statement fails: exit 1 naming both, and the first is rolled back',
    async () => {
      const generated = await project.run('generate', '--custom', '--name', 'add_half');
      expect(generated.code).toBe(0);
      expect(generated.stdout).toContain('fill it in, then run strata hash');
      const up = `${folder}/0002_add_half.sql`;
      const header = await project.read(up);
      expect(header).toContain('--> statement-breakpoint');
      await project.write(
        up,
        `${header}INSERT INTO author (id, name) VALUES ('${HALF}', 'Half');\n--> statement-breakpoint\nINSERT INTO no_such_table (id) VALUES (1);\n`,
      );
      await project.write(`${folder}/0002_add_half.down.sql`, `DELETE FROM author WHERE id = '${HALF}';\n`);
      // Applying an edited custom migration before `strata hash` is refused.
      expect((await project.json('migrate')).document).toMatchObject({ error: { code: 'MIGRATION_TAMPERED' } });
      expect((await project.run('hash')).stdout).toContain('recorded 0002_add_half');

      const failed = await project.json('migrate');
      expect(failed.code).toBe(EXIT.failed);
      expect(failed.document).toMatchObject({ ok: false, command: 'migrate', error: { code: 'MIGRATION_FAILED' } });
      expect(failed.stderr).toContain('0002_add_half: statement 2 of 2 failed');
      expect(failed.stderr).toContain('no_such_table');
      await project.withDatabase(async (db) => {
        expect(await db.rows('select name from author order by name')).toEqual([{ name: 'Ann' }]);
        expect(await db.rows('select id from strata_migrations order by id')).toEqual([{ id: '0001_init' }]);
      });

      // Fixed, hashed again (it was applied nowhere), it applies.
      await project.write(
        up,
        `${header}INSERT INTO author (id, name) VALUES ('${HALF}', 'Half');\n--> statement-breakpoint\nUPDATE author SET bio = 'fixed' WHERE id = '${HALF}';\n`,
      );
      expect((await project.run('hash')).code).toBe(0);
      const migrated = await project.run('migrate');
      expect(migrated.code).toBe(EXIT.ok);
      expect(migrated.stdout).toContain('applied 0002_add_half');
      await project.withDatabase(async (db) => {
        expect(await db.rows('select name, bio from author order by name')).toEqual([
          { name: 'Ann', bio: null },
          { name: 'Half', bio: 'fixed' },
        ]);
      });
    },
  );

  test.skipIf(skip)(
    'a branch merge: a lower-numbered migration than an applied one is refused until --allow-out-of-order',
    async () => {
      await project.write(`${folder}/0005_later.sql`, 'CREATE TABLE later_table (id integer);\n');
      await project.write(`${folder}/0005_later.down.sql`, 'DROP TABLE later_table;\n');
      const unlisted = await project.json('migrate');
      expect(unlisted.code).toBe(EXIT.failed);
      expect(unlisted.document).toMatchObject({ error: { code: 'MIGRATION_UNLISTED' } });
      expect(unlisted.stderr).toMatch(/0005_later(\.down)?\.sql is not in the journal/);
      expect(unlisted.stderr).toContain('strata hash');
      expect((await project.run('hash')).stdout).toContain('recorded 0005_later');
      expect((await project.run('migrate')).stdout).toContain('applied 0005_later');

      // Merged from another branch, numbered before the applied 0005.
      await project.write(`${folder}/0003_from_branch.sql`, 'CREATE TABLE branch_table (id integer);\n');
      await project.write(`${folder}/0003_from_branch.down.sql`, 'DROP TABLE branch_table;\n');
      expect((await project.run('hash')).stdout).toContain('recorded 0003_from_branch');
      expect(await project.list(`${folder}/meta`)).toContain('0003_snapshot.json');

      const refused = await project.json('migrate');
      expect(refused.code).toBe(EXIT.failed);
      expect(refused.document).toMatchObject({ ok: false, error: { code: 'MIGRATION_OUT_OF_ORDER' } });
      expect(refused.stderr).toContain('0003_from_branch is not applied, but a migration numbered after it is');
      expect(refused.stderr).toContain('--allow-out-of-order');
      const status = await project.run('status');
      expect(status.code).toBe(EXIT.failed);
      expect(status.stdout).toMatch(/0003_from_branch {2}out-of-order/);
      await project.withDatabase(async (db) => expect(await db.tables()).not.toContain('branch_table'));

      const allowed = await project.run('migrate', '--allow-out-of-order');
      expect(allowed.stderr).toBe('');
      expect(allowed.code).toBe(EXIT.ok);
      expect(allowed.stdout).toContain('applied 0003_from_branch');
      await project.withDatabase(async (db) => expect(await db.tables()).toContain('branch_table'));
      expect((await project.run('status')).code).toBe(EXIT.ok);
    },
  );

  test.skipIf(skip)(
    'a migration edited after it was applied: MIGRATION_TAMPERED, and after strata hash MIGRATION_CHANGED',
    async () => {
      const init = `${folder}/0001_init.sql`;
      await project.write(init, `${await project.read(init)}\n-- edited after it was applied\n`);
      const tampered = await project.json('migrate');
      expect(tampered.code).toBe(EXIT.failed);
      expect(tampered.document).toMatchObject({ error: { code: 'MIGRATION_TAMPERED' } });
      expect(tampered.stderr).toContain(
        `${folder}/0001_init.sql (or its .down.sql) changed after the journal recorded it`,
      );
      expect(tampered.stderr).toContain('strata hash');

      // 0001_init was generated: recording the edit needs --force, and says why.
      const refusedHash = await project.run('hash');
      expect(refusedHash.code).toBe(EXIT.failed);
      expect(refusedHash.stderr).toContain('0001_init was generated from the schema and then edited');
      expect(refusedHash.stderr).toContain('strata generate --custom');
      expect((await project.run('hash', '--force')).stdout).toContain('recorded 0001_init');
      const changed = await project.json('migrate');
      expect(changed.code).toBe(EXIT.failed);
      expect(changed.document).toMatchObject({ error: { code: 'MIGRATION_CHANGED' } });
      expect(changed.stderr).toContain('0001_init was applied on');
      const rollback = await project.json('rollback');
      expect(rollback.document).toMatchObject({ error: { code: 'MIGRATION_CHANGED' } });
      const status = await project.run('status');
      expect(status.code).toBe(EXIT.failed);
      expect(status.stdout).toMatch(/0001_init {2}changed/);
      const check = await project.run('check');
      expect(check.code).toBe(EXIT.failed);
      expect(check.stderr).toContain('0001_init was applied on');
      await project.withDatabase(async (db) => {
        expect(await db.tables()).toEqual(['author', 'book', 'branch_table', 'later_table', 'strata_migrations']);
      });
    },
  );
});
