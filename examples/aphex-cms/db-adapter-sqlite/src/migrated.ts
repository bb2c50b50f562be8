import { fileURLToPath } from 'node:url';
import { migrate } from '@strata/sql/migrate';

/** The CMS's migrations (`migrations/cms/sqlite`): better-sqlite3 and libSQL share SQLite's dialect. */
const migrations = fileURLToPath(new URL('../migrations/cms', import.meta.url));

/**
 * Brings a just-opened CMS database to the latest migration; a database that cannot be migrated
 * is closed before the error is thrown, so no connection leaks.
 *
 * @example
 * ```ts
 * const db = await migrated(await createDatabase({ schema: cmsSchema, filename }));
 * ```
 */
export async function migrated<D extends { close(): Promise<void> }>(db: D): Promise<D> {
  try {
    await migrate(db, { folder: migrations });
  } catch (error) {
    await db.close();
    throw error;
  }
  return db;
}
