import type { AnyColumn, ColumnKind, ColumnType } from '../schema/column.js';
import type { Condition } from '../schema/condition.js';
import { CONDITION_OPERATORS } from '../schema/operators.js';
import { type AnyTable, getTableInfo, type TableColumns } from '../schema/table.js';
import { LOWER_CASE_UUID, textProblem, valueProblem } from '../schema/validate-default.js';
import { QueryError } from './query-error.js';

type TextFilter = {
  /** The value contains this text (`%` and `_` match themselves). */
  contains?: string;
  /** The value starts with this text. */
  startsWith?: string;
  /** The value ends with this text. */
  endsWith?: string;
  /** Match `contains`/`startsWith`/`endsWith` ignoring the case of ASCII letters (the same on every engine). */
  ignoreCase?: boolean;
};

type OrderedFilter<V> = { gt?: V; gte?: V; lt?: V; lte?: V };

/** The operators available on a column of kind `K` holding values of type `V`. */
export type FieldFilter<V, K extends ColumnKind = ColumnKind> = {
  eq?: V | null;
  ne?: V | null;
  in?: readonly V[];
  notIn?: readonly V[];
  /** `true`: the field is null; `false`: it is not. */
  isNull?: boolean;
} & (K extends 'text' | 'varchar' | 'enum' ? TextFilter : unknown) &
  (K extends 'json' | 'boolean' ? unknown : OrderedFilter<V>);

/** JSON fields are filtered by nullness only; every other field by value or operators. */
type FieldCondition<C extends ColumnType> = C['kind'] extends 'json'
  ? { isNull?: boolean } | null
  : NonNullable<C['data']> | null | FieldFilter<NonNullable<C['data']>, C['kind']>;

/**
 * A typed filter on the rows of table `T`: `{ field: value }` for equality, `{ field: { gt: 1 } }`
 * for operators, `and` / `or` / `not` to combine. A field, operator or value of the wrong type does
 * not compile (`contains` applies to text fields only, `gt` not to booleans or JSON).
 *
 * @example
 * ```ts
 * const where: Where<typeof post> = { status: 'published', title: { contains: '50%', ignoreCase: true }, or: [{ views: { gte: 100 } }] };
 * ```
 */
export type Where<T extends AnyTable> = {
  [K in keyof TableColumns<T>]?: FieldCondition<TableColumns<T>[K]['_']>;
} & {
  and?: readonly Where<T>[];
  or?: readonly Where<T>[];
  not?: Where<T>;
};

const INFO = Object.values(CONDITION_OPERATORS);
/** Keys beside the fields that combine conditions: `and`, `or`, `not`. */
const COMBINATORS: ReadonlySet<string> = new Set(
  Object.entries(CONDITION_OPERATORS)
    .filter(([, info]) => info.family === 'group' || info.family === 'negation')
    .map(([op]) => op),
);
/** The keys of a field's condition object: the operators' own names, and the `ignoreCase` modifier. */
const OPERATORS: ReadonlySet<string> = new Set([
  ...INFO.flatMap((info) => (info.whereKey === undefined ? [] : [info.whereKey])),
  'ignoreCase',
]);
/** Kinds that hold free text: the text operators apply to them only (not to uuids or dates). */
const TEXT_KINDS = new Set(['text', 'varchar', 'enum']);
const ORDERED_KINDS = new Set([
  'text',
  'varchar',
  'enum',
  'id',
  'uuid',
  'date',
  'integer',
  'bigint',
  'double',
  'timestamp',
]);

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/**
 * The column behind a field name from possibly untrusted input: own keys only, so `__proto__`,
 * `constructor` and other inherited names are unknown fields rather than prototype lookups.
 *
 * @example
 * ```ts
 * columnOf(post, 'title'); // post.title; columnOf(post, '__proto__') throws QueryError
 * ```
 */
export function columnOf(table: AnyTable, field: string): AnyColumn {
  const info = getTableInfo(table);
  if (!Object.hasOwn(info.columns, field)) throw new QueryError('unknown field', { table: info.name, field });
  return info.columns[field] as AnyColumn;
}

/**
 * The value as every engine stores it, or a QueryError when the column cannot hold it. UUIDs are
 * lower-cased: PostgreSQL does so itself, SQLite would keep the case and then compare it.
 *
 * @example
 * ```ts
 * checkedValue(post, 'id', post.id, 'ABC…', 'id'); // the id lower-cased, or a QueryError
 * ```
 */
export function checkedValue(
  table: AnyTable,
  field: string,
  column: AnyColumn,
  value: unknown,
  what = 'value',
): unknown {
  const kind = column.config.kind;
  // The usual id, already as stored: one test, and no lower-cased copy.
  if ((kind === 'id' || kind === 'uuid') && typeof value === 'string' && LOWER_CASE_UUID.test(value)) return value;
  const problem = valueProblem(column.config, value);
  if (problem) throw new QueryError(`${what} ${problem}`, { table: getTableInfo(table).name, field });
  return (kind === 'id' || kind === 'uuid') && typeof value === 'string' ? value.toLowerCase() : value;
}

