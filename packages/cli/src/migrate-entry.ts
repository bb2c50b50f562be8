/**
 * `@strata/cli/migrate`: what an app that migrates on start needs, and nothing of the command
 * line. The main entry loads commander, ora, zod, faker and the prompts (about a second); this
 * one loads only the migration runner, so a server pays for what it uses.
 *
 * @example
 * ```ts
 * import { health, migrate } from '@strata/cli/migrate';
 * await migrate(db, { folder: 'migrations/app' }); // reads migrations/app/<db.dialect>
 * app.get('/health', async () => health(db, { folder: 'migrations/app' }));
 * ```
 */
// Types only: they cost nothing at load, and spare apps a direct import of @strata/sql.
export type { HealthReport, MigrationRunResult, MigrationStatus } from '@strata/sql';
export { readMigrationFolder } from './folder.js';
export { health, type MigrationSource, migrate, migrationStatus, rollback } from './migrate-folder.js';
