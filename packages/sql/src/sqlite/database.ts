import type { SchemaModule } from '@strata/core';
import { type EngineName, openDatabase, type StrataDatabase } from '../shared/database.js';
import { attachMigrationDriver } from '../shared/migration-driver.js';
import type { PlanExecutor } from '../shared/plan.js';
import { loggedExecutor, type QueryLogOptions } from '../shared/query-log.js';
import { settledWithin, TransactionGate } from '../shared/transaction-gate.js';
import { createSQLiteAdapter } from './adapter.js';
import { runSQLiteStatements, sqliteSchemaStatements } from './ddl.js';
import { createSQLiteMigrationDriver } from './migrator.js';
import type { SQLiteTablesOf } from './types.js';

/** What a SQLite engine package hands over once its driver and Drizzle database exist. */
export interface SQLiteEngineParts<
  S extends SchemaModule,
  TDrizzle extends object,
  TEngine extends EngineName,
  TClient,
> {
  readonly engine: TEngine;
  readonly schema: S;
  /** The compiled tables (from `compileSQLiteSchema`). */
  readonly tables: SQLiteTablesOf<S>;
  readonly drizzle: TDrizzle;
  /** The driver's client, exposed as `db.client`. */
  readonly client: TClient;
  readonly executor: PlanExecutor;
  /** The connection's gate; connections of one process to one file share one. */
  readonly gate?: TransactionGate;
  /** Query logging of the repository's statements. */
  readonly log?: QueryLogOptions | undefined;
  /** Closes the driver (after work in flight settled, or `timeoutMs` passed). */
  readonly close: (options: { readonly timeoutMs: number }) => Promise<void>;
}

/**
 * A Strata database on a synchronous SQLite driver: repository, DDL and lifecycle, so the engine
 * package only opens its driver.
 *
 * @example
 * ```ts
 * return openSQLiteDatabase({ engine: 'sqlite', schema, tables, drizzle: db, client, executor, close });
 * ```
 */
export function openSQLiteDatabase<
  S extends SchemaModule,
  TDrizzle extends object,
  TEngine extends EngineName,
  TClient,
>(
  parts: SQLiteEngineParts<S, TDrizzle, TEngine, TClient>,
): StrataDatabase<TDrizzle, SQLiteTablesOf<S>, TEngine, S> & { readonly client: TClient } {
  const { drizzle, tables } = parts;
  const ddl = drizzle as unknown as Parameters<typeof runSQLiteStatements>[0];
  // One connection: the repository's transactions and migrations take turns on it.
  const gate = parts.gate ?? new TransactionGate();
  const database = openDatabase({
    engine: parts.engine,
    dialect: 'sqlite',
    schema: parts.schema,
    createAdapter: (assertOpen) =>
      createSQLiteAdapter({
        drizzle,
        schema: parts.schema,
        assertOpen,
        executor: parts.log ? loggedExecutor(parts.executor, parts.engine, parts.log) : parts.executor,
        gate,
      }),
    drizzle,
    tables,
    createTables: async () => runSQLiteStatements(ddl, await sqliteSchemaStatements(tables, 'create')),
    dropTables: async () => runSQLiteStatements(ddl, await sqliteSchemaStatements(tables, 'drop')),
    close: async ({ timeoutMs }) => {
      await settledWithin(gate.idle(), timeoutMs);
      await parts.close({ timeoutMs });
    },
  });
  const opened = Object.assign(database, { client: parts.client });
  attachMigrationDriver(opened, createSQLiteMigrationDriver({ drizzle, gate }));
  return opened;
}
