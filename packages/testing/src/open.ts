import type { SchemaModule } from '@strata/core';
import type { PgliteDatabaseOptions, PgliteStrataDatabase } from '@strata/pglite';
import type { PostgresDatabase, PostgresDatabaseOptions } from '@strata/postgres';
import { type EngineDatabase, loadDriver } from '@strata/sql';
import type { SQLiteDatabase, SQLiteDatabaseOptions } from '@strata/sqlite';
import { POSTGRES_URL_VARIABLE, type TestEngineName } from './engines.js';
import { pgliteSnapshot } from './pglite-snapshot.js';
import { POSTGRES_POOLER_VARIABLE, throughPgbouncer } from './pooler.js';

/**
 * A database opened for a test, on any engine: each engine package's own database type when the
 * app has that package (see `EngineDatabase` in `@strata/sql`), so testing on SQLite alone
 * needs no PGlite or PostgreSQL packages, not even to type-check.
 */
export type TestDatabase<S extends SchemaModule> = EngineDatabase<S, TestEngineName>;

let databaseCounter = 0;

// Engine packages load on first use: an app that tests on SQLite only installs no PGlite or
// PostgreSQL driver, and a missing one is named in the error.
async function createPglite<S extends SchemaModule>(
  options: PgliteDatabaseOptions<S>,
): Promise<PgliteStrataDatabase<S>> {
  const { createDatabase } = await loadDriver('@strata/pglite', '0.1', () => import('@strata/pglite'));
  return createDatabase(options);
}

async function createSqlite<S extends SchemaModule>(options: SQLiteDatabaseOptions<S>): Promise<SQLiteDatabase<S>> {
  const { createDatabase } = await loadDriver('@strata/sqlite', '0.1', () => import('@strata/sqlite'));
  return createDatabase(options);
}

async function createPostgres<S extends SchemaModule>(
  options: PostgresDatabaseOptions<S>,
): Promise<PostgresDatabase<S>> {
  const { createDatabase } = await loadDriver('@strata/postgres', '0.1', () => import('@strata/postgres'));
  return createDatabase(options);
}

/**
 * With `STRATA_TEST_POSTGRES_POOLER=transaction`, test databases are reached through the test
 * PgBouncer (`pgbouncer=true`), so whole test files run behind a transaction pooler unchanged.
 */
function viaPooler(url: string): string {
  if (process.env[POSTGRES_POOLER_VARIABLE] !== 'transaction') return url;
  const pooled = new URL(throughPgbouncer(url));
  pooled.searchParams.set('pgbouncer', 'true');
  return pooled.toString();
}

async function openPostgres<S extends SchemaModule>(
  schema: S,
  onCreated?: (url: string) => void,
): Promise<PostgresDatabase<S>> {
  const database = await createPostgresTestDatabase();
  const url = viaPooler(database.url);
  onCreated?.(url);
  const db = await createPostgres({ schema, url, maxConnections: 4 });
  const close = db.close.bind(db);
  let dropped: Promise<void> | undefined;
  return Object.assign(db, {
    close: (options?: { timeoutMs?: number }) => {
      dropped ??= (async () => {
        await close(options);
        await database.drop();
      })();
      return dropped;
    },
  });
}

/**
 * Opens an empty database for `schema` on `engine`: PGlite in memory (from a cached snapshot),
 * SQLite in memory, or a new database on the test PostgreSQL server (dropped on `close()`).
 *
 * @example
 * ```ts
 * const db = await openTestDatabase('sqlite', schema);
 * await db.createTables();
 * ```
 */
export async function openTestDatabase<S extends SchemaModule>(
  engine: TestEngineName,
  schema: S,
): Promise<TestDatabase<S>> {
  return TEST_ENGINES[engine].open(schema);
}

