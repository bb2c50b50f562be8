/**
 * SQLite: compile neutral tables to `sqliteTable`, run DDL. No Node built-in: it runs in a Worker
 * too (D1). What needs Node (a gate per database file) is `@strata/sql/sqlite-file`.
 */
export { createSQLiteAdapter, type SQLiteAdapterOptions } from './adapter.js';
export { openSQLiteDatabase, type SQLiteEngineParts } from './database.js';
export { runSQLiteStatements, type SQLiteTransactional, sqliteSchemaStatements } from './ddl.js';
export { sqliteDialect } from './dialect.js';
export { drizzleTables } from './drizzle-tables.js';
export { sqliteGeneration } from './generate.js';
export { createSQLiteMigrationDriver, dumpSQLite, type SQLiteMigrationDriverOptions } from './migrator.js';
export { compileSQLiteSchema, type SQLiteCompiledSchema, toSQLiteTable } from './table.js';
export type { SQLiteDrizzleOf, SQLiteSchemaOf, SQLiteTableOf, SQLiteTablesOf } from './types.js';
export {
  driverWriteTransaction,
  type SQLiteSession,
  type SQLiteWriteTransaction,
  statementWriteTransaction,
} from './write-transaction.js';
