/**
 * `@strata/cli`: the `strata` command and Strata's Node tooling — configuration, migration
 * generation and folders, applying and rolling back from a folder, drift checks and seeding.
 */
export { main } from './bin.js';
export {
  type AnyStrataDatabase,
  type DatabaseConfig,
  defineConfig,
  type ResolvedConfig,
  type ResolvedDatabase,
  type StrataConfig,
} from './config.js';
export { openConfiguredDatabase } from './connection.js';
export { EXIT, exitCodeFor } from './exit-codes.js';
export {
  dialectFolder,
  hashMigrationFolder,
  latestSnapshot,
  type MigrationToWrite,
  readJournal,
  readMigrationFolder,
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
export { type MigrationSource, migrate, rollback } from './migrate-folder.js';
export type { CliIO } from './reporter.js';
export * from './seed/index.js';
