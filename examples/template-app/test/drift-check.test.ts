// The drift check the seed's sync test stood in for: `strata check` fails when the schema and the
// generated migrations disagree, and passes on the real folder. Each case copies the migrations
// into a throwaway folder, breaks them the way people do, and reads what the check reports.
import { execFile } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import {
  checkProject,
  GeneratedMigrationEditedError,
  hashMigrationFolder,
  loadConfig,
  type ResolvedConfig,
} from '@strata/cli';
import type { SchemaModule } from '@strata/core';
import { afterEach, describe, expect, test } from 'vitest';
import { MIGRATIONS_FOLDER } from '../src/database.js';
import * as schemaWithNewTable from './fixtures/schema-with-new-table.js';

const PACKAGE_DIR = fileURLToPath(new URL('..', import.meta.url));
const config = await loadConfig(PACKAGE_DIR);

const folders: string[] = [];
afterEach(async () => {
  await Promise.all(folders.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

/** The package's configuration, reading a throwaway copy of the migrations (and `schema`, if given). */
async function withCopiedMigrations(schema?: SchemaModule): Promise<{ config: ResolvedConfig; folder: string }> {
  const folder = await mkdtemp(join(tmpdir(), 'template-app-drift-'));
  folders.push(folder);
  await cp(MIGRATIONS_FOLDER, folder, { recursive: true });
  const databases = config.databases.map((database) => ({
    ...database,
    migrations: folder,
    ...(schema && { schema }),
  }));
  return { config: { ...config, databases }, folder };
}

/** Adds a column the schema does not have to the generated PostgreSQL migration. */
async function editPgMigrationByHand(folder: string): Promise<void> {
  const file = join(folder, 'pg', '0001_init.sql');
  const sql = await readFile(file, 'utf8');
  await writeFile(file, sql.replace('"note" text,', '"note" text,\n\t"mood" text,'));
}

// drizzle-kit and PGlite start slowly on a busy machine: generous time, no assertion on it.
describe('drift check', { timeout: 180_000 }, () => {
  test('passes on the real folder: the migrations, replayed, build exactly the schema', async () => {
    expect(await checkProject(config, { offline: true })).toEqual({
      ok: true,
      findings: [],
      notes: [],
      databasesChecked: [],
    });
  });

  test('fails when the schema changed and no migration was generated', async () => {
    const copy = await withCopiedMigrations(schemaWithNewTable);
    const { ok, findings } = await checkProject(copy.config, { offline: true });
    expect(ok).toBe(false);
    expect(findings.map((finding) => [finding.dialect, finding.kind]).sort()).toEqual([
      ['pg', 'schema'],
      ['sqlite', 'schema'],
    ]);
    for (const { problem } of findings) expect(problem).toMatch(/changes no migration has.*strata generate/);
  });

  test('fails when a generated migration was edited by hand, and still after strata hash --force', async () => {
    const copy = await withCopiedMigrations();
    await editPgMigrationByHand(copy.folder);
    expect((await checkProject(copy.config, { offline: true })).findings).toEqual([
      {
        database: 'app',
        dialect: 'pg',
        kind: 'folder',
        problem: expect.stringContaining('0001_init.sql (or its .down.sql) changed after the journal recorded it'),
      },
    ]);

    // `strata hash` refuses to record the edit of a generated migration, and writes nothing…
    const pgFolder = join(copy.folder, 'pg');
    const refused = await hashMigrationFolder(pgFolder, 'pg').catch((error: unknown) => error);
    expect(refused instanceof GeneratedMigrationEditedError && refused.migrations).toEqual(['0001_init']);
    expect((await checkProject(copy.config, { offline: true })).findings).toMatchObject([{ kind: 'folder' }]);

    // …and with --force the journal agrees, but the replay sees the column the schema lacks.
    expect(await hashMigrationFolder(pgFolder, 'pg', { force: true })).toEqual(['0001_init']);
    expect((await checkProject(copy.config, { offline: true })).findings).toEqual([
      {
        database: 'app',
        dialect: 'pg',
        kind: 'replay',
        problem: expect.stringContaining('+ habit_entries.mood: text null'),
      },
    ]);
  });

  test('npm run db:check exits 0 on the real folder', async () => {
    const { stdout } = await promisify(execFile)('npm', ['run', '--silent', 'db:check'], { cwd: PACKAGE_DIR });
    expect(stdout).toContain('schema and migrations agree (offline: no database checked)');
  });
});
