import type { AnyColumn } from '@strata/core';
import { type SQL, sql } from 'drizzle-orm';

/**
 * Defaults SQLite computes itself, so rows inserted by raw SQL get them too (SQLite 3.42+ for
 * `unixepoch('subsec')`). SQLite has no uuid function: both UUIDs are formatted with `printf`
 * from `random()`; the id puts the millisecond clock in its first 48 bits (version 7), the
 * other is a version 4 UUID. 'now' is fixed within one statement, so both clock reads agree.
 * SQLite requires an expression default in parentheses.
 */
export function computedDefault(kind: 'now' | 'random' | 'generatedId'): SQL {
  switch (kind) {
    case 'now':
      return sql`(cast(unixepoch('subsec') * 1000 as integer))`;
    case 'random':
      return sql`(printf('%08x-%04x-4%03x-%04x-%012x', abs(random()) % 4294967296, abs(random()) % 65536, abs(random()) % 4096, (abs(random()) % 16384) | 32768, abs(random()) % 281474976710656))`;
    case 'generatedId':
      return sql`(printf('%08x-%04x-7%03x-%04x-%012x', cast(unixepoch('subsec') * 1000 as integer) >> 16, cast(unixepoch('subsec') * 1000 as integer) & 65535, abs(random()) % 4096, (abs(random()) % 16384) | 32768, abs(random()) % 281474976710656))`;
  }
}

/**
 * A constant default of a numeric column as the number SQLite stores (booleans 0/1, timestamps
 * in milliseconds): drizzle-kit reads `DEFAULT 0` back as the number 0 and compares it with the
 * schema's default, so the Drizzle column must hold that number, not the SQL text "0". The DDL
 * is the same either way. Integers beyond 2^53 stay a SQL literal (a JS number would change
 * them). `undefined` leaves the default to the shared literal. Drizzle would bind such a default
 * as a parameter on an insert that leaves the column out; Strata's own inserts write it into the
 * statement instead (`inlineConstantDefaults` in sqlite/adapter.ts), so their plans are kept.
 *
 * @example
 * ```ts
 * sqliteConstantDefault(boolean().default(true), true); // 1
 * ```
 */
export function sqliteConstantDefault(column: AnyColumn, value: unknown): number | undefined {
  const stored = (() => {
    switch (column.config.kind) {
      case 'integer':
      case 'double':
        return value;
      case 'bigint':
        return typeof value === 'bigint' ? Number(value) : undefined;
      case 'boolean':
        return typeof value === 'boolean' ? Number(value) : undefined;
      case 'timestamp':
        return value instanceof Date ? value.getTime() : undefined;
      default:
        return undefined;
    }
  })();
  if (typeof stored !== 'number' || !Number.isFinite(stored)) return undefined;
  if (Number.isInteger(stored) && !Number.isSafeInteger(stored)) return undefined;
  return stored;
}
