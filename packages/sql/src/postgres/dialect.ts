import type { SqlDialect } from '../shared/dialect.js';
import { createErrorMapper } from '../shared/errors.js';
import { mapPostgres } from './errors.js';
import { pgGeneration } from './generate.js';

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
  generation: pgGeneration,
  mapError: createErrorMapper({ postgres: mapPostgres }),
  rowLevelSecurity: true,
};
