// Throwaway Strata projects for the CLI tests: a folder under packages/cli/.test-projects (inside
// the repository, so that `import '@strata/cli'` in a project's strata.config.ts resolves to the
// workspace packages), its config and schema files, and `main(argv, io)` run in it with in-memory
// output. Databases are real: a SQLite file, a PGlite directory, a fresh PostgreSQL database.
import { randomBytes } from 'node:crypto';
import { cp, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type CliIO, main } from '@strata/cli';
import { defineTable, id, type SchemaModule, text } from '@strata/core';
import { createDatabase as createPglite } from '@strata/pglite';
import { createDatabase as createPostgres } from '@strata/postgres';
import { createDatabase as createSqlite } from '@strata/sqlite';
import { POSTGRES_URL_VARIABLE, rawExecute, rawRows, type TestDatabase, type TestEngineName } from '@strata/testing';
import { sql } from 'drizzle-orm';

/** Where every test project lives (gitignored). */
export const PROJECTS_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '.test-projects');

/** The repository root: where a spawned `node … packages/cli/src/cli-entry.ts` starts. */
export const REPO_ROOT = resolve(PROJECTS_ROOT, '..', '..', '..');

/** What one `strata` run printed and returned. */
export interface RunResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** The migration folder of database `app` for an engine: `migrations/app/<dialect>`. */
export function dialectOf(engine: TestEngineName): 'pg' | 'sqlite' {
  return engine === 'sqlite' ? 'sqlite' : 'pg';
}

/** Runs `strata <args>` in `cwd` with in-memory output, not interactive, with an empty environment. */
export async function runCli(cwd: string, args: readonly string[]): Promise<RunResult> {
  let stdout = '';
  let stderr = '';
  const io: CliIO = {
    stdout: {
      write: (text: string) => {
        stdout += text;
        return true;
      },
    },
    // A plain collector: the CLI only writes (spinners need a real stream and a terminal).
    stderr: {
      write: (text: string) => {
        stderr += text;
        return true;
      },
    },
    interactive: false,
    cwd,
    env: {},
  };
  const code = await main(args, io);
  return { code, stdout, stderr };
}

/** A throwaway project folder. */
export class Project {
  constructor(
    readonly engine: TestEngineName,
    readonly dir: string,
    /** The `connection` URL its configs use. */
    readonly url: string,
  ) {}

  /** The folder `strata generate` writes database `app`'s migrations to, relative to the project. */
  get migrations(): string {
    return join('migrations', 'app', dialectOf(this.engine));
  }

  path(...parts: string[]): string {
    return join(this.dir, ...parts);
  }

  async write(file: string, content: string): Promise<void> {
    await mkdir(dirname(this.path(file)), { recursive: true });
    await writeFile(this.path(file), content);
  }

  read(file: string): Promise<string> {
    return readFile(this.path(file), 'utf8');
  }

  /** The file names of a folder of the project, sorted; empty when it does not exist. */
  async list(folder: string): Promise<string[]> {
    return (await readdir(this.path(folder)).catch(() => [] as string[])).sort();
  }

  /** Runs `strata <args>` in the project. */
  run(...args: string[]): Promise<RunResult> {
    return runCli(this.dir, args);
  }

  /** Runs `strata --json <args>` and parses stdout (which must be exactly one JSON document). */
  async json(...args: string[]): Promise<RunResult & { readonly document: Record<string, unknown> }> {
    const result = await this.run('--json', ...args);
    let document: Record<string, unknown>;
    try {
      document = JSON.parse(result.stdout) as Record<string, unknown>;
    } catch {
      throw new Error(`strata --json ${args.join(' ')} printed no single JSON document:\n${result.stdout}`);
    }
    return { ...result, document };
  }

  /** Opens the project's database with the engine package (after the CLI closed it), runs `work`, closes. */
  async withDatabase<T>(work: (db: RawDatabase) => Promise<T>): Promise<T> {
    const db = await openUrl(this.engine, this.url, this.dir);
    // Counts come back as bigint from SQLite and PGlite, as numbers elsewhere: compare numbers.
    const rows = async (query: string) =>
      (await rawRows(db, sql.raw(query))).map((row) =>
        Object.fromEntries(
          Object.entries(row).map(([key, value]) => [key, typeof value === 'bigint' ? Number(value) : value]),
        ),
      );
    const names = async (query: string) => (await rows(query)).map((row) => String(row.name));
    const sqlite = this.engine === 'sqlite';
    try {
      return await work({
        rows,
        execute: (query) => rawExecute(db, sql.raw(query)),
        tables: () =>
          names(
            sqlite
              ? "select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name"
              : 'select table_name as name from information_schema.tables where table_schema = current_schema() order by table_name',
          ),
        columns: (table) =>
          names(
            sqlite
              ? `select name from pragma_table_info('${table}') order by name`
              : `select column_name as name from information_schema.columns where table_schema = current_schema() and table_name = '${table}' order by column_name`,
          ),
        indexes: (table) =>
          names(
            sqlite
              ? `select name from sqlite_master where type = 'index' and tbl_name = '${table}' and name not like 'sqlite_%' order by name`
              : `select indexname as name from pg_indexes where schemaname = current_schema() and tablename = '${table}' order by indexname`,
          ),
      });
    } finally {
      await db.close();
    }
  }
}

