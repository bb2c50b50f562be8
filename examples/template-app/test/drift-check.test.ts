// The drift check the seed's sync test stood in for: `strata check` fails when the schema and the
// generated migrations disagree, and passes on the real folder. Each case copies the migrations
// into a throwaway project, breaks them the way people do, and reads what the check reports.
import { execFile } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { main } from '@strata/cli';
import { afterEach, describe, expect, test } from 'vitest';
import { MIGRATIONS_FOLDER } from '../src/database.js';
import { replayMigrations } from '../src/replay-migrations.js';
import * as schemaWithNewTable from './fixtures/schema-with-new-table.js';

const PACKAGE_DIR = fileURLToPath(new URL('..', import.meta.url));
const APP_SCHEMA = fileURLToPath(new URL('../src/schema.ts', import.meta.url));
const CHANGED_SCHEMA = fileURLToPath(new URL('./fixtures/schema-with-new-table.ts', import.meta.url));

interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `strata <args>` in `cwd`, in this process, with its output captured. */
async function strata(cwd: string, ...args: string[]): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  // CliIO wants a whole stream for stderr; a Writable whose write lands synchronously keeps
  // every line, up to the last one before main() returns.
  const errors = new Writable({
    write(chunk: Buffer, _encoding, done) {
      stderr += chunk.toString();
      done();
    },
  });
  const io = {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: errors,
    interactive: false,
    cwd,
    env: {},
  };
  const code = await main(args, io);
  return { code, stdout, stderr };
}

const projects: string[] = [];
afterEach(async () => {
  await Promise.all(projects.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

/** A throwaway project: a copy of the migrations and a config using `schemaFile`. */
async function project(schemaFile: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'template-app-drift-'));
  projects.push(dir);
  await cp(MIGRATIONS_FOLDER, join(dir, 'migrations', 'app'), { recursive: true });
  // A plain object (what defineConfig returns): @strata/cli does not resolve from a temp folder.
  await writeFile(
    join(dir, 'strata.config.ts'),
    `import * as schema from ${JSON.stringify(schemaFile)};\n` +
      `export default { databases: { app: { schema, dialects: ['pg', 'sqlite'] } } };\n`,
  );
  return dir;
}

/** Adds a column the schema does not have to the generated PostgreSQL migration. */
async function editPgMigrationByHand(dir: string): Promise<void> {
  const file = join(dir, 'migrations', 'app', 'pg', '0001_init.sql');
  const sql = await readFile(file, 'utf8');
  await writeFile(file, sql.replace('"note" text,', '"note" text,\n\t"mood" text,'));
}

// drizzle-kit and PGlite start slowly on a busy machine: generous time, no assertion on it.
describe('drift check', { timeout: 180_000 }, () => {
  test('passes on the real folder: strata check and the replay agree with the schema', async () => {
    const check = await strata(PACKAGE_DIR, 'check', '--offline');
    expect(check.stderr).toBe('');
    expect(check.code).toBe(0);
    expect(await replayMigrations()).toEqual([]);
  });

  test('fails when the schema changed and no migration was generated', async () => {
    const dir = await project(CHANGED_SCHEMA);
    const check = await strata(dir, '--json', 'check', '--offline');
    expect(check.code).toBe(1);
    const { findings } = JSON.parse(check.stdout) as { findings: { dialect: string; problem: string }[] };
    expect(findings.map((finding) => finding.dialect).sort()).toEqual(['pg', 'sqlite']);
    for (const { problem } of findings) expect(problem).toMatch(/changes no migration has.*strata generate/);
    // The replay names what is missing: the new table, on both dialects.
    const replayed = await replayMigrations({ folder: join(dir, 'migrations', 'app'), schema: schemaWithNewTable });
    expect(replayed).toEqual([
      { dialect: 'sqlite', differences: ['- table habit_reminders'] },
      { dialect: 'pg', differences: ['- table habit_reminders'] },
    ]);
  });

  test('fails when a generated migration was edited by hand', async () => {
    const dir = await project(APP_SCHEMA);
    await editPgMigrationByHand(dir);
    const check = await strata(dir, 'check', '--offline');
    expect(check.code).toBe(1);
    expect(check.stderr).toContain('app (pg)');
    expect(check.stderr).toContain('0001_init.sql (or its .down.sql) changed after the journal recorded it');
  });

  test('an edit re-recorded with strata hash passes strata check, and the replay catches it', async () => {
    const dir = await project(APP_SCHEMA);
    await editPgMigrationByHand(dir);
    expect((await strata(dir, 'hash')).code).toBe(0);
    // strata check compares the schema with the last snapshot and the files with the journal:
    // both agree now, although 0001_init.sql builds a column the schema does not have.
    expect((await strata(dir, 'check', '--offline')).code).toBe(0);
    expect(await replayMigrations({ folder: join(dir, 'migrations', 'app') })).toEqual([
      { dialect: 'pg', differences: ['+ habit_entries.mood: text null'] },
    ]);
  });

  test('npm run db:check exits 0 on the real folder', async () => {
    const { stdout } = await promisify(execFile)('npm', ['run', '--silent', 'db:check'], { cwd: PACKAGE_DIR });
    expect(stdout).toContain('schema, migrations and databases agree');
    expect(stdout).toContain('the migrations, replayed, build exactly the schema');
  });
});
