import { SchemaError } from '../errors.js';
import type { ColumnConfig } from './column.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const INT32 = { min: -2147483648, max: 2147483647 };

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'an invalid Date' : 'a Date';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  return `a ${typeof value}`;
}

/** Why `value` cannot be stored in a column of this config, or `undefined` when it can. */
export function valueProblem(config: ColumnConfig, value: unknown): string | undefined {
  switch (config.kind) {
    case 'id':
    case 'uuid':
      return typeof value === 'string' && UUID.test(value)
        ? undefined
        : `expects a UUID string, got ${describe(value)}`;
    case 'text':
      return typeof value === 'string' ? undefined : `expects a string, got ${describe(value)}`;
    case 'varchar':
      if (typeof value !== 'string') return `expects a string, got ${describe(value)}`;
      return [...value].length <= (config.length ?? 0) ? undefined : `expects at most ${config.length} characters`;
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
      return value instanceof Date && !Number.isNaN(value.getTime())
        ? undefined
        : `expects a valid Date, got ${describe(value)}`;
    case 'date':
      return typeof value === 'string' && ISO_DATE.test(value) && !Number.isNaN(Date.parse(value))
        ? undefined
        : `expects a 'YYYY-MM-DD' string, got ${describe(value)}`;
    case 'json':
      try {
        return JSON.stringify(value) === undefined ? `expects a JSON value, got ${describe(value)}` : undefined;
      } catch (error) {
        return `expects a JSON value: ${(error as Error).message}`;
      }
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
