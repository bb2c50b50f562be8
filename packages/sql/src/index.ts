/**
 * `@strata/sql`: the shared Drizzle implementation of Strata. Dialect compilers live in the
 * `@strata/sql/postgres` and `@strata/sql/sqlite` entry points; engine packages build on them.
 */

export { DIALECTS, GENERATION, mapDatabaseError } from './dialects.js';
export { ClaimsError, type ClaimsScope, type SessionClaims } from './shared/claims.js';
export { type ConditionTarget, compileCondition } from './shared/condition.js';
export {
  type AnyStrataDatabase,
  type DatabaseCapabilities,
  type DialectOf,
  type EngineName,
  type EngineParts,
  loadDriver,
  openDatabase,
  type StrataDatabase,
} from './shared/database.js';
export { loadDrizzleKit } from './shared/ddl.js';
export type { SqlDialect } from './shared/dialect.js';
export type { EngineDatabase, EngineDatabases } from './shared/engine-databases.js';
export {
  createErrorMapper,
  type DatabaseErrorContext,
  type EngineErrorReader,
  type EngineErrorReaders,
  type ErrorMapper,
} from './shared/errors.js';
export {
  type GeneratedMigration,
  type GenerateMigrationOptions,
  type GenerationDialect,
  generateMigration,
  type RenameQuestion,
  type RenameResolver,
} from './shared/generate.js';
export {
  type HealthOptions,
  type HealthReport,
  health,
  type ReplicaHealth,
  testDbConnection,
} from './shared/health.js';
export {
  dumpSchema,
  type MigrateOptions,
  type MigrationProgress,
  type MigrationRunOptions,
  type MigrationRunResult,
  type MigrationStatus,
  migrate,
  migrationStatus,
  type RollbackOptions,
  rollback,
} from './shared/migrate.js';
export {
  attachMigrationDriver,
  HISTORY_TABLE,
  type MigrationDriver,
  type MigrationSession,
  migrationDriverOf,
  type SchemaDump,
} from './shared/migration-driver.js';
export { rootMessage } from './shared/migration-errors.js';
export type { MigrationLedger } from './shared/migration-ledger.js';
export type { Plan, PlanExecutor } from './shared/plan.js';
export { type PushOptions, type PushResult, pushSchema, resetDatabase } from './shared/push.js';
export {
  drizzleQueryLogger,
  loggedExecutor,
  type QueryEvent,
  type QueryLogger,
  type QueryLogOptions,
} from './shared/query-log.js';
export { type ReadReplica, type ReadRoutingOptions, type ReplicaNotice, routeReads } from './shared/read-replicas.js';
export { redactSecrets, redactUrl } from './shared/redact.js';
export { type RetryNotice, type RetryPolicy, retryDelay, withRetryPolicy } from './shared/retry.js';
export type { CompiledSchema } from './shared/schema-compiler.js';
export { compareDumps, serializeDump } from './shared/schema-dump.js';
export type { RenameStep, Snapshot } from './shared/snapshot.js';
export { notDeleted, type SoftDeletable } from './shared/soft-delete.js';
export { TransactionGate } from './shared/transaction-gate.js';
