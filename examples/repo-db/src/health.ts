// A health check for the apps' /health endpoints: engine, server version, latency and how many
// migrations are pending, from Strata's `health`, which never throws once the database is open.
import { join } from 'node:path';
import { readMigrationFolder } from '@strata/cli';
import { type HealthReport, health } from '@strata/sql';
import { db, type LazyDatabase } from './database.js';
import { migrationsFolder } from './migrations.js';

/**
 * The database's health, pending migrations included. Opening the database may throw (a missing
 * NEON_DATABASE_URL); once open, problems are reported in the result (`ok: false`, `error`).
 *
 * @example
 * ```ts
 * const report = await checkHealth(); // { ok: true, engine: 'sqlite', pendingMigrations: 0, … }
 * ```
 */
export async function checkHealth(database: LazyDatabase = db): Promise<HealthReport> {
  const opened = await database.get();
  const migrations = await readMigrationFolder(join(migrationsFolder, opened.dialect), opened.dialect);
  return health(opened, { migrations });
}
