import { type AnyTable, type ColumnKind, getTableInfo } from '@strata/core';

/** A JSON value, as the browser sends and receives it. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/**
 * A row value as JSON: timestamps as ISO-8601 UTC strings (the browser shows them in its own zone),
 * 64-bit integers as decimal strings (JSON numbers would lose digits past 2^53), JSON as itself.
 *
 * @example
 * ```ts
 * encodeValue(new Date(0)); // '1970-01-01T00:00:00.000Z'
 * ```
 */
export function encodeValue(value: unknown): JsonValue {
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'bigint') return value.toString();
  if (value === undefined) return null;
  return value as JsonValue;
}

/**
 * A row with every value encoded for JSON.
 *
 * @example
 * ```ts
 * encodeRow({ id: 'a', createdAt: new Date(0) }); // { id: 'a', createdAt: '1970-01-01T00:00:00.000Z' }
 * ```
 */
export function encodeRow(row: Record<string, unknown>): Record<string, JsonValue> {
  const out: Record<string, JsonValue> = {};
  for (const [key, value] of Object.entries(row)) out[key] = encodeValue(value);
  return out;
}

/**
 * A value from the browser as the repository takes it for a column of `kind`: ISO strings become
 * `Date`s for timestamps, decimal strings `bigint`s. Anything that does not convert is passed on
 * unchanged, so the repository's own validation names the field and the problem.
 *
 * @example
 * ```ts
 * decodeValue('timestamp', '2024-05-01T10:00:00.000Z'); // Date
 * ```
 */
export function decodeValue(kind: ColumnKind, value: unknown): unknown {
  if (value === null || value === undefined) return value;
  if (kind === 'timestamp' && typeof value === 'string') {
    const date = new Date(value);
    return Number.isNaN(date.getTime()) ? value : date;
  }
  if (kind === 'bigint' && (typeof value === 'string' || typeof value === 'number')) {
    return /^-?\d+$/.test(String(value)) ? BigInt(value) : value;
  }
  return value;
}

/**
 * Input values of a create or update, decoded per column; unknown fields are kept for the
 * repository to refuse by name.
 *
 * @example
 * ```ts
 * decodeInput(post, { publishedAt: '2024-05-01T10:00:00Z' }); // { publishedAt: Date }
 * ```
 */
export function decodeInput(table: AnyTable, input: Record<string, unknown>): Record<string, unknown> {
  const { columns } = getTableInfo(table);
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(input)) {
    const column = Object.hasOwn(columns, key) ? columns[key] : undefined;
    setOwn(out, key, column ? decodeValue(column.config.kind, value) : value);
  }
  return out;
}

const COMBINATORS = new Set(['and', 'or', 'not']);

/** Sets an own property, even one named `__proto__` (so that the repository refuses it by name). */
function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function decodeOperand(kind: ColumnKind, operand: unknown): unknown {
  if (!isPlainObject(operand)) return decodeValue(kind, operand);
  const out: Record<string, unknown> = {};
  for (const [operator, value] of Object.entries(operand)) {
    const decoded = Array.isArray(value)
      ? value.map((item) => decodeValue(kind, item))
      : operator === 'isNull' || operator === 'ignoreCase'
        ? value
        : decodeValue(kind, value);
    setOwn(out, operator, decoded);
  }
  return out;
}

/**
 * A `where` object of the repository's where language, parsed from JSON: values of timestamp and
 * bigint fields become `Date` and `bigint`. Its meaning is not checked here — the repository
 * validates it exactly as it does for API callers, so the Studio filters the same way.
 *
 * @example
 * ```ts
 * decodeWhere(post, { createdAt: { gte: '2024-01-01T00:00:00Z' } }); // { createdAt: { gte: Date } }
 * ```
 */
export function decodeWhere(table: AnyTable, where: unknown): unknown {
  if (!isPlainObject(where)) return where;
  const { columns } = getTableInfo(table);
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(where)) {
    if (COMBINATORS.has(key)) {
      setOwn(
        out,
        key,
        Array.isArray(value) ? value.map((part) => decodeWhere(table, part)) : decodeWhere(table, value),
      );
      continue;
    }
    const column = Object.hasOwn(columns, key) ? columns[key] : undefined;
    setOwn(out, key, column ? decodeOperand(column.config.kind, value) : value);
  }
  return out;
}
