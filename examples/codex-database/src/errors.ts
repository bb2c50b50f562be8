// The original package's error helpers, on Strata's DatabaseError: the same kind and constraint
// name for the same fault on every engine, never a row value in the message. Strata's own
// helpers only see errors the repository raised; queries through `db.drizzle` reject with the
// driver's error, so each helper maps it first.
import * as strata from '@strata/core';
import { mapDatabaseError } from '@strata/sql';
import * as schema from './schema/index.js';

/**
 * Strata's `DatabaseError` for any error of a Codex query (repository or Drizzle), or the error
 * unchanged when it is not a database fault.
 *
 * @example
 * ```ts
 * catch (error) { logger.warn(toDatabaseError(error)); }
 * ```
 */
export function toDatabaseError(error: unknown): unknown {
  return strata.findDatabaseError(error) ?? mapDatabaseError(error, { tables: schema });
}

/** Duplicate key (`23505`). @example if (isUniqueViolation(e)) return 'email already exists'; */
export const isUniqueViolation = (error: unknown): boolean => strata.isUniqueViolation(toDatabaseError(error));
/** Referenced row missing, or still referenced (`23503`). @example if (isForeignKeyViolation(e)) return 'no such organization'; */
export const isForeignKeyViolation = (error: unknown): boolean => strata.isForeignKeyViolation(toDatabaseError(error));
/** Required column NULL (`23502`). @example if (isNotNullViolation(e)) return 'title is required'; */
export const isNotNullViolation = (error: unknown): boolean => strata.isNotNullViolation(toDatabaseError(error));
/** A status or type outside its list, or another CHECK (`23514`). @example if (isCheckViolation(e)) return 'unknown status'; */
export const isCheckViolation = (error: unknown): boolean => strata.isCheckViolation(toDatabaseError(error));
/** The constraint's PostgreSQL name on every engine. @example getConstraintName(e); // 'user_email_key' */
export const getConstraintName = (error: unknown): string | undefined =>
  strata.getConstraintName(toDatabaseError(error));
/** A value-free detail. @example getErrorDetail(e); // 'Key (email) already exists.' */
export const getErrorDetail = (error: unknown): string | undefined => strata.getErrorDetail(toDatabaseError(error));
