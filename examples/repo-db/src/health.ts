// A health check for the apps' /health endpoints: engine, server version, latency and how many
// migrations are pending, from Strata's `health`, which never throws once the database is open.

import type { LazyDatabase } from '@strata/connect';
import { type HealthReport, health } from '@strata/sql/migrate';
import { type AppDatabase, db } from './database.js';
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
export async function checkHealth(database: LazyDatabase<AppDatabase> = db): Promise<HealthReport> {
  return health(await database.get(), { folder: migrationsFolder });
}
