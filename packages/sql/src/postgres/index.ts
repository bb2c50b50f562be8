/** PostgreSQL (servers, Neon, Supabase, PGlite): compile neutral tables to `pgTable`, run DDL. */
export { createPgAdapter, type PgAdapterOptions } from './adapter.js';
export { openPgDatabase, type PgDatabase, type PgEngineParts, type PgReplica } from './database.js';
export { type PgTransactional, pgSchemaStatements, runPgStatements } from './ddl.js';
export { pgDialect } from './dialect.js';
export { drizzleTables } from './drizzle-tables.js';
export { pgGeneration } from './generate.js';
export { createPgMigrationDriver, type PgMigrationDriverOptions } from './migrator.js';
export type { NeonFetchEndpoint, NeonWebSocketOptions, WebSocketClass } from './neon-options.js';
export { supabaseMigrationLedger } from './supabase-ledger.js';
export { compilePgSchema, type PgCompiledSchema, toPgTable } from './table.js';
export type { PgDrizzleOf, PgSchemaOf, PgTableOf, PgTablesOf } from './types.js';
