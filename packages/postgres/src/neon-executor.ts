import type {
  CustomTypesConfig,
  NeonQueryFunction,
  types as pgTypes,
  QueryArrayConfig,
} from '@neondatabase/serverless';
import type { PlanExecutor } from '@strata/sql';

/**
 * Type ids whose text Strata's decoders read themselves (dates, timestamps, intervals and their
 * arrays): Drizzle's Neon drivers leave them as text too, so a plan and a Drizzle query decode
 * the same value the same way. json and jsonb too: Drizzle's json columns parse the text once
 * (parsed twice, a stored JSON string such as `"1"` would read back as the number 1).
 */
const TEXT_TYPES = new Set([114, 1082, 1083, 1114, 1115, 1182, 1184, 1185, 1186, 1187, 1231, 3802]);

const asText = (value: string) => value;

/**
 * The driver's type parsers with dates, timestamps, intervals and json left as text.
 *
 * @example
 * ```ts
 * const { types } = await import('@neondatabase/serverless');
 * pool.query({ text, values, rowMode: 'array', types: neonTextTypes(types) });
 * ```
 */
export function neonTextTypes(types: typeof pgTypes): CustomTypesConfig {
  return {
    getTypeParser: (id, format) =>
      TEXT_TYPES.has(id as number) ? asText : types.getTypeParser(id as number, format as 'text' | 'binary'),
  };
}

/** A Neon `Pool` or one of its clients: anything that runs a query in array row mode. */
export interface NeonArrayQueryable {
  query(config: QueryArrayConfig<unknown[]>): Promise<{ rows: unknown[][]; rowCount: number | null }>;
}

/**
 * Runs Strata's query plans on Neon's WebSocket driver (a `Pool`, or a transaction's client),
 * rows as arrays. Statements are unnamed: Neon's pooled endpoints run PgBouncer in transaction
 * mode, where a statement prepared on one server connection may be missing on the next.
 *
 * @example
 * ```ts
 * openPgDatabase({ ..., executor: neonPoolExecutor(pool, neonTextTypes(types)) });
 * ```
 */
export function neonPoolExecutor(client: NeonArrayQueryable, types: CustomTypesConfig): PlanExecutor {
  const query = (text: string, values: unknown[]) => client.query({ text, values, rowMode: 'array', types });
  return {
    rows: async (plan, params) => (await query(plan.text, params)).rows,
    run: async (plan, params) => (await query(plan.text, params)).rowCount ?? 0,
  };
}

/**
 * Runs Strata's query plans on Neon's HTTP driver: one HTTP request per statement, rows as arrays.
 *
 * @example
 * ```ts
 * openPgDatabase({ ..., executor: neonHttpExecutor(neon(url), neonTextTypes(types)) });
 * ```
 */
export function neonHttpExecutor(client: NeonQueryFunction<false, false>, types: CustomTypesConfig): PlanExecutor {
  const options = { arrayMode: true, fullResults: true, types } as const;
  return {
    rows: async (plan, params) => (await client.query(plan.text, params, options)).rows,
    run: async (plan, params) => (await client.query(plan.text, params, options)).rowCount ?? 0,
  };
}
