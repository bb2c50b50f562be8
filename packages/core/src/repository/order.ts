import type { Row } from '../schema/row.js';
import { type AnyTable, getTableInfo } from '../schema/table.js';
import type { OrderTerm } from './contract.js';
import { QueryError } from './query-error.js';
import { columnOf } from './where.js';

/**
 * Sort order for table `T`: `{ createdAt: 'desc' }`, or several keys in priority order as an
 * array `[{ status: 'asc' }, { createdAt: 'desc' }]`.
 *
 * @example
 * ```ts
 * const order: OrderBy<typeof post> = [{ publishedAt: 'desc' }, { title: 'asc' }];
 * ```
 */
export type OrderBy<T extends AnyTable> =
  | { [K in keyof Row<T>]?: 'asc' | 'desc' }
  | readonly { [K in keyof Row<T>]?: 'asc' | 'desc' }[];

/**
 * Validates a sort order (possibly from untyped input) and appends the primary key as the last
 * key when it is missing, so rows that tie sort the same way on every engine.
 *
 * @example
 * ```ts
 * normalizeOrder(post, { title: 'asc' }, ['id']); // [{ column: post.title, direction: 'asc' }, { column: post.id, direction: 'asc' }]
 * ```
 */
export function normalizeOrder(table: AnyTable, orderBy: unknown, primaryKey: readonly string[]): OrderTerm[] {
  const tableName = getTableInfo(table).name;
  const terms: OrderTerm[] = [];
  const parts = orderBy === undefined ? [] : Array.isArray(orderBy) ? orderBy : [orderBy];
  for (const part of parts) {
    if (typeof part !== 'object' || part === null || Array.isArray(part)) {
      throw new QueryError('orderBy takes objects such as { createdAt: "desc" }', { table: tableName });
    }
    for (const [field, direction] of Object.entries(part)) {
      if (direction === undefined) continue;
      const column = columnOf(table, field);
      if (direction !== 'asc' && direction !== 'desc') {
        throw new QueryError(`sort direction must be "asc" or "desc"`, { table: tableName, field });
      }
      if (column.config.kind === 'json')
        throw new QueryError('cannot sort by a JSON field', { table: tableName, field });
      if (terms.some((term) => term.column === column)) continue;
      terms.push({ column, direction });
    }
  }
  for (const key of primaryKey) {
    const column = columnOf(table, key);
    if (!terms.some((term) => term.column === column)) terms.push({ column, direction: 'asc' });
  }
  return terms;
}
