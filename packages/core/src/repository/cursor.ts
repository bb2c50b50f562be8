import type { Condition } from '../schema/condition.js';
import { type AnyTable, getTableInfo } from '../schema/table.js';
import type { AdapterRow, OrderTerm } from './contract.js';
import { QueryError } from './query-error.js';
import { checkedValue } from './where.js';

type Encoded = string | number | boolean | { d: number } | { b: string };

function encodeValue(value: unknown): Encoded {
  if (value instanceof Date) return { d: value.getTime() };
  if (typeof value === 'bigint') return { b: value.toString() };
  return value as Encoded;
}

function decodeValue(value: unknown): unknown {
  if (typeof value === 'object' && value !== null) {
    if ('d' in value && typeof value.d === 'number') return new Date(value.d);
    if ('b' in value && typeof value.b === 'string' && /^-?\d+$/.test(value.b)) return BigInt(value.b);
  }
  return value;
}

/**
 * An opaque cursor pointing just after `row` in the given order. Base64url of JSON: it runs in
 * Node and browsers alike (no Buffer).
 */
export function encodeCursor(row: AdapterRow, order: readonly OrderTerm[]): string {
  const values = order.map((term) => encodeValue(row[term.column.placement?.key ?? '']));
  const bytes = new TextEncoder().encode(JSON.stringify(values));
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function decodeCursor(table: AnyTable, cursor: string, order: readonly OrderTerm[]): unknown[] {
  const tableName = getTableInfo(table).name;
  let values: unknown;
  try {
    const binary = atob(cursor.replace(/-/g, '+').replace(/_/g, '/'));
    values = JSON.parse(
      new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(binary, (c) => c.charCodeAt(0))),
    );
  } catch {
    throw new QueryError('the cursor is malformed', { table: tableName });
  }
  if (!Array.isArray(values) || values.length !== order.length) {
    throw new QueryError('the cursor does not belong to this sort order', { table: tableName });
  }
  return values.map((value, i) => {
    const term = order[i] as OrderTerm;
    return checkedValue(table, term.column.placement?.key ?? '', term.column, decodeValue(value), 'cursor value');
  });
}

/**
 * The keyset condition "after this cursor" for a sort order over non-null columns:
 * `(a > x) or (a = x and b > y) or …`, with `<` for descending keys.
 */
export function afterCursor(table: AnyTable, cursor: string, order: readonly OrderTerm[]): Condition {
  const values = decodeCursor(table, cursor, order);
  const branches: Condition[] = order.map((term, i) => {
    const equal: Condition[] = order
      .slice(0, i)
      .map((previous, j) => ({ op: 'eq', column: previous.column, value: values[j] }));
    const beyond: Condition = { op: term.direction === 'asc' ? 'gt' : 'lt', column: term.column, value: values[i] };
    return { op: 'and', conditions: [...equal, beyond] };
  });
  return { op: 'or', conditions: branches };
}
