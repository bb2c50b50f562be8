import { type AnyTable, findDatabaseError, getTableInfo, isStrataError, QueryError } from '@strata/core';
import { HttpError } from './http.js';

/** Kinds a person can fix by changing the row: answered 409 with the fields to fix. */
const CONFLICT_KINDS = new Set([
  'unique_violation',
  'foreign_key_violation',
  'not_null_violation',
  'check_violation',
  'value_too_long',
  'invalid_value',
]);

/** The field (table key) behind a SQL column name, so an engine error lands on the field's input. */
function fieldOfColumn(table: AnyTable | undefined, sqlName: string): string {
  if (!table) return sqlName;
  for (const [key, column] of Object.entries(getTableInfo(table).columns)) {
    if ((column.placement?.sqlName ?? key) === sqlName) return key;
  }
  return sqlName;
}

/**
 * Any error of a repository call as the answer the browser shows: a `QueryError` on its field
 * (400), a typed `DatabaseError` on the columns it names (409, with its `kind`: a unique
 * violation names the column), other Strata errors by code (400), anything else 500.
 *
 * @example
 * ```ts
 * catch (error) { sendError(response, httpErrorOf(error, table)); }
 * ```
 */
export function httpErrorOf(error: unknown, table?: AnyTable): HttpError {
  if (error instanceof HttpError) return error;
  if (error instanceof QueryError) {
    const problem = error.message.replace(/^table "[^"]*"(?:, field "[^"]*")?: /, '');
    return new HttpError(400, error.code, error.message, error.field ? { fields: { [error.field]: problem } } : {});
  }
  const database = findDatabaseError(error);
  if (database) {
    const fields: Record<string, string> = {};
    const label = database.kind.replaceAll('_', ' ');
    for (const column of database.columns ?? []) {
      const field = fieldOfColumn(table, column);
      fields[field] =
        database.kind === 'unique_violation' ? `another row already has this ${field}` : `${label} (${field})`;
    }
    return new HttpError(CONFLICT_KINDS.has(database.kind) ? 409 : 500, 'DATABASE_ERROR', database.message, {
      fields,
      kind: database.kind,
    });
  }
  if (isStrataError(error)) return new HttpError(400, error.code, error.message);
  return new HttpError(500, 'INTERNAL', error instanceof Error ? error.message : String(error));
}
