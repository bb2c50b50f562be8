// The ready-made clients of the original package, opened from process.env when this module is
// first imported. They connect lazily: importing does no I/O, the first query does.

import { testDbConnection as testConnection } from '@strata/sql';
import { type CodexDatabase, openCodexDatabase } from './open.js';

/**
 * The transaction-capable client: Neon's WebSocket pool, or the local postgres-js pool.
 *
 * @example
 * ```ts
 * await dbWs.transaction(async (tx) => { await tx.repos.organizations.create({ name: 'Acme', slug: 'acme' }); });
 * ```
 */
export const dbWs: CodexDatabase = await openCodexDatabase({ driver: 'websocket', retry: false });

/**
 * One HTTPS request per statement on Neon (no `transaction()`); elsewhere the same pool as `dbWs`.
 *
 * @example
 * ```ts
 * const published = await dbHttp.repos.content.findMany({ where: { status: 'published' } });
 * ```
 */
export const dbHttp: CodexDatabase =
  dbWs.engine === 'neon' ? await openCodexDatabase({ driver: 'http', retry: false }) : dbWs;

/** The original package's default client: `dbHttp`. @example await db.repos.organizations.count(); */
export const db: CodexDatabase = dbHttp;

/** The type of `dbHttp` and `db`. @example function listContent(db: Database) {} */
export type Database = CodexDatabase;
/** The type of `dbWs`. @example function transfer(db: DatabaseWs) {} */
export type DatabaseWs = CodexDatabase;

/**
 * Throws a `StrataError` naming the problem unless the database answers: for start-up checks.
 *
 * @example
 * ```ts
 * await testDbConnection(); // check DB_METHOD and DATABASE_URL if it throws
 * ```
 */
export function testDbConnection(): Promise<void> {
  return testConnection(dbHttp);
}
