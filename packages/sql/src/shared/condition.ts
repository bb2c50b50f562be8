import {
  type AnyColumn,
  type Condition,
  isSessionValue,
  type SessionValue,
  StrataError,
  type TextOperator,
} from '@strata/core';
import { type DriverValueEncoder, type SQL, type SQLWrapper, sql } from 'drizzle-orm';

/** How a condition names its columns and encodes its values: differs between queries and DDL. */
export interface ConditionTarget {
  /** The SQL for a column reference. */
  column(column: AnyColumn): SQLWrapper;
  /** The encoder turning a JS value into the driver value of that column. */
  encoder(column: AnyColumn): DriverValueEncoder<unknown, unknown>;
  /** The dialect's text functions; only queries use them (checks never match text). */
  readonly text?: TextDialect;
  /** Binds a value; by default a Drizzle parameter. Cached query plans bind placeholders instead. */
  readonly bind?: (value: unknown, encoder: DriverValueEncoder<unknown, unknown> | undefined) => SQLWrapper;
  /**
   * The SQL reading a session value (`currentUserId()`) as the compared column's type: only
   * row-level security policies have it; anywhere else a session value is refused.
   */
  readonly session?: (value: SessionValue, column: AnyColumn) => SQLWrapper;
}

/** Text matching and ordering that behave the same on every engine. */
export interface TextDialect {
  /** `contains` / `startsWith` / `endsWith` without LIKE, so `%` and `_` match themselves. */
  match(op: TextOperator, value: SQLWrapper, search: SQLWrapper): SQL;
  /** Lower-cases ASCII letters only, as SQLite's `lower()` does. */
  foldCase(value: SQLWrapper): SQL;
  /** A column as compared and sorted: byte order for text on every engine. */
  ordered(column: AnyColumn, ref: SQLWrapper): SQLWrapper;
}

/** Up to this many parts are joined flat (the SQL every short filter and CHECK has always had). */
const FLAT_PARTS = 64;

/**
 * Joins the parts of a long `and` / `or` as a balanced tree of parenthesized halves: SQLite parses
 * `a or b or …` as a left-deep tree and refuses one deeper than 1000 (SQLITE_MAX_EXPR_DEPTH), so a
 * flat list of thousands of alternatives failed on SQLite alone.
 */
function joinBalanced(parts: readonly SQL[], separator: SQL): SQL {
  if (parts.length <= FLAT_PARTS) return sql.join([...parts], separator);
  const middle = Math.ceil(parts.length / 2);
  return sql`(${joinBalanced(parts.slice(0, middle), separator)})${separator}(${joinBalanced(parts.slice(middle), separator)})`;
}

const COMPARATORS = { eq: '=', ne: '<>', gt: '>', gte: '>=', lt: '<', lte: '<=' } as const;

/**
 * Compiles a neutral condition to Drizzle SQL. Values are always parameters encoded by the
 * column's own encoder; the caller decides whether they are bound (queries) or inlined by
 * Drizzle's escaping (CHECK constraints, where DDL cannot take parameters).
 *
 * @example
 * ```ts
 * const where = compileCondition(eq(post.status, 'draft'), { column: toColumn, encoder: toColumn });
 * ```
 */
export function compileCondition(condition: Condition, target: ConditionTarget): SQL {
  const bind =
    target.bind ?? ((value: unknown, encoder?: DriverValueEncoder<unknown, unknown>) => sql.param(value, encoder));
  switch (condition.op) {
    case 'eq':
    case 'ne':
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte': {
      const ref = target.column(condition.column);
      if (isSessionValue(condition.value)) {
        if (!target.session) {
          throw new StrataError(
            'SESSION_VALUE_MISPLACED',
            'currentUserId() and jwtClaim() can only be used in row-level security policies, not in queries, checks or indexes',
          );
        }
        return sql`${ref} ${sql.raw(COMPARATORS[condition.op])} ${target.session(condition.value, condition.column)}`;
      }
      const left =
        condition.op === 'eq' || condition.op === 'ne' ? ref : (target.text?.ordered(condition.column, ref) ?? ref);
      return sql`${left} ${sql.raw(COMPARATORS[condition.op])} ${bind(condition.value, target.encoder(condition.column))}`;
    }
    case 'contains':
    case 'startsWith':
    case 'endsWith': {
      const text = target.text;
      if (!text) throw new Error(`"${condition.op}" cannot be used here`);
      const ref = target.column(condition.column);
      const search = bind(condition.value, undefined);
      return condition.ignoreCase
        ? text.match(condition.op, text.foldCase(ref), text.foldCase(search))
        : text.match(condition.op, ref, search);
    }
    case 'in':
    case 'notIn': {
      if (condition.values.length === 0) return condition.op === 'in' ? sql`1 = 0` : sql`1 = 1`;
      const encoder = target.encoder(condition.column);
      const list = sql.join(
        condition.values.map((value) => bind(value, encoder)),
        sql`, `,
      );
      return condition.op === 'in'
        ? sql`${target.column(condition.column)} in (${list})`
        : sql`${target.column(condition.column)} not in (${list})`;
    }
    case 'isNull':
      return sql`${target.column(condition.column)} is null`;
    case 'isNotNull':
      return sql`${target.column(condition.column)} is not null`;
    case 'and':
    case 'or': {
      if (condition.conditions.length === 0) return condition.op === 'and' ? sql`1 = 1` : sql`1 = 0`;
      const parts = condition.conditions.map((part) => sql`(${compileCondition(part, target)})`);
      return joinBalanced(parts, condition.op === 'and' ? sql` and ` : sql` or `);
    }
    case 'not':
      return sql`not (${compileCondition(condition.condition, target)})`;
  }
}
