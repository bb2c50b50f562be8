import type { DatabaseAdapter, SchemaModule } from '@strata/core';
import { type DatabaseCapabilities, type EngineName, openDatabase, type StrataDatabase } from '../shared/database.js';
import { attachMigrationDriver } from '../shared/migration-driver.js';
import type { PlanExecutor } from '../shared/plan.js';
import { loggedExecutor, type QueryLogOptions } from '../shared/query-log.js';
import { settledWithin, TransactionGate } from '../shared/transaction-gate.js';
import { createSQLiteAdapter } from './adapter.js';
import { runSQLiteStatements, sqliteSchemaStatements } from './ddl.js';
import { sqliteDialect } from './dialect.js';
import { createSQLiteMigrationDriver } from './migrator.js';
import type { SQLiteTablesOf } from './types.js';
import type { SQLiteWriteTransaction } from './write-transaction.js';

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
  /**
   * How write transactions run (the repository's, DDL, migrations). Leave it out for a
   * synchronous driver with one connection (better-sqlite3): BEGIN IMMEDIATE … COMMIT as
   * statements. An asynchronous driver that lends each transaction a connection (libSQL) passes
   * `driverWriteTransaction`.
   */
  readonly writeTransaction?: SQLiteWriteTransaction;
  /** The executor for a transaction's Drizzle session, when it is not `executor` (see `SQLiteAdapterOptions`). */
  readonly transactionExecutor?: (session: object) => PlanExecutor | undefined;
  /** Rows a write touched, from the driver's result of a Drizzle query; by default better-sqlite3's `changes`. */
  readonly affectedRows?: (result: unknown) => number;
  /**
   * The repository's adapter as the engine needs it, given the SQLite one (and `assertOpen`): a
   * driver without interactive transactions (D1) writes a bulk insert as one atomic batch there.
   */
  readonly adapter?: (adapter: DatabaseAdapter, assertOpen: (inTransaction: boolean) => void) => DatabaseAdapter;
  /** Closes the driver (after work in flight settled, or `timeoutMs` passed). */
  /** What the driver cannot do (better-sqlite3: Drizzle's transactions are synchronous); all by default. */
  readonly capabilities?: Partial<DatabaseCapabilities>;
  readonly close: (options: { readonly timeoutMs: number }) => Promise<void>;
}

/**
 * A Strata database on a SQLite driver, synchronous (better-sqlite3) or asynchronous (libSQL):
 * repository, DDL, migrations and lifecycle, so the engine package only opens its driver.
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
  const { drizzle, tables, writeTransaction } = parts;
  const ddl = drizzle as unknown as Parameters<typeof runSQLiteStatements>[0];
  // One connection: the repository's transactions and migrations take turns on it.
  const gate = parts.gate ?? new TransactionGate();
  // DDL holds the connection alone too: an asynchronous driver would otherwise let the
  // repository's work run between its statements.
  const ddlRun = (statements: string[]) => gate.exclusive(() => runSQLiteStatements(ddl, statements, writeTransaction));
  const logged =
    (executorOf: (session: object) => PlanExecutor | undefined) =>
    (session: object): PlanExecutor | undefined => {
      const executor = executorOf(session);
      return executor && parts.log ? loggedExecutor(executor, parts.engine, parts.log) : executor;
    };
  const database = openDatabase({
    engine: parts.engine,
    dialect: sqliteDialect,
    schema: parts.schema,
    capabilities: parts.capabilities,
    createAdapter: (assertOpen) => {
      const adapter = createSQLiteAdapter({
        drizzle,
        schema: parts.schema,
        assertOpen,
        executor: parts.log ? loggedExecutor(parts.executor, parts.engine, parts.log) : parts.executor,
        gate,
        ...(writeTransaction && { writeTransaction }),
        ...(parts.transactionExecutor && { transactionExecutor: logged(parts.transactionExecutor) }),
        ...(parts.affectedRows && { affectedRows: parts.affectedRows }),
      });
      return parts.adapter ? parts.adapter(adapter, assertOpen) : adapter;
    },
    drizzle,
    tables,
    createTables: async () => ddlRun(await sqliteSchemaStatements(tables, 'create')),
    dropTables: async () => ddlRun(await sqliteSchemaStatements(tables, 'drop')),
    close: async ({ timeoutMs }) => {
      await settledWithin(gate.idle(), timeoutMs);
      await parts.close({ timeoutMs });
    },
  });
  const opened = Object.assign(database, { client: parts.client });
  attachMigrationDriver(opened, createSQLiteMigrationDriver({ drizzle, gate, writeTransaction }));
  return opened;
}
