import type { PGlite } from '@electric-sql/pglite';
import type { PlanExecutor } from '@strata/sql';

/**
 * Runs Strata's query plans on PGlite, rows as arrays. Strata's decoders read dates and
 * timestamps as text: an instance Strata starts is created with such parsers; for an instance it
 * is given, `parsers` are passed with every query (PGlite copies them per query, which costs about
 * 0.2 ms each time).
 */
export function pgliteExecutor(client: PGlite, parsers?: Record<number, (value: string) => unknown>): PlanExecutor {
  const rowsOptions = parsers ? { rowMode: 'array' as const, parsers } : { rowMode: 'array' as const };
  const runOptions = parsers ? { parsers } : {};
  return {
    rows: async (plan, params) => (await client.query<unknown[]>(plan.text, params, rowsOptions)).rows,
    run: async (plan, params) => (await client.query(plan.text, params, runOptions)).affectedRows ?? 0,
  };
}
