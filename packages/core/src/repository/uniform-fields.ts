import type { AdapterRow } from './contract.js';

/**
 * The field names shared by every row of a bulk insert, sorted, or `undefined` when two rows
 * differ: rows that all have the same fields can share one statement shape (and, on PostgreSQL,
 * one array per column). For adapters; the repository chunks by it too.
 * Rows built alike list their keys in the same order: each is compared with the first row's
 * order one by one, and only a key out of that order is looked up.
 *
 * @example
 * ```ts
 * uniformFields([{ a: 1, b: 2 }, { b: 3, a: 4 }]); // ['a', 'b']
 * ```
 */
export function uniformFields(rows: readonly AdapterRow[]): string[] | undefined {
  const order = Object.keys(rows[0] ?? {});
  const keys = [...order].sort();
  for (let r = 1; r < rows.length; r++) {
    const row = rows[r] as AdapterRow;
    let count = 0;
    for (const key in row) {
      if (!Object.hasOwn(row, key)) continue;
      if (key !== order[count] && !keys.includes(key)) return undefined;
      count++;
    }
    if (count !== keys.length) return undefined;
  }
  return keys;
}
