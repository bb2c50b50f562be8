import { sql } from 'drizzle-orm';
import type { SqlDialect } from '../shared/dialect.js';
import { createErrorMapper } from '../shared/errors.js';
import { mapSqlite } from './errors.js';
import { sqliteGeneration } from './generate.js';
import { SQLITE_TEXT_MATCH_PARAMETERS, sqliteText } from './query.js';
import { toSQLiteTable } from './table.js';

/** SQLite's default SQLITE_MAX_VARIABLE_NUMBER since 3.32. */
const MAX_PARAMETERS = 32_766;

/**
 * Rows per statement of a bulk insert. Measured on better-sqlite3 (six columns, 10,000 rows):
 * 32–256-row statements take ≈2.0 µs per row, 1,024 rows 2.1, 5,461 (the parameter limit) 2.3:
 * a huge VALUES list compiles into a program too large to run from the CPU's caches.
 */
const INSERT_ROWS_PER_STATEMENT = 256;

/**
 * The SQLite dialect (better-sqlite3, libSQL). No array insert: better-sqlite3's one-row
 * statement run once per row measured slower than the multi-row INSERT once RETURNING is added.
 *
 * @example
 * ```ts
 * const mapped = sqliteDialect.mapError(error, { table: 'user', tables: schema });
 * ```
 */
export const sqliteDialect: SqlDialect = {
  name: 'sqlite',
  compileTable: toSQLiteTable as SqlDialect['compileTable'],
  text: sqliteText,
  bulkInsert: undefined,
  // Drizzle binds a left-out column's JS default here (numeric defaults are numbers: defaults.ts).
  inlineConstantDefaults: true,
  limits: {
    maxParameters: MAX_PARAMETERS,
    insertRowsPerStatement: INSERT_ROWS_PER_STATEMENT,
    textMatchParameters: SQLITE_TEXT_MATCH_PARAMETERS,
  },
  // IMMEDIATE takes the write lock at once: two processes never deadlock upgrading a read to a write.
  begin: sql`begin immediate`,
  generation: sqliteGeneration,
  mapError: createErrorMapper({ sqlite: mapSqlite }),
  rowLevelSecurity: false,
};
