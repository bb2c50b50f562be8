/**
 * `@strata/sql/migrate`: migrations applied from the folder `strata generate` writes — for apps
 * that migrate on start, without the CLI and its tooling (drizzle-kit, tsx). Node-only.
 *
 * @example
 * ```ts
 * import { migrate } from '@strata/sql/migrate';
 * await migrate(db, { folder: 'migrations/app' }); // reads migrations/app/<db.dialect>
 * ```
 */
// The types of what these return, so an app needs no second import for them.
export type { HealthReport, MigrationRunResult, MigrationStatus } from '../index.js';
export {
  health,
  type MigrationSource,
  migrate,
  migrationStatus,
  namingFolder,
  rollback,
  type SupabaseLayout,
} from './migrate-folder.js';
export { dialectFolder, readIfExists, readJournal, readMigrationFolder } from './migration-folder.js';
export {
  readSupabaseVersions,
  type SupabaseCopyOptions,
  type SupabaseCopyState,
  supabaseCopyStates,
  syncSupabaseCopies,
} from './supabase-folder.js';
