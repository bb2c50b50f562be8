import type { Plan, PlanExecutor } from '@strata/sql';
import type { Database, Statement } from 'better-sqlite3';

/**
 * Runs Strata's query plans on better-sqlite3: each plan's statement is prepared once and kept
 * (preparing costs more than running a point read), rows come back as arrays.
 *
 * @example
 * ```ts
 * openSQLiteDatabase({ ..., executor: sqliteExecutor(client) });
 * ```
 */
export function sqliteExecutor(client: Database): PlanExecutor {
  const statement = (plan: Plan, raw: boolean): Statement<unknown[]> => {
    plan.statement ??= raw ? client.prepare(plan.text).raw(true) : client.prepare(plan.text);
    return plan.statement as Statement<unknown[]>;
  };
  // The parameters go as one array (bound by position), not spread into arguments: a bulk
  // insert's 30,000 values would all be copied onto the call stack first.
  return {
    rows: (plan, params) => statement(plan, true).all(params) as unknown[][],
    first: (plan, params) => statement(plan, true).get(params) as unknown[] | undefined,
    run: (plan, params) => Number(statement(plan, false).run(params).changes),
  };
}
