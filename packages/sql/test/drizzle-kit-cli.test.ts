// The real drizzle-kit CLI next to Strata, as a team runs it: a drizzle.config.ts and a schema
// file that exports `drizzleTables(schema)` by name, pointed at a database Strata migrated.
// `push` finds no changes (Strata's history table left out by `tablesFilter`), `generate` writes
// the SQL Strata's own first migration has, `check` passes, and a second `generate` has nothing.
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SchemaModule } from '@strata/core';
import { createDatabase as createPglite } from '@strata/pglite';
import { createDatabase as createPostgres } from '@strata/postgres';
import { generateMigration, migrate } from '@strata/sql';
import { pgGeneration } from '@strata/sql/postgres';
import { sqliteGeneration } from '@strata/sql/sqlite';
import { createDatabase as createSqlite } from '@strata/sqlite';
import { createPostgresTestDatabase, engineCases, type TestEngineName } from '@strata/testing';
import { afterAll, describe, expect, test } from 'vitest';
import { plain, rich } from './fixtures/drizzle-kit-schemas.js';
import { MemoryFolder } from './migration-support.js';

const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const DRIZZLE_KIT = join(REPO_ROOT, 'node_modules', 'drizzle-kit', 'bin.cjs');
const FIXTURES = fileURLToPath(new URL('./fixtures/drizzle-kit-schemas.ts', import.meta.url));

/** What each engine needs in drizzle.config.ts, and the schema it is tested with (see the fixtures). */
const SETUP = {
  postgres: { dialect: 'postgresql', entry: '@strata/sql/postgres', schema: 'rich', tables: ['writer', 'book'] },
  pglite: { dialect: 'postgresql', entry: '@strata/sql/postgres', schema: 'rich', tables: ['writer', 'book'] },
  sqlite: { dialect: 'sqlite', entry: '@strata/sql/sqlite', schema: 'plain', tables: ['member', 'membership'] },
} as const;

interface Run {
  readonly code: number;
  readonly output: string;
}

/** Runs drizzle-kit in `cwd`; workspace packages resolve to their TypeScript sources, as in the tests. */
function drizzleKit(cwd: string, args: readonly string[], env: Record<string, string>): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [DRIZZLE_KIT, ...args],
      { cwd, env: { ...process.env, ...env, NODE_OPTIONS: '--conditions=source' }, timeout: 90_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, output: `${stdout}${stderr}` });
      },
    );
  });
}

/** A project folder as a team has it: drizzle.config.ts, and the schema file drizzle-kit reads. */
function writeProject(dir: string, engine: TestEngineName): void {
  const setup = SETUP[engine];
  // The folder lives outside the repository: its imports resolve through the repository's packages.
  symlinkSync(join(REPO_ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
  writeFileSync(
    join(dir, 'drizzle-schema.ts'),
    [
      `import { drizzleTables } from '${setup.entry}';`,
      `import { ${setup.schema} as schema } from ${JSON.stringify(FIXTURES)};`,
      '',
      `export const { ${setup.tables.join(', ')} } = drizzleTables(schema);`,
      '',
    ].join('\n'),
  );
  const credentials =
    engine === 'pglite'
      ? "driver: 'pglite',\n  dbCredentials: { url: process.env.DATABASE_URL as string },"
      : 'dbCredentials: { url: process.env.DATABASE_URL as string },';
  writeFileSync(
    join(dir, 'drizzle.config.ts'),
    [
      "import { defineConfig } from 'drizzle-kit';",
      '',
      'export default defineConfig({',
      `  dialect: '${setup.dialect}',`,
      "  schema: './drizzle-schema.ts',",
      "  out: './drizzle',",
      `  ${credentials}`,
      "  tablesFilter: ['!strata_migrations'],",
      '});',
      '',
    ].join('\n'),
  );
}

/** A database on `engine` with the schema applied by Strata's migrator; returns its URL and Strata's SQL. */
async function migratedDatabase(
  engine: TestEngineName,
  dir: string,
  schema: SchemaModule,
): Promise<{ url: string; up: readonly string[]; drop: () => Promise<void> }> {
  const dialect = engine === 'sqlite' ? 'sqlite' : 'pg';
  const first = await generateMigration({ dialect: dialect === 'pg' ? pgGeneration : sqliteGeneration, schema });
  const folder = new MemoryFolder(dialect);
  await folder.add('init', first);
  const migrations = await folder.set();
  if (engine === 'postgres') {
    const database = await createPostgresTestDatabase();
    const db = await createPostgres({ schema, url: database.url, maxConnections: 1 });
    await migrate(db, { migrations });
    await db.close();
    return { url: database.url, up: first.up, drop: database.drop };
  }
  // drizzle-kit opens the database in its own process: Strata's handle is closed first.
  const url = join(dir, engine === 'sqlite' ? 'app.sqlite3' : 'pglite-data');
  const db =
    engine === 'sqlite' ? await createSqlite({ schema, filename: url }) : await createPglite({ schema, dataDir: url });
  await migrate(db, { migrations });
  await db.close();
  return { url, up: first.up, drop: async () => {} };
}

describe.each(engineCases())('the drizzle-kit CLI on $engine', ({ engine, skip }) => {
  const dir = mkdtempSync(join(tmpdir(), 'strata-kit-cli-'));
  let drop: () => Promise<void> = async () => {};
  afterAll(async () => {
    await drop();
    rmSync(dir, { recursive: true, force: true });
  });

  test.skipIf(skip)(
    'push finds no changes; generate writes Strata SQL; check passes',
    async () => {
      const schema = SETUP[engine].schema === 'rich' ? rich : plain;
      const database = await migratedDatabase(engine, dir, schema);
      drop = database.drop;
      writeProject(dir, engine);
      const env = { DATABASE_URL: database.url };

      const push = await drizzleKit(dir, ['push'], env);
      expect(push.output).toContain('No changes detected');
      expect(push.code).toBe(0);

      const generate = await drizzleKit(dir, ['generate', '--name', 'init'], env);
      expect(generate.code, generate.output).toBe(0);
      const sqlFile = readdirSync(join(dir, 'drizzle')).find((name) => name.endsWith('.sql')) as string;
      // The same statements; the order of the tables follows the order drizzle-kit met them.
      const written = readFileSync(join(dir, 'drizzle', sqlFile), 'utf8').split('--> statement-breakpoint');
      const sorted = (statements: readonly string[]) => statements.map((statement) => statement.trim()).sort();
      expect(sorted(written)).toEqual(sorted(database.up));

      const check = await drizzleKit(dir, ['check'], env);
      expect(check.code, check.output).toBe(0);
      const again = await drizzleKit(dir, ['generate'], env);
      expect(again.output).toContain('No schema changes');
      expect(again.code).toBe(0);
    },
    180_000,
  );
});
