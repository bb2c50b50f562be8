import { sql } from 'drizzle-orm';
import type { SqlDialect } from '../shared/dialect.js';
import { createErrorMapper } from '../shared/errors.js';
import { mapPostgres } from './errors.js';
import { pgGeneration } from './generate.js';
import { POSTGRES_TEXT_MATCH_PARAMETERS, postgresArrayInsert, postgresText } from './query.js';
import { toPgTable } from './table.js';

/** PostgreSQL's limit on bound parameters in one statement (a 16-bit count in the protocol). */
const MAX_PARAMETERS = 65_535;

/**
 * Rows per bulk insert statement (`unnest`, six array parameters for six columns whatever the
 * row count): a few megabytes of array text at most.
 */
const BULK_INSERT_ROWS = 20_000;

/**
 * The PostgreSQL dialect (servers through postgres-js, Neon, PGlite).
 *
 * @example
 * ```ts
 * const mapped = pgDialect.mapError(error, { table: 'user', tables: schema });
 * ```
 */
export const pgDialect: SqlDialect = {
  name: 'pg',
  compileTable: toPgTable as SqlDialect['compileTable'],
  text: postgresText,
  bulkInsert: postgresArrayInsert,
  inlineConstantDefaults: false,
  limits: {
    maxParameters: MAX_PARAMETERS,
    bulkInsertRows: BULK_INSERT_ROWS,
    textMatchParameters: POSTGRES_TEXT_MATCH_PARAMETERS,
  },
  begin: sql`begin`,
  generation: pgGeneration,
  mapError: createErrorMapper({ postgres: mapPostgres }),
  rowLevelSecurity: true,
};
