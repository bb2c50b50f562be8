import type { Plan, PlanExecutor } from '@strata/sql';
import type { D1Binding, D1StatementLike } from './d1-binding.js';

/**
 * Runs Strata's query plans on a D1 binding (one made by `strataBinding`, so that errors carry
 * SQLite's codes): rows with `raw()`, which answers them as arrays in the plan's column order,
 * and writes with `run()`, whose `meta.changes` counts the rows touched. Each plan's statement is
 * prepared once and bound per call (`bind` returns a new statement, the prepared one is kept), as
 * a Worker reuses `env.DB.prepare(...)`: outside workerd (miniflare from Node) every `prepare` is
 * a round trip of its own.
 *
 * @example
 * ```ts
 * openSQLiteDatabase({ ..., executor: d1Executor(strataBinding(env.DB)) });
 * ```
 */
export function d1Executor(binding: D1Binding): PlanExecutor {
  const statement = (plan: Plan, params: unknown[]) => {
    plan.statement ??= binding.prepare(plan.text);
    return (plan.statement as D1StatementLike).bind(...params);
  };
  return {
    rows: (plan, params) => statement(plan, params).raw(),
    run: (plan, params) =>
      statement(plan, params)
        .run()
        .then((result) => result.meta.changes ?? 0),
  };
}
