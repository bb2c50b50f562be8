import { fileURLToPath } from 'node:url';
import type { DatabaseProvider } from '@aphex/cms-core';
import { createDatabase, type PostgresDatabase, type PostgresDatabaseOptions } from '@strata/postgres';
import { migrate } from '@strata/sql/migrate';
import { type CmsDatabase, type CmsSchema, cmsSchema, createStrataAdapter } from './shared/index.js';

const migrations = fileURLToPath(new URL('../migrations/cms', import.meta.url));

/**
 * The CMS database on a PostgreSQL server.
 *
 * @example
 * ```ts
 * const db: PostgreSQLCmsDatabase = await openPostgreSQLDatabase(process.env.DATABASE_URL);
 * ```
 */
export type PostgreSQLCmsDatabase = PostgresDatabase<CmsSchema>;

/**
 * Applies this package's migrations (`migrations/cms/pg`) to a CMS database that speaks
 * PostgreSQL: a server, Neon, or PGlite.
 *
 * @example
 * ```ts
 * const db = await createDatabase({ schema: cmsSchema, dataDir: './data/cms' }); // @strata/pglite
 * await migrateCmsDatabase(db);
 * ```
 */
export async function migrateCmsDatabase(db: CmsDatabase): Promise<void> {
  await migrate(db, { folder: migrations });
}

/**
 * Opens the CMS database on a PostgreSQL server and brings it to the latest migration.
 *
 * @example
 * ```ts
 * const db = await openPostgreSQLDatabase(process.env.DATABASE_URL, { maxConnections: 10 });
 * ```
 */
export async function openPostgreSQLDatabase(
  url: string | undefined,
  options: Omit<PostgresDatabaseOptions<CmsSchema>, 'schema' | 'url'> = {},
): Promise<PostgreSQLCmsDatabase> {
  const db = await createDatabase({ ...options, schema: cmsSchema, url });
  try {
    await migrateCmsDatabase(db);
  } catch (error) {
    await db.close();
    throw error;
  }
  return db;
}

/**
 * The CMS's database provider on PostgreSQL (or PGlite): hand `createAdapter()` to the CMS config.
 *
 * @example
 * ```ts
 * const provider = createPostgreSQLProvider({ db: await openPostgreSQLDatabase(env.DATABASE_URL) });
 * export default createCMSConfig({ database: { adapter: provider.createAdapter() } });
 * ```
 */
export function createPostgreSQLProvider(options: { readonly db: CmsDatabase }): DatabaseProvider {
  return { name: 'postgresql', createAdapter: () => createStrataAdapter(options.db) };
}
