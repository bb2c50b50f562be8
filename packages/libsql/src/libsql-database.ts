import type { Client, ResultSet } from '@libsql/client';
import { type SchemaModule, StrataError } from '@strata/core';
import {
  drizzleQueryLogger,
  loadDriver,
  type QueryLogOptions,
  type StrataDatabase,
  TransactionGate,
} from '@strata/sql';
import {
  compileSQLiteSchema,
  driverWriteTransaction,
  openSQLiteDatabase,
  type SQLiteSchemaOf,
  type SQLiteTablesOf,
} from '@strata/sql/sqlite';
import { gateOfFile } from '@strata/sql/sqlite-file';
import type { LibSQLDatabase } from 'drizzle-orm/libsql';
import { recoveringFromBusy } from './libsql-busy-recovery.js';
import { libsqlExecutor, libsqlTransactionExecutor } from './libsql-executor.js';
import { type LibSQLTarget, parseLibsqlUrl } from './libsql-url.js';

/**
 * Options of {@link createDatabase}.
 *
 * @example
 * ```ts
 * const options: LibSQLDatabaseOptions<typeof schema> = { schema, url: 'file:./app.db', busyTimeoutMs: 10_000 };
 * ```
 */
export interface LibSQLDatabaseOptions<S extends SchemaModule> {
  /** The schema module: `import * as schema from './schema.js'`. */
  readonly schema: S;
  /**
   * `'file:./app.db'` (a local file, relative to the working directory), `':memory:'`, or a
   * server's `'libsql://…'` URL (`https:`, `wss:` … too).
   */
  readonly url: string;
  /** The token of a `libsql://` server; refused for local databases. */
  readonly authToken?: string;
  /** How long a local writer waits for another connection's lock before failing, in ms. Default 5000. */
  readonly busyTimeoutMs?: number;
  /** Query logging: logger, slow-query threshold, an OpenTelemetry-friendly hook. */
  readonly log?: QueryLogOptions;
}

/**
 * A Strata database on libSQL: engine `'libsql'`, dialect `'sqlite'`, `db.client` the libSQL client.
 *
 * @example
 * ```ts
 * export const db: LibSQLStrataDatabase<typeof schema> = await createDatabase({ schema, url: ':memory:' });
 * ```
 */
export type LibSQLStrataDatabase<S extends SchemaModule> = StrataDatabase<
  LibSQLDatabase<SQLiteSchemaOf<S>>,
  SQLiteTablesOf<S>,
  'libsql',
  S
> & {
  /** The libSQL client, for what Drizzle does not wrap (`batch`, `sync`, `executeMultiple`). */
  readonly client: Client;
};

// Registers this engine's database type, so that types ranging over engines (connect()'s
// result, the test harness) name it only when this package is installed.
declare module '@strata/sql' {
  interface EngineDatabases<S extends SchemaModule> {
    readonly libsql: LibSQLStrataDatabase<S>;
  }
}

/**
 * Opens a libSQL database for a schema: foreign keys enforced, write-ahead logging for files, a
 * busy timeout, and 64-bit integers read without loss. A local database is one connection, as
 * with `@strata/sqlite`: operations and transactions take turns on it.
 *
 * @example
 * ```ts
 * import { createDatabase } from '@strata/libsql';
 * const db = await createDatabase({ schema, url: 'file:./app.db' });
 * await db.createTables();
 * await db.repos.post.create({ title: 'Hello' });
 * await db.close();
 * ```
 */
export async function createDatabase<S extends SchemaModule>(
  options: LibSQLDatabaseOptions<S>,
): Promise<LibSQLStrataDatabase<S>> {
  const target = parseLibsqlUrl(options.url, options.authToken);
  const busyTimeoutMs = options.busyTimeoutMs ?? 5000;
  if (!Number.isInteger(busyTimeoutMs) || busyTimeoutMs < 0) {
    throw new StrataError(
      'CONFIG_INVALID',
      `busyTimeoutMs must be a whole number of milliseconds, got ${busyTimeoutMs}`,
    );
  }
  const { createClient } = await loadDriver('@libsql/client', '0.18', () => import('@libsql/client'));
  const { drizzle } = await import('drizzle-orm/libsql');
  const compiled = compileSQLiteSchema(options.schema);
  const opened = openClient(createClient, target, options.authToken, busyTimeoutMs);
  // Only a file can be locked by another connection (see recoveringFromBusy); reconnecting an
  // in-memory database would empty it.
  const client = target.kind === 'file' ? recoveringFromBusy(opened) : opened;
  try {
    if (target.kind !== 'remote') {
      // Per connection; the local client keeps one (concurrency 1), so these hold for its life.
      await client.execute('pragma foreign_keys = on');
      if (target.kind === 'file') await client.execute('pragma journal_mode = wal');
    }
  } catch (error) {
    client.close();
    throw error;
  }
  const db = drizzle(client, {
    schema: compiled.drizzleSchema as SQLiteSchemaOf<S>,
    logger: drizzleQueryLogger('libsql', options.log),
  });
  return openSQLiteDatabase({
    engine: 'libsql',
    schema: options.schema,
    tables: compiled.tables,
    drizzle: db as LibSQLDatabase<SQLiteSchemaOf<S>>,
    client,
    executor: libsqlExecutor(client),
    // libSQL's client lends a transaction a connection and rolls back a BEGIN sent as a plain
    // statement when that statement's connection goes back: transactions are Drizzle's.
    writeTransaction: driverWriteTransaction,
    transactionExecutor: libsqlTransactionExecutor,
    affectedRows: (result) => (result as ResultSet).rowsAffected,
    log: options.log,
    gate: target.kind === 'file' ? gateOfFile(target.path) : new TransactionGate(),
    close: async () => {
      client.close();
    },
  });
}

/** The client for a target; a local file that cannot be opened is a configuration error naming it. */
function openClient(
  createClient: typeof import('@libsql/client').createClient,
  target: LibSQLTarget,
  authToken: string | undefined,
  busyTimeoutMs: number,
): Client {
  try {
    return createClient({
      url: target.url,
      ...(authToken !== undefined && { authToken }),
      // 64-bit integers as bigint, as @strata/sqlite reads them; Strata's column types turn them
      // back into number, boolean or Date.
      intMode: 'bigint',
      timeout: busyTimeoutMs,
      // One local connection: the SQLite dialect's model (operations queue behind a
      // transaction), and the connection settings above hold for all work.
      ...(target.kind !== 'remote' && { concurrency: 1 }),
    });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    const what = target.kind === 'file' ? `the libSQL database file "${target.path}"` : `"${target.url}"`;
    const hint = target.kind === 'file' ? ' (does its directory exist?)' : '';
    throw new StrataError('CONFIG_INVALID', `Cannot open ${what}${hint}: ${reason}`, { cause: error });
  }
}
