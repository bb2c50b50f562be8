import type { SqlDialect } from '../shared/dialect.js';
import { createErrorMapper } from '../shared/errors.js';
import { mapSqlite } from './errors.js';
import { sqliteGeneration } from './generate.js';

/**
 * The SQLite dialect (better-sqlite3, libSQL).
 *
 * @example
 * ```ts
 * const mapped = sqliteDialect.mapError(error, { table: 'user', tables: schema });
 * ```
 */
export const sqliteDialect: SqlDialect = {
  name: 'sqlite',
  generation: sqliteGeneration,
  mapError: createErrorMapper({ sqlite: mapSqlite }),
  rowLevelSecurity: false,
};
