import { type SQL, sql } from 'drizzle-orm';
import { droppingIfExists, loadDrizzleKit } from '../shared/ddl.js';
import type { SQLiteSession, SQLiteWriteTransaction } from './write-transaction.js';

/**
 * The SQL that creates (or drops) every table of a compiled schema, as drizzle-kit generates it.
 *
 * @example
 * ```ts
 * const statements = await sqliteSchemaStatements(compileSQLiteSchema(schema).tables, 'create');
 * ```
 */
export async function sqliteSchemaStatements(
  tables: Record<string, unknown>,
  direction: 'create' | 'drop',
): Promise<string[]> {
  const kit = await loadDrizzleKit();
  const empty = await kit.generateSQLiteDrizzleJson({});
  const full = await kit.generateSQLiteDrizzleJson(tables);
  return direction === 'create'
    ? kit.generateSQLiteMigration(empty as never, full as never)
    : droppingIfExists(await kit.generateSQLiteMigration(full as never, empty as never));
}

/** What `runSQLiteStatements` needs of a synchronous Drizzle SQLite database. */
export interface SQLiteTransactional {
  transaction<T>(run: (tx: { run(query: SQL): unknown }) => T): T;
}

/**
 * Runs DDL statements in one transaction. Without `writeTransaction` the driver is synchronous
 * (better-sqlite3): Drizzle's transaction runs them all without yielding, so no other caller can
 * interleave. With it (an asynchronous driver), each statement is awaited inside that
 * transaction; the database holds its gate meanwhile, so its own work waits.
 *
 * @example
 * ```ts
 * await runSQLiteStatements(db.drizzle, statements);
 * ```
 */
export async function runSQLiteStatements(
  db: SQLiteTransactional | SQLiteSession,
  statements: readonly string[],
  writeTransaction?: SQLiteWriteTransaction,
): Promise<void> {
  if (!writeTransaction) {
    (db as SQLiteTransactional).transaction((tx) => {
      for (const statement of statements) tx.run(sql.raw(statement));
    });
    return;
  }
  await writeTransaction(db as SQLiteSession, async (tx) => {
    for (const statement of statements) await tx.run(sql.raw(statement));
  });
}
