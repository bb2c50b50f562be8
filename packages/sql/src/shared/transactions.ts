import { type SQL, sql } from 'drizzle-orm';
import type { TransactionRunner } from './adapter.js';
import type { DrizzleSession } from './query-builder.js';
import { TransactionGate } from './transaction-gate.js';

interface TransactionalSession {
  transaction<T>(work: (tx: DrizzleSession) => Promise<T>, config?: { isolationLevel: 'serializable' }): Promise<T>;
}

/**
 * Transactions on a connection pool (postgres-js): each one takes a connection of its own, so
 * any number run at once, at SERIALIZABLE isolation (the adapter runs one again when it loses a
 * conflict); Drizzle nests them with savepoints. `tracker` counts transactions in flight, so that
 * closing the database can wait for them (postgres-js drains single queries itself).
 *
 * @example
 * ```ts
 * createSqlAdapter({ ..., transactions: pooledTransactions() });
 * ```
 */
export function pooledTransactions(tracker: TransactionGate = new TransactionGate()): TransactionRunner {
  return {
    operation: (work) => work(),
    transaction: (session, depth, work) =>
      depth === 0
        ? tracker.track(() =>
            (session as unknown as TransactionalSession).transaction(work, { isolationLevel: 'serializable' }),
          )
        : (session as unknown as TransactionalSession).transaction(work),
  };
}

/**
 * A driver's own top-level transaction: runs `work` on the session its statements go to, commits
 * when it resolves and rolls back when it throws.
 *
 * @example
 * ```ts
 * const begin: DriverTransaction = (session, work) => (session as LibSQLDatabase).transaction(work);
 * ```
 */
export type DriverTransaction = <T>(session: DrizzleSession, work: (tx: DrizzleSession) => Promise<T>) => Promise<T>;

/**
 * Transactions on a single connection (SQLite, PGlite). A transaction holds the connection
 * alone: work from another async caller waits until it ends instead of running inside it, and
 * transactions run one at a time, in the order they were asked for. Nested transactions are
 * savepoints. The database passes its gate in, so that migrations can hold the connection too.
 * `begin` is the statement that starts a transaction or, for a driver that lends each
 * transaction a connection of its own (libSQL's client), the driver's own transaction.
 *
 * @example
 * ```ts
 * serialTransactions((session, statement) => session.run(statement), sql`begin immediate`);
 * ```
 */
export function serialTransactions(
  execute: (session: DrizzleSession, statement: SQL) => Promise<unknown> | unknown,
  begin: SQL | DriverTransaction,
  gate: TransactionGate = new TransactionGate(),
): TransactionRunner {
  let savepoints = 0;
  const run = async <T>(session: DrizzleSession, depth: number, work: (session: DrizzleSession) => Promise<T>) => {
    if (depth === 0 && typeof begin === 'function') return begin(session, work);
    const savepoint = sql.identifier(`strata_savepoint_${++savepoints}`);
    await execute(session, depth === 0 ? (begin as SQL) : sql`savepoint ${savepoint}`);
    let result: Awaited<ReturnType<typeof work>>;
    try {
      result = await work(session);
    } catch (error) {
      if (depth === 0) {
        await execute(session, sql`rollback`);
      } else {
        await execute(session, sql`rollback to savepoint ${savepoint}`);
        await execute(session, sql`release savepoint ${savepoint}`);
      }
      throw error;
    }
    if (depth > 0) {
      await execute(session, sql`release savepoint ${savepoint}`);
      return result;
    }
    try {
      await execute(session, sql`commit`);
    } catch (error) {
      // A failed COMMIT can leave the transaction open: close it so the connection stays usable.
      await Promise.resolve(execute(session, sql`rollback`)).catch(() => undefined);
      throw error;
    }
    return result;
  };
  return {
    operation: (work) => gate.shared(work),
    transaction: (session, depth, work) =>
      depth === 0 ? gate.exclusive(() => run(session, depth, work)) : run(session, depth, work),
  };
}
