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

/** A number as drizzle-kit writes one into DDL, and as Strata wrote numeric defaults as SQL text. */
const NUMBER_TEXT = /^-?\d+(?:\.\d+)?(?:e[+-]?\d+)?$/i;

/** Column definitions of a snapshot's tables, as the legacy readers edit them. */
export type SnapshotColumn = { name: string; type?: unknown; default?: unknown };

/**
 * Calls `edit` on every column of every table of a copy of `snapshot`; returns the snapshot itself
 * when `edit` changed nothing (it returns true when it did).
 *
 * @example
 * ```ts
 * const upgraded = editColumns(snapshot, (column) => false); // snapshot, unchanged
 * ```
 */
export function editColumns(snapshot: Snapshot, edit: (column: SnapshotColumn) => boolean): Snapshot {
  const copy = structuredClone(snapshot);
  let changed = false;
  for (const table of Object.values(copy.tables)) {
    for (const column of Object.values(table.columns) as SnapshotColumn[]) changed = edit(column) || changed;
  }
  return changed ? copy : snapshot;
}

/**
 * Numeric defaults of columns of `types` as numbers. Strata used to hand Drizzle every constant
 * default as SQL, so snapshots recorded `"0"`; today numbers are JS numbers, because drizzle-kit
 * reads `DEFAULT 0` back from a database as the number 0 and `push` compares the two. The DDL is
 * the same text either way, so an older snapshot read this way asks for no migration.
 *
 * @example
 * ```ts
 * withNumberDefaults(previous, new Set(['integer', 'real'])); // "default": "0" → 0
 * ```
 */
export function withNumberDefaults(snapshot: Snapshot, types: ReadonlySet<string>): Snapshot {
  return editColumns(snapshot, (column) => {
    if (typeof column.type !== 'string' || !types.has(column.type) || typeof column.default !== 'string') return false;
    const value = Number(column.default);
    if (!NUMBER_TEXT.test(column.default) || String(value) !== column.default) return false;
    column.default = value;
    return true;
  });
}
