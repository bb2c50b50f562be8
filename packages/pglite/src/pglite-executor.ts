import type { PGlite } from '@electric-sql/pglite';
import type { PlanExecutor } from '@strata/sql';

/**
 * Runs Strata's query plans on PGlite, rows as arrays. `parsers` leave dates and timestamps as
 * text for Strata's decoders (as Drizzle's own PGlite session does).
 */
export function pgliteExecutor(client: PGlite, parsers: Record<number, (value: string) => unknown>): PlanExecutor {
  return {
    rows: async (plan, params) =>
      (await client.query<unknown[]>(plan.text, params, { rowMode: 'array', parsers })).rows,
    run: async (plan, params) => (await client.query(plan.text, params, { parsers })).affectedRows ?? 0,
  };
}
