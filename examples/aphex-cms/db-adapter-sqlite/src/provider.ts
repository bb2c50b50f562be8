import type { DatabaseProvider } from '@aphex/cms-core';
import { type CmsSchema, cmsSchema, createStrataAdapter } from '@aphex/db-adapter-postgresql/shared';
import { createDatabase, type SQLiteDatabase, type SQLiteDatabaseOptions } from '@strata/sqlite';
import type { LibSQLCmsDatabase } from './libsql.js';
import { migrated } from './migrated.js';

/**
 * The CMS database in a SQLite file.
 *
 * @example
 * ```ts
 * const db: SQLiteCmsDatabase = await openSQLiteDatabase('./cms.sqlite3');
 * ```
 */
export type SQLiteCmsDatabase = SQLiteDatabase<CmsSchema>;

/**
 * Opens (or creates) the CMS database in a SQLite file and brings it to the latest migration
 * (`migrations/cms/sqlite`).
 *
 * @example
 * ```ts
 * const db = await openSQLiteDatabase(process.env.SQLITE_PATH ?? './cms.sqlite3');
 * ```
 */
export async function openSQLiteDatabase(
  filename: string,
  options: Omit<SQLiteDatabaseOptions<CmsSchema>, 'schema' | 'filename'> = {},
): Promise<SQLiteCmsDatabase> {
  return migrated(await createDatabase({ ...options, schema: cmsSchema, filename }));
}

/**
 * The CMS's database provider on SQLite (better-sqlite3 or libSQL): hand `createAdapter()` to
 * the CMS config.
 *
 * @example
 * ```ts
 * const provider = createSQLiteProvider({ db: await openSQLiteDatabase('./cms.sqlite3') });
 * export default createCMSConfig({ database: { adapter: provider.createAdapter() } });
 * ```
 */
export function createSQLiteProvider(options: {
  readonly db: SQLiteCmsDatabase | LibSQLCmsDatabase;
}): DatabaseProvider {
  return { name: 'sqlite', createAdapter: () => createStrataAdapter(options.db) };
}
