import { type AdapterRow, type AnyTable, uniformFields } from '@strata/core';
import type { Column } from 'drizzle-orm';
import type { ArrayInsert } from './bulk-insert.js';
import { Slots } from './plan.js';
import type { QueryBuilder } from './query-builder.js';
import type { QueryPlans } from './query-plans.js';
import { type QuerySpec, shapeKey } from './query-spec.js';

/**
 * A `createMany` on the engine's bulk path (see `ArrayInsert`): one array literal per field in
 * its slots, or `undefined` where the path does not apply — fewer than two rows, rows whose fields
 * differ, or a left-out field that Drizzle fills in JavaScript (`$defaultFn`, `$onUpdate`): the
 * one-row INSERT of these fields must be a plan, as then no value comes from anywhere but the
 * rows and the column defaults in SQL. Anything unexpected also falls back to the ordinary path,
 * which reports it as it always has.
 *
 * @example
 * ```ts
 * const call = createBulkInsert(postgresArrayInsert, builder, plans, post, rows, true);
 * if (call) await runner.run(post, shapeKey(post, call.spec), call.slots, call.spec, 'rows');
 * ```
 */
export function createBulkInsert(
  bulk: ArrayInsert,
  builder: QueryBuilder,
  plans: QueryPlans,
  table: AnyTable,
  rows: readonly AdapterRow[],
  returning: boolean,
): { readonly slots: Slots; readonly spec: QuerySpec } | undefined {
  if (rows.length < 2) return undefined;
  try {
    const keys = uniformFields(rows);
    if (!keys || keys.length === 0) return undefined;
    const oneRow: QuerySpec = { type: 'insert', rows: [keys], uniformKeys: keys, returning };
    if (!plans.planOf(table, shapeKey(table, oneRow), oneRow, returning ? 'rows' : 'affected')) return undefined;
    const drizzleTable = builder.table(table);
    const slots = new Slots();
    const values = new Array(rows.length);
    for (const key of keys) {
      const encoder = drizzleTable[key] as Column;
      for (let r = 0; r < rows.length; r++) {
        const value = (rows[r] as AdapterRow)[key];
        values[r] = value === null || value === undefined ? value : encoder.mapToDriverValue(value);
      }
      const literal = bulk.array(values);
      if (literal === undefined) return undefined;
      slots.push(literal, undefined);
    }
    return { slots, spec: { type: 'arrays', keys, returning } };
  } catch {
    return undefined;
  }
}
