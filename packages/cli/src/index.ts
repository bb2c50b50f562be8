/**
 * `@strata/cli`: the `strata` command and Strata's Node tooling — configuration, migration
 * generation and folders, applying and rolling back from a folder, drift checks and seeding.
 */
export { main } from './bin.js';
export * from './check/index.js';
export {
  type AnyStrataDatabase,
  type DatabaseConfig,
  defineConfig,
  type ResolvedConfig,
  type ResolvedDatabase,
  type StrataConfig,
} from './config.js';
export { openConfiguredDatabase } from './connection.js';
export type { StepRunner } from './context.js';
export { GeneratedMigrationEditedError } from './edited-migration-error.js';
export { EXIT, exitCodeFor } from './exit-codes.js';
export {
  dialectFolder,
  type HashOptions,
  hashMigrationFolder,
  latestSnapshot,
  type MigrationToWrite,
  readJournal,
  writeMigration,
} from './folder.js';
export {
  type GenerateOptions,
  type GenerateResult,
  generateMigrations,
  selectDatabases,
  type WrittenMigration,
} from './generate.js';
export { CONFIG_FILES, loadConfig } from './load-config.js';
// The light entry's names, for compatibility: apps that migrate on start import '@strata/cli/migrate'.
export * from './migrate-entry.js';
export type { CliIO, CliOutput } from './reporter.js';
export * from './seed/index.js';
