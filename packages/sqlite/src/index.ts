/**
 * `@strata/sqlite`: Strata on SQLite through better-sqlite3 (12.x).
 *
 * @example
 * ```ts
 * import { createDatabase } from '@strata/sqlite';
 * import * as schema from './schema.js';
 * const db = await createDatabase({ schema, filename: './app.sqlite3' });
 * ```
 */
export { createDatabase, type SQLiteDatabase, type SQLiteDatabaseOptions } from './sqlite-database.js';
