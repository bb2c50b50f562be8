// What a new user meets first, through `main(argv, io)`: `migrate` before `generate`, a typo in a
// references() callback, `pglite:./data/app` and `sqlite:./data/…` in a project without a data
// folder, a config importing its schema with a `.js` specifier (as tsc wants) and relative paths
// from a config in a subfolder. Each ends with one message naming the thing and what to do, and
// the exit code of exit-codes.ts.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { EXIT } from '@strata/cli';
import { engineCases } from '@strata/testing';
import { afterAll, describe, expect, test } from 'vitest';
import { configSource, createProject, createV1Project, REPO_ROOT, removeProjects, SCHEMAS } from './support/project.js';

afterAll(removeProjects);

describe.each(engineCases())('strata migrate before strata generate on $engine', ({ engine, skip }) => {
  test.skipIf(skip)('exit 1 naming the database, the folder and `strata generate`; then it works', async () => {
    const project = await createV1Project(engine);
    const folder = project.path(project.migrations);
    const refused = await project.run('migrate');
    expect(refused.code).toBe(EXIT.failed);
    expect(refused.stdout).not.toContain('up to date');
    expect(refused.stderr).toContain(
      `No migrations for database "app" (${engine}) in ${folder}, but the schema has 2 tables (author, book) that nothing would create. Run \`strata generate\` first, then \`strata migrate\`.`,
    );
    const json = await project.json('migrate');
    expect(json.code).toBe(EXIT.failed);
    expect(json.document).toMatchObject({ ok: false, error: { code: 'MIGRATION_NOT_GENERATED' } });
    await project.withDatabase(async (db) => expect(await db.tables()).not.toContain('author'));

    expect((await project.run('generate')).code).toBe(EXIT.ok);
    const migrated = await project.run('migrate');
    expect(migrated.code).toBe(EXIT.ok);
    expect(migrated.stdout).toContain('applied 0001_init');
  });
});

describe('a references() callback that returns no column, through the CLI', () => {
  const schemaWith = (reference: string) => `import { defineTable, id, text, uuid } from '@strata/core';

export const member = defineTable('member', { id: id(), name: text().notNull() });
export const post = defineTable('post', {
  id: id(),
  // @ts-ignore: the mistake under test
  memberId: uuid().references(() => ${reference}),
});
`;

  test('member.idd: exit 2, naming the table, the column, the callback and the columns of member', async () => {
    const project = await createProject('sqlite', { 'schema-typo.ts': schemaWith('member.idd') });
    await project.write('strata.config.ts', configSource({ schemaFile: 'schema-typo.ts', url: project.url }));
    for (const command of ['generate', 'migrate']) {
      const { code, stdout, stderr } = await project.run(command);
      expect(code).toBe(EXIT.usage);
      expect(stdout).toBe('');
      expect(stderr).toContain(
        `${project.path('strata.config.ts')}: databases.app.schema: table "post", column "memberId": references(() => member.idd) returned undefined, not a column.`,
      );
      expect(stderr).toContain('Table "member" (export "member") has the columns id, name.');
      expect(stderr).not.toContain('placement');
      expect(stderr).not.toContain('Pass the schema module');
    }
    expect(await project.list('migrations')).toEqual([]);
  });

  test('membr.id, a table that does not exist: the ReferenceError, and no advice about the schema module', async () => {
    const project = await createProject('sqlite', { 'schema-no-table.ts': schemaWith('membr.id') });
    await project.write('strata.config.ts', configSource({ schemaFile: 'schema-no-table.ts', url: project.url }));
    const { code, stderr } = await project.run('generate');
    expect(code).toBe(EXIT.usage);
    expect(stderr).toContain(
      'table "post", column "memberId": references(() => membr.id) threw ReferenceError: membr is not defined.',
    );
    expect(stderr).not.toContain('Pass the schema module');
  });
});

describe('file-backed URLs in a project without a data folder', () => {
  test('pglite:./data/app (the README example) and sqlite:./data/app.sqlite3 create their folders', async () => {
    for (const [engine, url, made] of [
      ['pglite', 'pglite:./data/app', 'data/app/PG_VERSION'],
      ['sqlite', 'sqlite:./data/app.sqlite3', 'data/app.sqlite3'],
    ] as const) {
      const project = await createProject(engine, { 'schema-v1.ts': SCHEMAS.v1 });
      await project.write('strata.config.ts', configSource({ schemaFile: 'schema-v1.ts', url }));
      expect((await project.run('generate')).code).toBe(EXIT.ok);
      const migrated = await project.run('migrate');
      expect(migrated.stderr).toBe('');
      expect(migrated.code).toBe(EXIT.ok);
      expect(migrated.stdout).toContain('applied 0001_init');
      expect(existsSync(project.path(made))).toBe(true);
    }
  }, 60_000);

  test('a folder that cannot be created (a file is in the way): exit 2 naming it', async () => {
    const project = await createProject('sqlite', { 'schema-v1.ts': SCHEMAS.v1, 'data/taken': 'a file' });
    await project.write(
      'strata.config.ts',
      configSource({ schemaFile: 'schema-v1.ts', url: 'pglite:./data/taken/app' }),
    );
    expect((await project.run('generate')).code).toBe(EXIT.ok);
    const { code, stderr } = await project.run('migrate');
    expect(code).toBe(EXIT.usage);
    expect(stderr).toContain(
      `Cannot create the folder "${project.path('data/taken')}" for the PGlite data directory "${project.path('data/taken/app')}"`,
    );
    expect(stderr).toContain('Fix the path in the connection URL or create the folder.');
  });
});

describe('strata.config.ts as tsc accepts it', () => {
  const config = `import { defineConfig } from '@strata/cli';
import * as app from '../src/app-schema.js';

export default defineConfig({
  databases: {
    app: { schema: app, connection: 'sqlite:./db/app.sqlite3', dialects: ['sqlite'] },
  },
});
`;

  test('a .js specifier for a .ts schema, and relative paths from the config file folder', async () => {
    const project = await createProject('sqlite', {
      'src/app-schema.ts': SCHEMAS.v1,
      'config/strata.config.ts': config,
    });
    // Run from the project root: the database and the migrations land next to the config file.
    const generated = await project.run('--config', 'config/strata.config.ts', 'generate');
    expect(generated.stderr).toBe('');
    expect(generated.code).toBe(EXIT.ok);
    expect(await project.list('config/migrations/app/sqlite')).toContain('0001_init.sql');
    const migrated = await project.run('--config', 'config/strata.config.ts', 'migrate');
    expect(migrated.code).toBe(EXIT.ok);
    expect(existsSync(project.path('config/db/app.sqlite3'))).toBe(true);
    expect(existsSync(project.path('db'))).toBe(false);
  });

  test('the same config through node and tsx, as an installed strata runs it', async () => {
    const project = await createProject('sqlite', { 'src/app-schema.ts': SCHEMAS.v1 });
    await writeFile(project.path('strata.config.ts'), config.replace('../src/', './src/'));
    const entry = join(REPO_ROOT, 'packages', 'cli', 'src', 'cli-entry.ts');
    const result = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      execFile(
        process.execPath,
        ['--conditions=source', '--import', 'tsx', entry, 'generate'],
        { cwd: project.dir, env: { ...process.env, NO_COLOR: '1' }, timeout: 60_000 },
        (error, stdout, stderr) =>
          resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr }),
      );
    });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(EXIT.ok);
    expect(await project.list('migrations/app/sqlite')).toContain('0001_init.sql');
  }, 60_000);
});
