import { type AdapterRow, type AnyColumn, type AnyTable, getTableInfo } from '@strata/core';
import { type Column, sql } from 'drizzle-orm';
import type { ArrayInsert } from './bulk-insert.js';
import { type Plan, PlanCache, planParams, type SlotValues, slotName } from './plan.js';
import type { DrizzleSession, QueryBuilder } from './query-builder.js';
import type { QuerySpec, ResultKind } from './query-spec.js';

/** A plan with the columns of its parameters' values, learnt on its first run. */
interface CachedPlan extends Plan {
  /** For each parameter: the neutral column of the slot it took its value from the first time. */
  slotColumns?: (AnyColumn | undefined)[];
  /** For each parameter: that column's Drizzle column, which encodes the value. */
  encoders?: (Column | undefined)[];
}

/** The SQL of slot `index` while a plan is built: a named placeholder. */
const placeholder = (index: number) => sql.placeholder(slotName(index));

/**
 * The plans of one database, per result kind and shape key, shared by its transactions: each
 * shape is built by Drizzle once, then every call only encodes its values and decodes its rows.
 *
 * @example
 * ```ts
 * const plans = new QueryPlans(builder, session, postgresArrayInsert);
 * const plan = plans.planOf(post, key, spec, 'rows');
 * if (plan) await executor.rows(plan, plans.params(plan, slots));
 * ```
 */
export class QueryPlans {
  readonly #builder: QueryBuilder;
  readonly #session: DrizzleSession;
  readonly #bulkInsert: ArrayInsert | undefined;
  readonly #caches: Record<ResultKind, PlanCache> = {
    rows: new PlanCache(),
    first: new PlanCache(),
    count: new PlanCache(),
    affected: new PlanCache(),
  };

  constructor(builder: QueryBuilder, session: DrizzleSession, bulkInsert: ArrayInsert | undefined) {
    this.#builder = builder;
    this.#session = session;
    this.#bulkInsert = bulkInsert;
  }

  /**
   * The plan of a shape, built on its first call; `null` for a shape that cannot be a plan (a
   * value Drizzle computes while building, such as a `$defaultFn` result), remembered as such.
   */
  planOf(table: AnyTable, key: string, spec: QuerySpec, kind: ResultKind): Plan | null {
    const cache = this.#caches[kind];
    const cached = cache.get(key);
    if (cached !== undefined) return cached;
    const plan = this.#build(table, spec, kind);
    cache.set(key, plan);
    return plan;
  }

  #build(table: AnyTable, spec: QuerySpec, kind: ResultKind): CachedPlan | null {
    const bulk = spec.type === 'arrays' ? this.#bulkInsert : undefined;
    const returning = spec.type === 'arrays' && !spec.returning ? [] : Object.keys(getTableInfo(table).columns);
    const drizzleTable = this.#builder.table(table);
    const { sql: text, params } = bulk
      ? bulk.statement(drizzleTable, (spec as { keys: readonly string[] }).keys, returning, placeholder)
      : this.#builder.build(this.#session, table, spec, placeholder).toSQL();
    const indexes = planParams(params);
    if (!indexes) return null;
    const fields = kind === 'affected' ? [] : this.#builder.fields(table, spec);
    return bulk && returning.length > 0
      ? { text, params: indexes, fields, aggregated: bulk.aggregated(text, drizzleTable, returning) }
      : { text, params: indexes, fields };
  }

  /**
   * The driver values of a plan's parameters, from the call's slots, each encoded by its column
   * as Drizzle encodes parameters. A shape's slots take their values from the same columns on
   * every call: the Drizzle columns are looked up once per plan.
   */
  params(plan: Plan, slots: SlotValues): unknown[] {
    const cached = plan as CachedPlan;
    const count = plan.params.length;
    let columns = cached.slotColumns;
    let encoders = cached.encoders;
    if (columns === undefined || encoders === undefined) {
      columns = new Array(count);
      encoders = new Array(count);
      for (let i = 0; i < count; i++) {
        const column = slots.column(plan.params[i] as number);
        columns[i] = column;
        encoders[i] = column && this.#builder.column(column);
      }
      cached.slotColumns = columns;
      cached.encoders = encoders;
    }
    const params = new Array(count);
    for (let i = 0; i < count; i++) {
      const slot = plan.params[i] as number;
      const value = slots.value(slot);
      const column = slots.column(slot);
      if (column === undefined || value === null) params[i] = value;
      else
        params[i] = (column === columns[i] ? (encoders[i] as Column) : this.#builder.column(column)).mapToDriverValue(
          value,
        );
    }
    return params;
  }
}

/** A driver row (an array in the plan's field order) as an object of decoded JS values. */
function decodeRow(fields: Plan['fields'], values: readonly unknown[]): AdapterRow {
  const row: AdapterRow = {};
  for (let f = 0; f < fields.length; f++) {
    const field = fields[f] as Plan['fields'][number];
    row[field.key] = field.decode(values[f]);
  }
  return row;
}

/**
 * The call's result from a plan's answer: all rows decoded, the first one, a count, or the
 * number of rows touched. `firstOnly`: the driver answered with one row (or none), not a list.
 *
 * @example
 * ```ts
 * const rows = resultOfPlan(plan, 'rows', false, await executor.rows(plan, params));
 * ```
 */
export function resultOfPlan(plan: Plan, kind: ResultKind, firstOnly: boolean, answer: unknown): unknown {
  if (kind === 'affected') return answer;
  const fields = plan.fields;
  if (firstOnly) return answer ? decodeRow(fields, answer as unknown[]) : undefined;
  const list = answer as unknown[][];
  if (kind === 'first') return list.length > 0 ? decodeRow(fields, list[0] as unknown[]) : undefined;
  if (kind === 'count') return Number((list.length > 0 ? decodeRow(fields, list[0] as unknown[]) : {}).n ?? 0);
  const rows: AdapterRow[] = new Array(list.length);
  for (let r = 0; r < list.length; r++) rows[r] = decodeRow(fields, list[r] as unknown[]);
  return rows;
}

/**
 * The call's result from the rows of a query Drizzle ran (already decoded by Drizzle).
 *
 * @example
 * ```ts
 * const first = resultOfRows('first', await query);
 * ```
 */
export function resultOfRows(kind: Exclude<ResultKind, 'affected'>, rows: unknown): unknown {
  const list = rows as AdapterRow[];
  if (kind === 'first') return list[0];
  if (kind === 'count') return Number(list[0]?.n ?? 0);
  return list;
}