/** Raw SQL on a project's database, and its catalog. */
export interface RawDatabase {
  rows(query: string): Promise<Record<string, unknown>[]>;
  execute(query: string): Promise<void>;
  /** Table names, sorted (Strata's own tables included). */
  tables(): Promise<string[]>;
  /** Column names of a table, sorted. */
  columns(table: string): Promise<string[]>;
  /** Index names of a table, sorted (not the implicit ones of SQLite). */
  indexes(table: string): Promise<string[]>;
}

/** Opening needs a schema with a table; raw queries do not use it. */
const anySchema: SchemaModule = { probe: defineTable('strata_test_probe', { id: id(), note: text() }) };

async function openUrl(engine: TestEngineName, url: string, root: string): Promise<TestDatabase<SchemaModule>> {
  switch (engine) {
    case 'sqlite':
      return createSqlite({ schema: anySchema, filename: resolve(root, url.replace(/^sqlite:/, '')) });
    case 'pglite':
      return createPglite({ schema: anySchema, dataDir: resolve(root, url.replace(/^pglite:/, '')) });
    case 'postgres':
      return createPostgres({ schema: anySchema, url, maxConnections: 1 });
  }
}

const createdProjects: string[] = [];
const createdDatabases: string[] = [];
let pgliteTemplate: Promise<string> | undefined;

/**
 * An initialised, empty PGlite data directory, made once per test file and copied into each
 * project: a new directory takes seconds to initialise, a copy milliseconds.
 */
function emptyPgliteDir(): Promise<string> {
  pgliteTemplate ??= (async () => {
    const dir = join(PROJECTS_ROOT, `pglite-template-${process.pid}-${randomBytes(4).toString('hex')}`);
    createdProjects.push(dir);
    const db = await createPglite({ schema: anySchema, dataDir: dir });
    await db.close();
    return dir;
  })();
  return pgliteTemplate;
}

