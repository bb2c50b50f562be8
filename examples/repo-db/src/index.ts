/**
 * `@repo/db`: the monorepo's shared database. SQLite in development, PostgreSQL (Neon) in
 * production, one schema, typed helpers by table name, migrations for both engines.
 */

export { type LazyDatabase, lazyDatabase } from '@strata/connect';
export { isForeignKeyViolation, isUniqueViolation, parseInput, QueryError } from '@strata/core';
export type { HealthReport } from '@strata/sql';
export { type AppDatabase, type DbType, db, dbType, openDatabase } from './database.js';
export { checkHealth } from './health.js';
export { createTables, dropTables, migrationsFolder } from './migrations.js';
export * as schema from './schema.js';
export {
  count,
  create,
  createMany,
  DbService,
  deleteMany,
  exists,
  findBy,
  findById,
  findMany,
  findOne,
  findPage,
  paginate,
  remove,
  transaction,
  update,
  updateMany,
  upsert,
} from './service.js';
export type { DbId, DbRecord, ListOptions, NewDbRecord, TableName, TableOf, WhereCondition } from './types.js';
