import type { SchemaModule } from '@strata/core';
import { createDatabase as createPglite, type PgliteStrataDatabase } from '@strata/pglite';
import { createDatabase as createPostgres, type PostgresDatabase } from '@strata/postgres';
import { createDatabase as createSqlite, type SQLiteDatabase } from '@strata/sqlite';
import { POSTGRES_URL_VARIABLE, type TestEngineName } from './engines.js';
import { pgliteSnapshot } from './pglite-snapshot.js';

/** A database opened for a test, on any engine. */
export type TestDatabase<S extends SchemaModule> = PgliteStrataDatabase<S> | SQLiteDatabase<S> | PostgresDatabase<S>;

let databaseCounter = 0;

async function openPostgres<S extends SchemaModule>(schema: S): Promise<PostgresDatabase<S>> {
  const serverUrl = process.env[POSTGRES_URL_VARIABLE];
  if (!serverUrl) throw new Error(`${POSTGRES_URL_VARIABLE} is not set`);
  const { default: postgres } = await import('postgres');
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  const name = `strata_test_${process.pid}_${++databaseCounter}_${Date.now().toString(36)}`;
  await admin`create database ${admin(name)}`;
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const db = await createPostgres({ schema, url: url.toString(), maxConnections: 4 });
  const close = db.close.bind(db);
  let dropped: Promise<void> | undefined;
  return Object.assign(db, {
    close: () => {
      dropped ??= (async () => {
        await close();
        await admin`drop database if exists ${admin(name)} with (force)`;
        await admin.end({ timeout: 5 });
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
  switch (engine) {
    case 'pglite':
      return createPglite({ schema, loadDataDir: await pgliteSnapshot() });
    case 'sqlite':
      return createSqlite({ schema });
    case 'postgres':
      return openPostgres(schema);
  }
}
