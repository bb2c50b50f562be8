import { type SQL, sql } from 'drizzle-orm';

/**
 * A Drizzle SQLite database or transaction, as the dialect's DDL and migrations use it. A
 * synchronous driver (better-sqlite3) answers at once, an asynchronous one (libSQL) with a
 * promise: the dialect awaits every answer, which costs a synchronous driver nothing but a
 * microtask.
 *
 * @example
 * ```ts
 * const rows = (await (db.drizzle as SQLiteSession).all(sql`pragma foreign_keys`)) as { foreign_keys: bigint }[];
 * ```
 */
export interface SQLiteSession {
  run(query: SQL): unknown;
  all(query: SQL): unknown;
}

/**
 * How an engine runs a write transaction on its connection: `work` runs its statements on the
 * session it is given, and a throw rolls all of them back. When the write lock cannot be taken,
 * it rejects before `work` starts.
 *
 * @example
 * ```ts
 * const write: SQLiteWriteTransaction = driverWriteTransaction;
 * await write(db, async (tx) => tx.run(sql`delete from post`));
 * ```
 */
export type SQLiteWriteTransaction = <T>(db: SQLiteSession, work: (tx: SQLiteSession) => Promise<T>) => Promise<T>;

/**
 * BEGIN IMMEDIATE … COMMIT, sent as statements on the connection itself: for a driver that has
 * one connection and runs statements in the order they come (better-sqlite3). IMMEDIATE takes
 * the write lock at once, so two processes never deadlock upgrading a read to a write.
 *
 * @example
 * ```ts
 * await statementWriteTransaction(db, async (tx) => tx.run(sql`delete from post`));
 * ```
 */
export const statementWriteTransaction: SQLiteWriteTransaction = async (db, work) => {
  await db.run(sql`begin immediate`);
  try {
    const result = await work(db);
    await db.run(sql`commit`);
    return result;
  } catch (error) {
    try {
      await db.run(sql`rollback`);
    } catch {
      // SQLite already rolled back (some errors, and a failed COMMIT, end the transaction themselves).
    }
    throw error;
  }
};

interface AsyncTransactional {
  transaction<T>(work: (tx: SQLiteSession) => Promise<T>): Promise<T>;
}

/**
 * Drizzle's own asynchronous transaction: for a driver whose client lends each transaction a
 * connection and takes it back afterwards (libSQL's client, which rolls back a BEGIN sent as a
 * plain statement as soon as that statement's connection goes back to its pool). libSQL begins
 * such a transaction with BEGIN IMMEDIATE.
 *
 * @example
 * ```ts
 * openSQLiteDatabase({ ..., writeTransaction: driverWriteTransaction });
 * ```
 */
export const driverWriteTransaction: SQLiteWriteTransaction = (db, work) =>
  (db as unknown as AsyncTransactional).transaction((tx) => work(tx));
