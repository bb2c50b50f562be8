import type { AnyColumn } from './column.js';
import type { SessionValue } from './session-values.js';

/** Operators that compare a column with one value. */
export type ComparisonOperator = 'eq' | 'ne' | 'gt' | 'gte' | 'lt' | 'lte';

/** Operators that match text inside a value; `%` and `_` in the text match themselves. */
export type TextOperator = 'contains' | 'startsWith' | 'endsWith';

/**
 * A neutral boolean condition over a table's columns. Engines compile it to their own query
 * language (SQL today); values are always bound or escaped by the compiler, never spliced in.
 */
export type Condition =
  | { readonly op: ComparisonOperator; readonly column: AnyColumn; readonly value: unknown }
  | { readonly op: 'in' | 'notIn'; readonly column: AnyColumn; readonly values: readonly unknown[] }
  | { readonly op: 'isNull' | 'isNotNull'; readonly column: AnyColumn }
  /** `ignoreCase` folds ASCII letters only, identically on every engine. */
  | { readonly op: TextOperator; readonly column: AnyColumn; readonly value: string; readonly ignoreCase: boolean }
  | { readonly op: 'and' | 'or'; readonly conditions: readonly Condition[] }
  | { readonly op: 'not'; readonly condition: Condition };

type Value<C extends AnyColumn> = NonNullable<C['_']['data']>;

/** A constant of the column's type, or (in a row-level security policy only) a session value. */
type Operand<C extends AnyColumn> = Value<C> | SessionValue;

function compare(op: ComparisonOperator) {
  return <C extends AnyColumn>(column: C, value: Operand<C>): Condition => ({ op, column, value });
}

/**
 * `column = value`.
 *
 * @example
 * ```ts
 * check('not_blank', ne(t.title, ''))
 * ```
 */
export const eq: <C extends AnyColumn>(column: C, value: Operand<C>) => Condition = compare('eq');
/** `column <> value`. @example `ne(t.title, '')` */
export const ne: <C extends AnyColumn>(column: C, value: Operand<C>) => Condition = compare('ne');
/** `column > value`. @example `gt(t.price, 0)` */
export const gt: <C extends AnyColumn>(column: C, value: Operand<C>) => Condition = compare('gt');
/** `column >= value`. @example `gte(t.stock, 0)` */
export const gte: <C extends AnyColumn>(column: C, value: Operand<C>) => Condition = compare('gte');
/** `column < value`. @example `lt(t.discount, 100)` */
export const lt: <C extends AnyColumn>(column: C, value: Operand<C>) => Condition = compare('lt');
/** `column <= value`. @example `lte(t.rating, 5)` */
export const lte: <C extends AnyColumn>(column: C, value: Operand<C>) => Condition = compare('lte');

/**
 * `column IN (values…)`.
 *
 * @example
 * ```ts
 * check('known_size', inList(t.size, ['s', 'm', 'l']))
 * ```
 */
export function inList<C extends AnyColumn>(column: C, values: readonly Value<C>[]): Condition {
  return { op: 'in', column, values };
}

/**
 * `column NOT IN (values…)`.
 *
 * @example
 * ```ts
 * check('not_reserved', notInList(t.slug, ['admin', 'api']))
 * ```
 */
export function notInList<C extends AnyColumn>(column: C, values: readonly Value<C>[]): Condition {
  return { op: 'notIn', column, values };
}

/**
 * `column IS NULL`.
 *
 * @example
 * ```ts
 * or(isNull(t.publishedAt), eq(t.status, 'published'))
 * ```
 */
export function isNull(column: AnyColumn): Condition {
  return { op: 'isNull', column };
}

/**
 * `column IS NOT NULL`.
 *
 * @example
 * ```ts
 * check('published_has_date', or(ne(t.status, 'published'), isNotNull(t.publishedAt)))
 * ```
 */
export function isNotNull(column: AnyColumn): Condition {
  return { op: 'isNotNull', column };
}

/**
 * All of the conditions hold.
 *
 * @example
 * ```ts
 * and(gte(t.rating, 0), lte(t.rating, 5))
 * ```
 */
export function and(...conditions: Condition[]): Condition {
  return { op: 'and', conditions };
}

/**
 * At least one of the conditions holds.
 *
 * @example
 * ```ts
 * or(eq(t.kind, 'image'), eq(t.kind, 'video'))
 * ```
 */
export function or(...conditions: Condition[]): Condition {
  return { op: 'or', conditions };
}

/**
 * The condition does not hold.
 *
 * @example
 * ```ts
 * not(eq(t.slug, ''))
 * ```
 */
export function not(condition: Condition): Condition {
  return { op: 'not', condition };
}
