import type { Snapshot } from './snapshot.js';

/** A quoted integer, as older Strata versions rendered bigint constants: `'1'`, `'-5'`. */
const QUOTED_INTEGER = /^'(-?\d+)'$/;

/** The snapshot column types of `bigint()`: `bigint` on PostgreSQL, `integer` on SQLite. */
const INTEGER_TYPES = new Set(['bigint', 'integer']);

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * A CHECK's SQL with the quoted integers compared with one of `columns` unquoted:
 * `"n" >= '0'` → `"n" >= 0`, `"n" in ('1', '2')` → `"n" in (1, 2)`.
 */
function unquoteComparisons(value: string, columns: readonly string[]): string {
  let result = value;
  for (const column of columns) {
    const name = escapeRegExp(`"${column.replaceAll('"', '""')}"`);
    result = result
      .replace(new RegExp(`(${name} (?:=|<>|>|>=|<|<=) )'(-?\\d+)'`, 'g'), '$1$2')
      .replace(new RegExp(`(${name} (?:not )?in \\()([^)]*)\\)`, 'g'), (_match, head: string, list: string) => {
        return `${head}${list.replace(/'(-?\d+)'/g, '$1')})`;
      });
  }
  return result;
}

/**
 * A snapshot with bigint constants as today's DDL writes them. Strata used to render them as
 * quoted text (`DEFAULT '1'`, `CHECK ("n" >= '0')`) and now writes numeric literals; without
 * this, a snapshot recorded before the change would make the next `strata generate` (and
 * `strata check`) see changed defaults and checks, and drizzle-kit rebuilds a SQLite table for
 * those. Both engines treat either form as the same integer, so nothing needs migrating. No
 * other integer column ever had quoted constants: integer, boolean and timestamp ones were
 * always numbers, and text columns are left alone.
 *
 * @example
 * ```ts
 * const previous = withNumericBigintDefaults(lastSnapshot); // "'1'" → "1" on bigint columns
 * ```
 */
export function withNumericBigintDefaults(snapshot: Snapshot): Snapshot {
  const copy = structuredClone(snapshot);
  let changed = false;
  for (const table of Object.values(copy.tables)) {
    const integerColumns: string[] = [];
    for (const column of Object.values(table.columns) as { name: string; type?: unknown; default?: unknown }[]) {
      if (typeof column.type !== 'string' || !INTEGER_TYPES.has(column.type)) continue;
      integerColumns.push(column.name);
      const match = typeof column.default === 'string' ? QUOTED_INTEGER.exec(column.default) : null;
      if (match) {
        column.default = match[1];
        changed = true;
      }
    }
    for (const check of Object.values(table.checkConstraints ?? {})) {
      const value = unquoteComparisons(check.value, integerColumns);
      if (value !== check.value) {
        check.value = value;
        changed = true;
      }
    }
  }
  return changed ? copy : snapshot;
}
