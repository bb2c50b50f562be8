import type { PlanExecutor } from '@strata/sql';
import type { ParameterOrJSON, Sql } from 'postgres';
import type { StatementMode } from './postgres-pooler.js';

/**
 * Runs Strata's query plans on postgres-js, as named prepared statements while `statements`
 * allows (the server parses and plans each shape once per connection instead of on every call),
 * unnamed ones behind a transaction pooler. A query that met a statement missing on its server
 * connection turns named statements off; outside a transaction it runs again (it ran nowhere),
 * inside one the transaction is already aborted, so the error stands. (Awaiting the query here
 * measured faster than handing the adapter postgres-js's query object to `then`.)
 *
 * @example
 * ```ts
 * openPgDatabase({ ..., executor: postgresExecutor(client, statementMode([client], undefined, undefined)) });
 * ```
 */
export function postgresExecutor(client: Sql, statements: StatementMode, inTransaction = false): PlanExecutor {
  async function execute<T>(text: string, params: unknown[], read: (rows: Awaited<ReturnType<Sql['unsafe']>>) => T) {
    const checked = statements.ready(client);
    if (checked) await checked;
    for (let attempt = 0; ; attempt++) {
      const query = client.unsafe(text, params as ParameterOrJSON<never>[], { prepare: statements.named });
      try {
        const result = read(await query.values());
        statements.observe(query);
        return result;
      } catch (error) {
        if (!statements.observe(query, error) || inTransaction || attempt > 0) throw error;
      }
    }
  }
  return {
    rows: (plan, params) => execute(plan.text, params, (rows) => rows as unknown as unknown[][]),
    run: (plan, params) => execute(plan.text, params, (rows) => rows.count),
  };
}
