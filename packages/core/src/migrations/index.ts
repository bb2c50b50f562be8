/** Migration sets, journals and plans: engine-neutral, for Node and browsers alike. */
export { migrationChecksum } from './checksum.js';
export {
  MigrationError,
  type MigrationErrorCode,
  type MigrationErrorDetails,
  type MissingMigrationsContext,
  migrationsNotGenerated,
} from './errors.js';
export { type MigrationFiles, migrationSetFromFiles } from './files.js';
export {
  JOURNAL_FILE,
  MIGRATION_TAG,
  type MigrationJournal,
  type MigrationJournalEntry,
  migrationFiles,
  migrationTag,
  parseJournal,
} from './journal.js';
export { type MigrationPlan, planMigrations } from './plan.js';
export { joinStatements, STATEMENT_BREAKPOINT, splitStatements } from './statements.js';
export type {
  AppliedMigration,
  Migration,
  MigrationDialect,
  MigrationSet,
  MigrationState,
  MigrationStateKind,
} from './types.js';
