// For the apps' tests: point the package's `db` at a throwaway database on a real engine, the
// way the environment does in development (SQLite at SQLITE_PATH) and production (PostgreSQL at
// NEON_DATABASE_URL), with the migrations applied. `@repo/db/testing`; never used by app code.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPostgresTestDatabase } from '@strata/testing';
import { db } from './database.js';
import { createTables } from './migrations.js';

const VARIABLES = ['NODE_ENV', 'NEON_DATABASE_URL', 'SQLITE_PATH'] as const;

/** The engines the package runs on: SQLite in development, PostgreSQL in production. */
export type PackageEngine = 'sqlite' | 'postgres';

/**
 * Sets the environment for `engine` (a temp SQLite file, or a new database on the test PostgreSQL
 * server from `STRATA_TEST_POSTGRES_URL`), applies the migrations through `db`, and returns the
 * cleanup: close `db`, remove the database, restore the environment.
 *
 * @example
 * ```ts
 * let cleanUp: () => Promise<void>;
 * beforeAll(async () => { cleanUp = await useTestDatabase('sqlite'); });
 * afterAll(() => cleanUp());
 * ```
 */
export async function useTestDatabase(engine: PackageEngine): Promise<() => Promise<void>> {
  const saved = VARIABLES.map((name) => [name, process.env[name]] as const);
  let removeDatabase: () => Promise<void>;
  if (engine === 'sqlite') {
    const folder = mkdtempSync(join(tmpdir(), 'repo-db-'));
    process.env.NODE_ENV = 'test';
    process.env.SQLITE_PATH = join(folder, 'test.sqlite3');
    delete process.env.NEON_DATABASE_URL;
    removeDatabase = async () => rmSync(folder, { recursive: true, force: true });
  } else {
    const server = await createPostgresTestDatabase();
    process.env.NODE_ENV = 'production';
    process.env.NEON_DATABASE_URL = server.url;
    delete process.env.SQLITE_PATH;
    removeDatabase = server.drop;
  }
  const cleanUp = async () => {
    await db.close();
    await removeDatabase();
    for (const [name, value] of saved) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  };
  try {
    await db.close(); // a database opened under the previous environment
    await createTables(db);
  } catch (error) {
    await cleanUp();
    throw error;
  }
  return cleanUp;
}