function fieldConditions(table: AnyTable, field: string, input: unknown): Condition[] {
  const column = columnOf(table, field);
  const tableName = getTableInfo(table).name;
  if (input === null) return [{ op: 'isNull', column }];
  if (!isPlainObject(input) || column.config.kind === 'json' || input instanceof Date) {
    if (column.config.kind === 'json') {
      if (
        isPlainObject(input) &&
        Object.keys(input).every((k) => k === 'isNull') &&
        typeof input.isNull === 'boolean'
      ) {
        return [{ op: input.isNull ? 'isNull' : 'isNotNull', column }];
      }
      throw new QueryError('a JSON field can only be filtered with null or { isNull }', { table: tableName, field });
    }
    return [{ op: 'eq', column, value: checkedValue(table, field, column, input) }];
  }
  const conditions: Condition[] = [];
  const ignoreCase = input.ignoreCase;
  if (ignoreCase !== undefined && typeof ignoreCase !== 'boolean') {
    throw new QueryError('ignoreCase must be a boolean', { table: tableName, field });
  }
  for (const [op, value] of Object.entries(input)) {
    if (!OPERATORS.has(op)) throw new QueryError(`unknown operator "${op}"`, { table: tableName, field });
    if (value === undefined || op === 'ignoreCase') continue;
    switch (op) {
      case 'eq':
      case 'ne':
        if (value === null) {
          conditions.push({ op: op === 'eq' ? 'isNull' : 'isNotNull', column });
        } else {
          conditions.push({ op, column, value: checkedValue(table, field, column, value, op) });
        }
        break;
      case 'gt':
      case 'gte':
      case 'lt':
      case 'lte':
        if (!ORDERED_KINDS.has(column.config.kind)) {
          throw new QueryError(`"${op}" does not apply to a ${column.config.kind} field`, { table: tableName, field });
        }
        conditions.push({ op, column, value: checkedValue(table, field, column, value, op) });
        break;
      case 'in':
      case 'notIn': {
        if (!Array.isArray(value)) throw new QueryError(`"${op}" needs an array`, { table: tableName, field });
        conditions.push({
          op,
          column,
          values: value.map((item) => checkedValue(table, field, column, item, `${op} item`)),
        });
        break;
      }
      case 'isNull':
        if (typeof value !== 'boolean') throw new QueryError('isNull must be a boolean', { table: tableName, field });
        conditions.push({ op: value ? 'isNull' : 'isNotNull', column });
        break;
      case 'contains':
      case 'startsWith':
      case 'endsWith':
        if (!TEXT_KINDS.has(column.config.kind)) {
          throw new QueryError(`"${op}" does not apply to a ${column.config.kind} field`, { table: tableName, field });
        }
        if (typeof value !== 'string') throw new QueryError(`"${op}" needs a string`, { table: tableName, field });
        {
          const problem = textProblem(value);
          if (problem) throw new QueryError(`${op} ${problem}`, { table: tableName, field });
        }
        conditions.push({ op, column, value, ignoreCase: ignoreCase === true });
        break;
    }
  }
  return conditions;
}

/** Limits recursion on untrusted input: a filter nested deeper than this is refused. */
const MAX_DEPTH = 32;

/**
 * Turns a `Where` (typed, or untyped input such as a parsed HTTP body) into a neutral
 * condition, validating every field, operator and value. Returns `undefined` for "no filter".
 *
 * @example
 * ```ts
 * normalizeWhere(post, { status: 'draft', views: { gt: 10 } }); // { op: 'and', conditions: [...] }
 * ```
 */
export function normalizeWhere(table: AnyTable, where: unknown, depth = 0): Condition | undefined {
  const tableName = getTableInfo(table).name;
  if (where === undefined) return undefined;
  if (depth > MAX_DEPTH) throw new QueryError(`filter is nested deeper than ${MAX_DEPTH} levels`, { table: tableName });
  if (!isPlainObject(where)) throw new QueryError('a filter must be an object', { table: tableName });
  const conditions: Condition[] = [];
  for (const [key, value] of Object.entries(where)) {
    if (value === undefined) continue;
    if (COMBINATORS.has(key) && !Object.hasOwn(getTableInfo(table).columns, key)) {
      if (key === 'not') {
        const inner = normalizeWhere(table, value, depth + 1);
        if (inner) conditions.push({ op: 'not', condition: inner });
        continue;
      }
      if (!Array.isArray(value)) throw new QueryError(`"${key}" needs an array of filters`, { table: tableName });
      const parts = value.map(
        (part) => normalizeWhere(table, part, depth + 1) ?? { op: 'and' as const, conditions: [] },
      );
      conditions.push({ op: key as 'and' | 'or', conditions: parts });
      continue;
    }
    conditions.push(...fieldConditions(table, key, value));
  }
  if (conditions.length === 0) return undefined;
  return conditions.length === 1 ? conditions[0] : { op: 'and', conditions };
}
