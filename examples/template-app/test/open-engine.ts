// Opens the app's database on one test engine, migrated from the package's folder: PGlite and
// SQLite in memory, or a fresh database on the test PostgreSQL server (dropped by `close`).
import { createPostgresTestDatabase, type TestEngineName } from '@strata/testing';
import { type AppDatabase, openAppDatabase } from '../src/database.js';

/** An opened test database and how to throw it away. */
export interface OpenedEngine {
  readonly db: AppDatabase;
  close(): Promise<void>;
}

/** The app database on `engine`, with every migration of its dialect applied. */
export async function openEngine(engine: TestEngineName): Promise<OpenedEngine> {
  if (engine !== 'postgres') {
    const db = await openAppDatabase(engine === 'sqlite' ? 'sqlite::memory:' : 'pglite:memory');
    return { db, close: () => db.close() };
  }
  const server = await createPostgresTestDatabase();
  const db = await openAppDatabase(server.url);
  return {
    db,
    close: async () => {
      await db.close();
      await server.drop();
    },
  };
}
