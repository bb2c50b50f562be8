// The app database: collections and entries in PGlite, embedded PostgreSQL. Opening it applies
// migrations/app, so a new data directory is created ready to use and an existing one is
// brought up to date (migrations already applied there are not run again).
import { fileURLToPath } from 'node:url';
import type { DebugLevel } from '@electric-sql/pglite';
import { migrate } from '@strata/cli/migrate';
import { createDatabase, type PgliteStrataDatabase } from '@strata/pglite';
import { appSchema } from '../schema/app.js';

const migrations = fileURLToPath(new URL('../../migrations/app', import.meta.url));

/**
 * Where the app data lives.
 *
 * @example
 * ```ts
 * const config: AppDatabaseConfig = { dataDir: './data/typyst', debug: 1 };
 * ```
 */
export interface AppDatabaseConfig {
  /** A directory; omitted, the data lives in memory. */
  readonly dataDir?: string;
  /** A data directory archive (`db.client.dumpDataDir()`) to start from instead of an empty one. */
  readonly loadDataDir?: Blob;
  /** PGlite's log level (0, none, to 5), as the original client's `debug` flag passed it on. */
  readonly debug?: DebugLevel;
}

/**
 * The opened app database.
 *
 * @example
 * ```ts
 * const { db }: AppDatabase = await createAppDatabase();
 * await db.repos.collection.forUser(userId).create({ name: 'Inbox' });
 * ```
 */
export interface AppDatabase {
  /** The Strata database (repositories, `drizzle`, the PGlite `client`, `close()`). */
  readonly db: PgliteStrataDatabase<typeof appSchema>;
  readonly schema: typeof appSchema;
  /** The migrations this open applied: empty when the data directory was up to date. */
  readonly appliedMigrations: readonly string[];
}

/**
 * Opens the app database (in memory unless `dataDir` is given) and applies pending migrations.
 *
 * @example
 * ```ts
 * const appDb = await createAppDatabase({ dataDir: './data/typyst' });
 * const entries = await appDb.db.repos.entry.forUser(session.user.id).findMany();
 * ```
 */
export async function createAppDatabase(config: AppDatabaseConfig = {}): Promise<AppDatabase> {
  const { debug, ...data } = config;
  const db = await createDatabase({ schema: appSchema, ...data, ...(debug !== undefined && { pglite: { debug } }) });
  const { migrations: appliedMigrations } = await migrate(db, { folder: migrations });
  return { db, schema: appSchema, appliedMigrations };
}
