import { type CmsSchema, cmsSchema } from '@aphex/db-adapter-postgresql/shared';
import { createDatabase, type LibSQLDatabaseOptions, type LibSQLStrataDatabase } from '@strata/libsql';
import { migrated } from './migrated.js';

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
  return migrated(await createDatabase({ ...options, schema: cmsSchema, url }));
}
