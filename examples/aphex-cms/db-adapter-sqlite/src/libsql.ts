import { fileURLToPath } from 'node:url';
import { type CmsSchema, cmsSchema } from '@aphex/db-adapter-postgresql/shared';
import { createDatabase, type LibSQLDatabaseOptions, type LibSQLStrataDatabase } from '@strata/libsql';
import { migrate } from '@strata/sql/migrate';

const migrations = fileURLToPath(new URL('../migrations/cms', import.meta.url));

/**
 * The CMS database on libSQL (a file, or a libSQL server).
 *
 * @example
 * ```ts
 * const db: LibSQLCmsDatabase = await openLibSQLDatabase('file:./cms.db');
 * ```
 */
export type LibSQLCmsDatabase = LibSQLStrataDatabase<CmsSchema>;

/**
 * Opens (or creates) the CMS database on libSQL and brings it to the latest migration: the same
 * `migrations/cms/sqlite` as on better-sqlite3, since libSQL speaks SQLite's dialect.
 *
 * @example
 * ```ts
 * const db = await openLibSQLDatabase(process.env.LIBSQL_URL ?? 'file:./cms.db');
 * const provider = createSQLiteProvider({ db });
 * ```
 */
export async function openLibSQLDatabase(
  url: string,
  options: Omit<LibSQLDatabaseOptions<CmsSchema>, 'schema' | 'url'> = {},
): Promise<LibSQLCmsDatabase> {
  const db = await createDatabase({ ...options, schema: cmsSchema, url });
  try {
    await migrate(db, { folder: migrations });
  } catch (error) {
    await db.close();
    throw error;
  }
  return db;
}
