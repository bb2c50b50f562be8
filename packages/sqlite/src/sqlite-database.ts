import { type SchemaModule, StrataError } from '@strata/core';
import {
  drizzleQueryLogger,
  loadDriver,
  type QueryLogOptions,
  type StrataDatabase,
  TransactionGate,
} from '@strata/sql';
import { compileSQLiteSchema, openSQLiteDatabase, type SQLiteSchemaOf, type SQLiteTablesOf } from '@strata/sql/sqlite';
import { gateOfFile } from '@strata/sql/sqlite-file';
import type { Database as BetterSqlite3Database } from 'better-sqlite3';
import type { BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { sqliteExecutor } from './sqlite-executor.js';

/** Options of {@link createDatabase}. */
export interface SQLiteDatabaseOptions<S extends SchemaModule> {
  /** The schema module: `import * as schema from './schema.js'`. */
  readonly schema: S;
  /** Database file; `':memory:'` (the default) keeps it in memory. */
  readonly filename?: string;
  /** How long a writer waits for another connection's lock before failing, in ms. Default 5000. */
  readonly busyTimeoutMs?: number;
  /**
   * `full` (default) syncs the write-ahead log on every commit: a committed write survives a power
   * loss. `normal` is faster and survives a process crash, but may lose the last commits on power loss.
   */
  readonly synchronous?: 'full' | 'normal';
  /** Open the file read-only. */
  readonly readonly?: boolean;
  /** Query logging: logger, slow-query threshold, an OpenTelemetry-friendly hook. */
  readonly log?: QueryLogOptions;
}

/** A Strata database on SQLite. */
export type SQLiteDatabase<S extends SchemaModule> = StrataDatabase<
  BetterSQLite3Database<SQLiteSchemaOf<S>>,
  SQLiteTablesOf<S>,
  'sqlite',
  S
> & {
  /** The better-sqlite3 connection, for features Drizzle does not wrap (backup, pragmas, functions). */
  readonly client: BetterSqlite3Database;
};

// Registers this engine's database type, so that types ranging over engines (connect()'s
// result, the test harness) name it only when this package is installed.
declare module '@strata/sql' {
  interface EngineDatabases<S extends SchemaModule> {
    readonly sqlite: SQLiteDatabase<S>;
  }
}

/**
 * Opens a SQLite database for a schema: write-ahead logging for files, foreign keys enforced,
 * a busy timeout, and 64-bit integers read without loss.
 *
 * @example
 * ```ts
 * const db = await createDatabase({ schema, filename: ':memory:' });
 * await db.createTables();
 * const rows = db.drizzle.select().from(db.tables.post).all();
 * await db.close();
 * ```
 */
export async function createDatabase<S extends SchemaModule>(
  options: SQLiteDatabaseOptions<S>,
): Promise<SQLiteDatabase<S>> {
  const { default: Database } = await loadDriver('better-sqlite3', '12', () => import('better-sqlite3'));
  const { drizzle } = await import('drizzle-orm/better-sqlite3');
  const compiled = compileSQLiteSchema(options.schema);
  const filename = options.filename ?? ':memory:';
  if (options.readonly && filename === ':memory:') {
    throw new StrataError(
      'CONFIG_INVALID',
      'A read-only SQLite database needs a filename; an in-memory one would be empty',
    );
  }
  let client: InstanceType<typeof Database>;
  try {
    client = new Database(filename, {
      timeout: options.busyTimeoutMs ?? 5000,
      readonly: options.readonly ?? false,
    });
  } catch (error) {
    // better-sqlite3 names neither the file nor what to do ("the directory does not exist").
    const reason = error instanceof Error ? error.message : String(error);
    throw new StrataError('CONFIG_INVALID', `Cannot open the SQLite database file "${filename}": ${reason}`, {
      cause: error,
    });
  }
  try {
    if (filename !== ':memory:' && !options.readonly) client.pragma('journal_mode = WAL');
    client.pragma(`synchronous = ${options.synchronous === 'normal' ? 'NORMAL' : 'FULL'}`);
    client.pragma('foreign_keys = ON');
    // INTEGER values come back as bigint, so 64-bit values keep their precision; Strata's column
    // types convert them back to number, boolean or Date.
    client.defaultSafeIntegers(true);
  } catch (error) {
    client.close();
    throw error;
  }
  const db = drizzle(client, {
    schema: compiled.drizzleSchema as SQLiteSchemaOf<S>,
    logger: drizzleQueryLogger('sqlite', options.log),
  });
  return openSQLiteDatabase({
    engine: 'sqlite',
    schema: options.schema,
    tables: compiled.tables,
    drizzle: db,
    client,
    executor: sqliteExecutor(client),
    // Drizzle's better-sqlite3 transaction runs its callback synchronously: it cannot await.
    capabilities: { drizzleTransactions: 'sync' },
    log: options.log,
    // better-sqlite3 waits for a lock by blocking the thread: two connections of this process
    // to one file must take turns in JavaScript instead, or the waiting one would block the
    // holder from ever finishing.
    gate: client.memory ? new TransactionGate() : gateOfFile(client.name),
    close: async () => {
      client.close();
    },
  });
}
