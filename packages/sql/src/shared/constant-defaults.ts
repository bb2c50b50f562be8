import type { AdapterRow } from '@strata/core';
import { Column, is, SQL, sql } from 'drizzle-orm';
import type { DrizzleTable } from './table-compiler.js';

/**
 * The values of an INSERT's row with the constant defaults of the columns it leaves out written
 * in as literals: `values` itself when the table keeps no default as a JS value.
 *
 * Why: a dialect may keep a constant default as a JS value (so drizzle-kit reads the database's
 * `DEFAULT 0` back as what the table says), and Drizzle's SQLite dialect binds such a default
 * as a parameter on every insert that leaves the column out (its VALUES has no DEFAULT keyword).
 * A parameter that is no slot of the call makes the statement impossible to keep as a plan; the
 * literal keeps the very text Drizzle wrote when the default was SQL (the number as JS prints
 * it), so the shape, the plan and the prepared statement stay the same on every call.
 *
 * @example
 * ```ts
 * session.insert(items).values(withConstantDefaults(items, { name: sql.placeholder('s0') }));
 * // insert into "items" ("id", "name", "uses") values (…, ?, 0)
 * ```
 */
export function withConstantDefaults(table: DrizzleTable, values: AdapterRow): AdapterRow {
  let filled: AdapterRow | undefined;
  for (const key in table) {
    if (values[key] !== undefined) continue;
    const column = table[key];
    if (!is(column, Column)) continue;
    const value: unknown = column.default;
    if (value === undefined || value === null || is(value, SQL)) continue;
    filled ??= { ...values };
    // Encoded by the column and inlined by the session's dialect, as Drizzle writes a constant.
    filled[key] = sql`${sql.param(value, column)}`.inlineParams();
  }
  return filled ?? values;
}
