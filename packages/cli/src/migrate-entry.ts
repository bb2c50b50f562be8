/**
 * `@strata/cli/migrate`: what an app that migrates on start needs, and nothing of the command
 * line — the same functions as `@strata/sql/migrate`, which is the lighter dependency for a
 * production install (the CLI's package brings its tooling: commander, tsx, faker, prompts).
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
export {
  health,
  type MigrationSource,
  migrate,
  migrationStatus,
  readMigrationFolder,
  rollback,
} from '@strata/sql/migrate';
