import { SchemaError } from '../errors.js';
import type { ColumnConfig } from './column.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** A UUID as every engine stores it (lower case): such a value needs no further check or copy. */
export const LOWER_CASE_UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const INT32 = { min: -2147483648, max: 2147483647 };
/** 0001-01-01T00:00:00.000Z (`Date.UTC` would read year 1 as 1901). */
const FIRST_INSTANT = -62_135_596_800_000;
const LAST_INSTANT = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'an invalid Date' : 'a Date';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  return `a ${typeof value}`;
}

/**
 * Why a string cannot be stored as text on every engine: PostgreSQL refuses NUL characters and
 * cannot encode lone UTF-16 surrogates, which SQLite would store as they are.
 *
 * @example
 * ```ts
 * textProblem('a\u0000b'); // 'contains a NUL character, which PostgreSQL cannot store'
 * ```
 */
export function textProblem(value: string): string | undefined {
  if (value.includes('\u0000')) return 'contains a NUL character, which PostgreSQL cannot store';
  if (!(value as string & { isWellFormed(): boolean }).isWellFormed()) {
    return 'contains a lone UTF-16 surrogate (not valid Unicode)';
  }
  return undefined;
}

/**
 * A real calendar day: `Date.parse` would roll '2024-02-30' over to March. Year 0 is refused
 * too: JavaScript accepts it, PostgreSQL has no year 0 ("date/time field value out of range").
 */
function isCalendarDate(value: string): boolean {
  if (!ISO_DATE.test(value) || value.startsWith('0000')) return false;
  const parsed = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === value;
}

/**
 * Why `value` is not plain JSON, or `undefined`. `JSON.stringify` would quietly turn NaN into
 * null, a Date into a string and drop functions; such values would not read back as written.
 * An object property whose value is `undefined` is the one exception: `JSON.stringify` drops it,
 * TypeScript allows it for every optional property (`{ note?: string }`), and the stored object
 * reads back as the same object without that key. `undefined` as the whole value or inside an
 * array stays refused (`JSON.stringify` would write `null` into the array).
 */
function jsonProblem(value: unknown, path: string, seen: Set<unknown>): string | undefined {
  if (value === null || typeof value === 'boolean') return undefined;
  // PostgreSQL's jsonb refuses \u0000 in strings and keys, as its text type does.
  if (typeof value === 'string')
    return textProblem(value) && `expects JSON whose text ${textProblem(value)}, at ${path}`;
  if (typeof value === 'number') return Number.isFinite(value) ? undefined : `expects JSON, got ${value} at ${path}`;
  if (typeof value !== 'object') return `expects JSON, got ${describe(value)} at ${path}`;
  if (seen.has(value)) return `expects JSON, got a circular reference at ${path}`;
  const prototype = Object.getPrototypeOf(value);
  if (!Array.isArray(value) && prototype !== Object.prototype && prototype !== null) {
    return `expects JSON, got ${describe(value)} (${prototype?.constructor?.name ?? 'object'}) at ${path}`;
  }
  seen.add(value);
  if (Array.isArray(value)) {
    // By index, not Object.entries: a hole (`[1, , 3]`) is undefined too and would become null.
    for (let index = 0; index < value.length; index++) {
      const problem = jsonProblem(value[index], `${path}[${index}]`, seen);
      if (problem) return problem;
    }
  } else {
    for (const [key, item] of Object.entries(value)) {
      if (item === undefined) continue;
      if (textProblem(key)) return `expects JSON whose keys are valid text, at ${path}`;
      const problem = jsonProblem(item, `${path}.${key}`, seen);
      if (problem) return problem;
    }
  }
  seen.delete(value);
  return undefined;
}

/**
 * Why `value` cannot be stored in a column of this config, or `undefined` when it can.
 *
 * @example
 * ```ts
 * valueProblem(integer().config, 1.5); // 'expects a 32-bit integer, got a number (1.5)'
 * ```
 */
export function valueProblem(config: ColumnConfig, value: unknown): string | undefined {
  switch (config.kind) {
    case 'id':
    case 'uuid':
      return typeof value === 'string' && UUID.test(value)
        ? undefined
        : `expects a UUID string, got ${describe(value)}`;
    case 'text':
      return typeof value === 'string' ? textProblem(value) : `expects a string, got ${describe(value)}`;
    case 'varchar':
      if (typeof value !== 'string') return `expects a string, got ${describe(value)}`;
      if ([...value].length > (config.length ?? 0)) return `expects at most ${config.length} characters`;
      return textProblem(value);
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value) && value >= INT32.min && value <= INT32.max
        ? undefined
        : `expects a 32-bit integer, got ${describe(value)}${typeof value === 'number' ? ` (${value})` : ''}`;
    case 'bigint':
      return typeof value === 'bigint' && value >= -(2n ** 63n) && value < 2n ** 63n
        ? undefined
        : `expects a 64-bit bigint, got ${describe(value)}`;
    case 'double':
      return typeof value === 'number' && Number.isFinite(value)
        ? undefined
        : `expects a finite number, got ${describe(value)}`;
    case 'boolean':
      return typeof value === 'boolean' ? undefined : `expects a boolean, got ${describe(value)}`;
    case 'timestamp':
      if (!(value instanceof Date) || Number.isNaN(value.getTime()))
        return `expects a valid Date, got ${describe(value)}`;
      // The years every engine stores and reads back alike (PostgreSQL's text form needs 4 digits).
      return value.getTime() >= FIRST_INSTANT && value.getTime() <= LAST_INSTANT
        ? undefined
        : 'expects a Date between the years 1 and 9999';
    case 'date':
      return typeof value === 'string' && isCalendarDate(value)
        ? undefined
        : `expects a 'YYYY-MM-DD' string, got ${describe(value)}`;
    case 'json':
      return jsonProblem(value, '$', new Set());
    case 'enum':
      return typeof value === 'string' && config.enumValues?.includes(value)
        ? undefined
        : `expects one of ${config.enumValues?.map((v) => `'${v}'`).join(', ')}, got ${typeof value === 'string' ? `'${value}'` : describe(value)}`;
  }
}

/** Throws a `SchemaError` naming table and column when a column's constant default is not of its type. */
export function assertValidDefault(config: ColumnConfig, where: { table: string; column: string }): void {
  if (config.default?.type !== 'value') return;
  const problem = valueProblem(config, config.default.value);
  if (problem) throw new SchemaError(`default ${problem}`, where);
}
