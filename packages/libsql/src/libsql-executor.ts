import type { InArgs, ResultSet, Transaction } from '@libsql/client';
import type { Plan, PlanExecutor } from '@strata/sql';

/**
 * What the executor needs of libSQL's client or of one of its transactions.
 *
 * @example
 * ```ts
 * const target: LibSQLStatementTarget = await client.transaction('write');
 * ```
 */
export interface LibSQLStatementTarget {
  execute(statement: { sql: string; args: InArgs }): Promise<ResultSet>;
}

/**
 * Runs Strata's query plans on libSQL's client (or an open transaction of it): one `execute` per
 * call with the plan's SQL and positional arguments. Rows come back as libSQL's rows, which are
 * indexed like arrays, so they need no copying.
 *
 * @example
 * ```ts
 * openSQLiteDatabase({ ..., executor: libsqlExecutor(client) });
 * ```
 */
export function libsqlExecutor(target: LibSQLStatementTarget): PlanExecutor {
  const execute = (plan: Plan, params: unknown[]) => target.execute({ sql: plan.text, args: params as InArgs });
  return {
    rows: (plan, params) => execute(plan, params).then((result) => result.rows as unknown as unknown[][]),
    run: (plan, params) => execute(plan, params).then((result) => result.rowsAffected),
  };
}

/**
 * The executor for a Drizzle libSQL transaction: its statements must go to the libSQL
 * transaction Drizzle opened (which holds the connection), not to the client. Drizzle keeps it as
 * `tx.session.tx`; `undefined` (Drizzle builds each query) should a Drizzle version keep it
 * elsewhere.
 *
 * @example
 * ```ts
 * openSQLiteDatabase({ ..., transactionExecutor: libsqlTransactionExecutor });
 * ```
 */
export function libsqlTransactionExecutor(session: object): PlanExecutor | undefined {
  const tx = (session as { session?: { tx?: Transaction } }).session?.tx;
  return tx && typeof tx.execute === 'function' ? libsqlExecutor(tx) : undefined;
}
