/**
 * `@strata/core`: the neutral schema language, row types and errors. No driver, no ORM, no
 * Node-only import: it runs in Node and in the browser.
 */

export {
  DatabaseError,
  type DatabaseErrorInit,
  type DatabaseErrorKind,
  findDatabaseError,
  getConstraintName,
  getErrorDetail,
  isCheckViolation,
  isDatabaseError,
  isForeignKeyViolation,
  isNotNullViolation,
  isTransientError,
  isUniqueViolation,
  registerEngineErrorReader,
} from './database-error.js';
export { DatabaseClosedError, isStrataError, SchemaError, StrataError, TransactionAbortedError } from './errors.js';
export { generateId } from './id.js';
export * from './migrations/index.js';
export * from './repository/index.js';
export * from './schema/index.js';
