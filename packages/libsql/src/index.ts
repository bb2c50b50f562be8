/**
 * `@strata/libsql`: Strata on libSQL through `@libsql/client` (0.18): local files, in-memory
 * databases and `libsql://` servers.
 *
 * @example
 * ```ts
 * import { createDatabase } from '@strata/libsql';
 * import * as schema from './schema.js';
 * const db = await createDatabase({ schema, url: 'file:./app.db' });
 * ```
 */
export { createDatabase, type LibSQLDatabaseOptions, type LibSQLStrataDatabase } from './libsql-database.js';
export { type LibSQLTarget, parseLibsqlUrl } from './libsql-url.js';