/** A new database on the test PostgreSQL server, and its URL (dropped by {@link removeProjects}). */
async function freshPostgresUrl(): Promise<string> {
  const serverUrl = process.env[POSTGRES_URL_VARIABLE];
  if (!serverUrl) throw new Error(`${POSTGRES_URL_VARIABLE} is not set`);
  const { default: postgres } = await import('postgres');
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  const name = `strata_cli_${process.pid}_${randomBytes(4).toString('hex')}`;
  try {
    await admin`create database ${admin(name)}`;
  } finally {
    await admin.end({ timeout: 5 });
  }
  createdDatabases.push(name);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/**
 * Creates a project folder for `engine` (its database empty: a SQLite file to be, an initialised
 * PGlite directory `./data`, a new PostgreSQL database) and writes `files` into it.
 *
 * @example
 * ```ts
 * const project = await createProject('sqlite', { 'schema-v1.ts': schemaV1, 'strata.config.ts': config('schema-v1.ts') });
 * ```
 */
export async function createProject(
  engine: TestEngineName,
  files: Readonly<Record<string, string>> = {},
): Promise<Project> {
  const dir = join(PROJECTS_ROOT, `${engine}-${randomBytes(6).toString('hex')}`);
  createdProjects.push(dir);
  await mkdir(dir, { recursive: true });
  let url: string;
  switch (engine) {
    case 'sqlite':
      url = 'sqlite:./dev.sqlite3';
      break;
    case 'pglite':
      url = 'pglite:./data';
      await cp(await emptyPgliteDir(), join(dir, 'data'), { recursive: true });
      break;
    case 'postgres':
      url = await freshPostgresUrl();
      break;
  }
  const project = new Project(engine, dir, url);
  for (const [file, content] of Object.entries(files)) await project.write(file, content);
  return project;
}

/** Removes every project folder and PostgreSQL database this test file made (in afterAll). */
export async function removeProjects(): Promise<void> {
  for (const dir of createdProjects.splice(0)) await rm(dir, { recursive: true, force: true });
  pgliteTemplate = undefined;
  const serverUrl = process.env[POSTGRES_URL_VARIABLE];
  if (!serverUrl || createdDatabases.length === 0) return;
  const { default: postgres } = await import('postgres');
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  try {
    for (const name of createdDatabases.splice(0)) await admin`drop database if exists ${admin(name)} with (force)`;
  } finally {
    await admin.end({ timeout: 5 });
  }
}

/**
 * A `strata.config.ts` with one database `app` on `url`, its schema imported from `schemaFile`.
 * `seed` is the body of an async seed function receiving `db` (inserts through `db.drizzle`).
 */
export function configSource(options: {
  readonly schemaFile: string;
  readonly url: string;
  readonly seed?: string;
}): string {
  const seed = options.seed === undefined ? '' : `\n      seed: async (db: any) => {\n${options.seed}\n      },`;
  return `import { defineConfig } from '@strata/cli';
import * as schema from './${options.schemaFile}';

export default defineConfig({
  databases: {
    app: {
      schema,
      connection: ${JSON.stringify(options.url)},${seed}
    },
  },
});
`;
}

/**
 * Successive versions of the project's schema, as a team would edit it between two generates:
 * - v1: `author` (name, bio, country) and `book` (a foreign key to author);
 * - v2: adds `email` and an index on `book.title`, makes `country` NOT NULL with a default,
 *   renames `name` to `full_name` with `.renamedFrom('name')`;
 * - v3: `bio` is gone and `summary` is new: ambiguous, generated with `--no-renames`.
 */
export const SCHEMAS = {
  v1: `import { defineTable, id, integer, text, uuid } from '@strata/core';

export const author = defineTable('author', {
  id: id(),
  name: text().notNull(),
  bio: text(),
  country: text(),
});

export const book = defineTable('book', {
  id: id(),
  authorId: uuid().notNull().references(() => author.id, { onDelete: 'cascade' }),
  title: text().notNull(),
  pages: integer(),
});
`,
  v2: `import { defineTable, id, index, integer, text, uuid } from '@strata/core';

export const author = defineTable('author', {
  id: id(),
  fullName: text().notNull().renamedFrom('name'),
  bio: text(),
  country: text().notNull().default('NL'),
  email: text(),
});

export const book = defineTable(
  'book',
  {
    id: id(),
    authorId: uuid().notNull().references(() => author.id, { onDelete: 'cascade' }),
    title: text().notNull(),
    pages: integer(),
  },
  (t) => [index().on(t.title)],
);
`,
  v3: `import { defineTable, id, index, integer, text, uuid } from '@strata/core';

export const author = defineTable('author', {
  id: id(),
  fullName: text().notNull(),
  summary: text(),
  country: text().notNull().default('NL'),
  email: text(),
});

export const book = defineTable(
  'book',
  {
    id: id(),
    authorId: uuid().notNull().references(() => author.id, { onDelete: 'cascade' }),
    title: text().notNull(),
    pages: integer(),
  },
  (t) => [index().on(t.title)],
);
`,
  /** v1 without `bio`: a plain drop, for `push`. */
  v1WithoutBio: `import { defineTable, id, integer, text, uuid } from '@strata/core';

export const author = defineTable('author', {
  id: id(),
  name: text().notNull(),
  country: text(),
});

export const book = defineTable('book', {
  id: id(),
  authorId: uuid().notNull().references(() => author.id, { onDelete: 'cascade' }),
  title: text().notNull(),
  pages: integer(),
});
`,
} as const;

/** A project on `engine` with schema v1 in `schema-v1.ts` and `strata.config.ts` pointing at it. */
export async function createV1Project(
  engine: TestEngineName,
  options: { readonly seed?: string } = {},
): Promise<Project> {
  const project = await createProject(engine, { 'schema-v1.ts': SCHEMAS.v1 });
  await project.write(
    'strata.config.ts',
    configSource({ schemaFile: 'schema-v1.ts', url: project.url, ...(options.seed !== undefined && options) }),
  );
  return project;
}

/**
 * Writes a config named `configFile` importing schema `version` from a new file (vitest caches
 * modules by path: a changed schema needs a new file name), and returns the file name to pass
 * with `--config`.
 */
export async function useSchema(project: Project, version: keyof typeof SCHEMAS, configFile: string): Promise<string> {
  const schemaFile = `schema-${version}-${configFile.replace(/\W/g, '_')}.ts`;
  await project.write(schemaFile, SCHEMAS[version]);
  await project.write(configFile, configSource({ schemaFile, url: project.url }));
  return configFile;
}
