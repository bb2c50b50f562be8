/**
 * `@strata/pglite`: Strata on PGlite, PostgreSQL compiled to WebAssembly, in memory, in a
 * directory (Node) or in IndexedDB (`idb://name`, browser).
 *
 * @example
 * ```ts
 * import { createDatabase } from '@strata/pglite';
 * import * as schema from './schema.js';
 * const db = await createDatabase({ schema, dataDir: './data/app' });
 * ```
 */
export { createDatabase, type PgliteDatabaseOptions, type PgliteStrataDatabase } from './pglite-database.js';
