import type { PlanExecutor } from '@strata/sql';
import type { ParameterOrJSON, Sql } from 'postgres';

/**
 * Runs Strata's query plans on postgres-js as named prepared statements (`prepare: true`): the
 * server parses and plans each shape once per connection instead of on every call. (Awaiting the
 * query here measured faster than handing the adapter postgres-js's query object to `then`.)
 *
 * @example
 * ```ts
 * openPgDatabase({ ..., executor: postgresExecutor(client) });
 * ```
 */
export function postgresExecutor(client: Sql): PlanExecutor {
  const query = (text: string, params: unknown[]) =>
    client.unsafe(text, params as ParameterOrJSON<never>[], { prepare: true });
  return {
    rows: async (plan, params) => (await query(plan.text, params).values()) as unknown[][],
    run: async (plan, params) => (await query(plan.text, params)).count,
  };
}
