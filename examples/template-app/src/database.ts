// Opening the app's database on any engine: the URL picks the engine, the schema and the
// migrations are the same everywhere.
import { fileURLToPath } from 'node:url';
import { type ConnectedDatabase, connect } from '@strata/connect';
import { migrate } from '@strata/sql/migrate';
import * as schema from './schema.js';

/** The migrations of every dialect: `<folder>/sqlite` and `<folder>/pg`. */
export const MIGRATIONS_FOLDER = fileURLToPath(new URL('../migrations/app', import.meta.url));

/**
 * The app's database on whichever engine its URL names.
 *
 * @example
 * ```ts
 * const db: AppDatabase = await openAppDatabase('sqlite:./app.sqlite3');
 * ```
 */
export type AppDatabase = ConnectedDatabase<typeof schema>;

/**
 * Connects to `url` (`sqlite:…`, `postgres://…`, `pglite:…`) and applies the migrations of its
 * dialect, so the tables match the schema before the first query.
 *
 * @example
 * ```ts
 * const db = await openAppDatabase('pglite:memory');
 * await db.repos.primaryEntity.create({ userId, name: 'Read' });
 * ```
 */
export async function openAppDatabase(url: string): Promise<AppDatabase> {
  const db = await connect(url, { schema });
  try {
    await migrate(db, { folder: MIGRATIONS_FOLDER });
  } catch (error) {
    await db.close();
    throw error;
  }
  return db;
}
