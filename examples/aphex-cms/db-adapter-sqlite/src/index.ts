/**
 * `@aphex/db-adapter-sqlite`: Aphex CMS in a SQLite file through Strata. The schema and the
 * adapter are the PostgreSQL package's engine-neutral ones; this package adds better-sqlite3 (or
 * libSQL, with `openLibSQLDatabase('file:./cms.db')`) and the SQLite migrations.
 *
 * @example
 * ```ts
 * import { createSQLiteProvider, openSQLiteDatabase } from '@aphex/db-adapter-sqlite';
 * import { createAuth } from '@strata/auth';
 *
 * const db = await openSQLiteDatabase('./cms.sqlite3');
 * export const auth = createAuth({ database: db, emailAndPassword: { enabled: true } });
 * export const adapter = createSQLiteProvider({ db }).createAdapter();
 * ```
 */
export { cmsSchema } from '@aphex/db-adapter-postgresql/shared';
export { type LibSQLCmsDatabase, openLibSQLDatabase } from './libsql.js';
export { createSQLiteProvider, openSQLiteDatabase, type SQLiteCmsDatabase } from './provider.js';
