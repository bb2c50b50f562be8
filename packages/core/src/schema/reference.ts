import { COLUMN_BRAND, hasBrand } from '../brand.js';
import { SchemaError } from '../errors.js';
import type { AnyColumn } from './column.js';
import { type AnyTable, getTableInfo, isTable } from './table.js';

/** The callback's source, shortened: `() => member.idd` says more than any description of it. */
function callbackText(target: () => unknown): string {
  const text = String(target).replace(/\s+/g, ' ').trim();
  return text.length > 80 ? `${text.slice(0, 79)}…` : text;
}

/** What a value is, in a message: `undefined`, `table "member"`, `a string`, … */
function describe(value: unknown): string {
  if (value === undefined || value === null) return String(value);
  if (isTable(value)) return `table "${getTableInfo(value).name}" rather than one of its columns`;
  return `a ${typeof value === 'object' ? 'non-column object' : typeof value}`;
}

/** For `() => member.idd`: the columns `member` has, when the schema exports a table by that name. */
function columnsHint(target: () => unknown, tables: ReadonlyMap<string, AnyTable> | undefined): string {
  const accessed = /=>\s*\(?\s*([A-Za-z_$][\w$]*)\s*\.\s*[A-Za-z_$][\w$]*\s*\)?\s*;?\s*}?\s*$/.exec(String(target));
  const table = accessed?.[1] === undefined ? undefined : tables?.get(accessed[1]);
  if (!table) return '';
  return ` Table "${getTableInfo(table).name}" (export "${accessed?.[1]}") has the columns ${Object.keys(getTableInfo(table).columns).join(', ')}.`;
}

/**
 * Calls a column's `references(() => …)` callback and checks that it returned a column of a
 * table. A typo (`member.idd`) returns `undefined` and a misspelled table (`membr.id`) throws a
 * `ReferenceError`: both become a `SchemaError` naming the table and column holding the
 * reference and the callback, where they would otherwise surface as a `TypeError` deep inside
 * the compiler. Given the schema's tables by export name, the message lists the columns of the
 * table the callback reads.
 *
 * @example
 * ```ts
 * const target = referencedColumn(book.authorId, 'book', 'authorId'); // the author.id column
 * ```
 */
export function referencedColumn(
  column: AnyColumn,
  table: string,
  key: string | undefined,
  tables?: ReadonlyMap<string, AnyTable>,
): AnyColumn | undefined {
  const reference = column.config.references;
  if (!reference) return undefined;
  const where = { table, column: key };
  const shown = `references(${callbackText(reference.target)})`;
  let target: unknown;
  try {
    target = reference.target();
  } catch (error) {
    const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    throw new SchemaError(
      `${shown} threw ${reason}. Return a column of a table defined before it is used, like references(() => member.id), and check the table's name.`,
      where,
    );
  }
  if (!hasBrand(target, COLUMN_BRAND)) {
    throw new SchemaError(
      `${shown} returned ${describe(target)}, not a column. Check the column name after the table (a misspelled column is undefined), like references(() => member.id).${columnsHint(reference.target, tables)}`,
      where,
    );
  }
  const placed = target as AnyColumn;
  if (!placed.placement) {
    throw new SchemaError(
      `${shown} returned a column that belongs to no table. Reference it through its table's definition, like references(() => member.id).`,
      where,
    );
  }
  return placed;
}