/**
 * Two handles on one database, as two processes of an app would have: two pools on one
 * PostgreSQL database, two connections to one SQLite file, or (PGlite has one connection per
 * instance) two Strata databases sharing one PGlite instance. Closing the first closes both.
 *
 * @example
 * ```ts
 * const [a, b] = await openTestDatabasePair('sqlite', schema);
 * await Promise.all([migrate(a, { migrations }), migrate(b, { migrations })]);
 * ```
 */
export async function openTestDatabasePair<S extends SchemaModule>(
  engine: TestEngineName,
  schema: S,
): Promise<[TestDatabase<S>, TestDatabase<S>]> {
  return TEST_ENGINES[engine].openPair(schema);
}

/** How the test harness opens one engine's databases: one entry per engine, no engine switch elsewhere. */
interface TestEngine {
  open<S extends SchemaModule>(schema: S): Promise<TestDatabase<S>>;
  openPair<S extends SchemaModule>(schema: S): Promise<[TestDatabase<S>, TestDatabase<S>]>;
}

/** The test engines: PGlite from a cached snapshot, SQLite in memory or a temp file, a server database. */
const TEST_ENGINES: { readonly [E in TestEngineName]: TestEngine } = {
  pglite: {
    open: async (schema) => createPglite({ schema, loadDataDir: await pgliteSnapshot() }),
    async openPair(schema) {
      const first = await createPglite({ schema, loadDataDir: await pgliteSnapshot() });
      const second = await createPglite({ schema, client: first.client });
      return [withExtraClose(first, () => second.close()), second];
    },
  },
  sqlite: {
    open: (schema) => createSqlite({ schema }),
    async openPair(schema) {
      const { mkdtempSync, rmSync } = await import('node:fs');
      const { tmpdir } = await import('node:os');
      const { join } = await import('node:path');
      const dir = mkdtempSync(join(tmpdir(), 'strata-pair-'));
      const filename = join(dir, 'pair.sqlite3');
      const first = await createSqlite({ schema, filename });
      const second = await createSqlite({ schema, filename });
      return [
        withExtraClose(first, async () => {
          await second.close();
          rmSync(dir, { recursive: true, force: true });
        }),
        second,
      ];
    },
  },
  postgres: {
    open: (schema) => openPostgres(schema),
    async openPair(schema) {
      let url = '';
      const first = await openPostgres(schema, (created) => {
        url = created;
      });
      const second = await createPostgres({ schema, url, maxConnections: first.client.options.max });
      return [withExtraClose(first, () => second.close()), second];
    },
  },
};

/** `db` whose close also closes the other handle of a pair (after starting its own close). */
function withExtraClose<D extends { close(options?: { timeoutMs?: number }): Promise<void> }>(
  db: D,
  other: () => Promise<void>,
): D {
  const close = db.close.bind(db);
  let closing: Promise<void> | undefined;
  return Object.assign(db, {
    close: (options?: { timeoutMs?: number }) => {
      closing ??= (async () => {
        const own = close(options);
        await other();
        await own;
      })();
      return closing;
    },
  });
}

/** A database made by {@link createPostgresTestDatabase}: its URL, and `drop()` to remove it. */
export interface PostgresTestDatabase {
  readonly url: string;
  drop(): Promise<void>;
}

/**
 * A new, empty database on the test PostgreSQL server, for tests that need its URL (to open it
 * from another process, or through a proxy). `drop()` removes it.
 *
 * @example
 * ```ts
 * const { url, drop } = await createPostgresTestDatabase();
 * const db = await connect(url, { schema });
 * ```
 */
export async function createPostgresTestDatabase(): Promise<PostgresTestDatabase> {
  const serverUrl = process.env[POSTGRES_URL_VARIABLE];
  if (!serverUrl) throw new Error(`${POSTGRES_URL_VARIABLE} is not set`);
  const { default: postgres } = await import('postgres');
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  const name = `strata_test_${process.pid}_${++databaseCounter}_${Date.now().toString(36)}`;
  await admin`create database ${admin(name)}`;
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      await admin`drop database if exists ${admin(name)} with (force)`;
      await admin.end({ timeout: 5 });
    },
  };
}
