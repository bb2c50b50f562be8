import type { AdapterCapabilities, DatabaseAdapter, SchemaModule } from '@strata/core';
import type { SQL } from 'drizzle-orm';
import { createSqlAdapter, type DrizzleSession } from '../shared/adapter.js';
import type { EngineName } from '../shared/database.js';
import { type DriverTransaction, serialTransactions } from '../shared/transactions.js';
import type { SQLiteEngineParts } from './database.js';
import { sqliteDialect } from './dialect.js';

/**
 * What a SQLite engine supplies for its adapter: the parts of `SQLiteEngineParts` the adapter
 * reads (documented there; a transaction's executor is `executor` itself unless given: one
 * connection), its Drizzle database, `assertOpen` (throws once the database is closed;
 * `inTransaction`: work of a running transaction, let finish), and statement limits below
 * SQLite's own, for a driver that binds fewer parameters per statement.
 */
export type SQLiteAdapterOptions = Pick<SQLiteEngineParts<SchemaModule, object, EngineName, unknown>, 'schema'> &
  Partial<
    Pick<
      SQLiteEngineParts<SchemaModule, object, EngineName, unknown>,
      'executor' | 'gate' | 'writeTransaction' | 'transactionExecutor' | 'affectedRows'
    >
  > & {
    readonly drizzle: object;
    readonly assertOpen: (inTransaction: boolean) => void;
    readonly limits?: Partial<AdapterCapabilities> | undefined;
  };

/**
 * Strata's adapter for SQLite. One connection: operations and transactions are queued, and a
 * transaction starts with BEGIN IMMEDIATE so it holds the write lock from the start (no deadlock
 * when two processes upgrade a read to a write at once).
 *
 * @example
 * ```ts
 * const adapter = createSQLiteAdapter({ drizzle: db, schema, assertOpen });
 * ```
 */
export function createSQLiteAdapter(options: SQLiteAdapterOptions): DatabaseAdapter {
  const execute = (session: DrizzleSession, statement: SQL) =>
    (session as unknown as { run(query: SQL): unknown }).run(statement);
  return createSqlAdapter({
    dialect: sqliteDialect,
    schema: options.schema,
    limits: options.limits,
    session: options.drizzle as DrizzleSession,
    transactions: serialTransactions(
      execute,
      options.writeTransaction ? (options.writeTransaction as unknown as DriverTransaction) : sqliteDialect.begin,
      options.gate,
    ),
    affectedRows: options.affectedRows ?? ((result) => Number((result as { changes: number | bigint }).changes)),
    assertOpen: options.assertOpen,
    ...(options.executor && { executor: options.executor }),
    // One connection: a transaction runs on the very connection the executor uses.
    transactionExecutor: options.transactionExecutor ?? (() => options.executor),
  });
}
