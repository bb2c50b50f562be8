import type { PGlite } from '@electric-sql/pglite';
import type { PlanExecutor } from '@strata/sql';

/**
 * Runs Strata's query plans on PGlite, rows as arrays. Strata's decoders read dates and
 * timestamps as text: an instance Strata starts is created with such parsers; for an instance it
 * is given, `parsers` are passed with every query (PGlite copies them per query, which costs about
 * 0.2 ms each time). A plan with an `aggregated` form (a bulk insert) runs in that form: PGlite
 * decodes each returned row in JavaScript, and one JSON text of ten thousand rows reads faster.
 *
 * @example
 * ```ts
 * openPgDatabase({ ..., executor: pgliteExecutor(client) });
 * ```
 */
export function pgliteExecutor(client: PGlite, parsers?: Record<number, (value: string) => unknown>): PlanExecutor {
  const rowsOptions = parsers ? { rowMode: 'array' as const, parsers } : { rowMode: 'array' as const };
  const runOptions = parsers ? { parsers } : {};
  return {
    rows: async (plan, params) => {
      if (plan.aggregated === undefined) return (await client.query<unknown[]>(plan.text, params, rowsOptions)).rows;
      const [row] = (await client.query<[string | null]>(plan.aggregated, params, rowsOptions)).rows;
      return row?.[0] ? (JSON.parse(row[0]) as unknown[][]) : [];
    },
    run: async (plan, params) => (await client.query(plan.text, params, runOptions)).affectedRows ?? 0,
  };
}
