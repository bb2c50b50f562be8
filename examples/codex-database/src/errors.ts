// The original package's error helpers are Strata's own: they read errors of the repository and
// of `db.drizzle` queries alike, with the same kind and constraint name for the same fault on
// every engine, and never a row value in the message.
export {
  findDatabaseError,
  getConstraintName,
  getErrorDetail,
  isCheckViolation,
  isForeignKeyViolation,
  isNotNullViolation,
  isUniqueViolation,
} from '@strata/core';
