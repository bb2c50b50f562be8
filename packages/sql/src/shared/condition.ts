import {
  type AnyColumn,
  type Condition,
  type ConditionVisitor,
  isSessionValue,
  type SessionValue,
  StrataError,
  type TextOperator,
  visitCondition,
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
  return visitCondition(condition, COMPILED, target);
}

const defaultBind = (value: unknown, encoder?: DriverValueEncoder<unknown, unknown>): SQLWrapper =>
  sql.param(value, encoder);

const COMPILED: ConditionVisitor<SQL, ConditionTarget> = {
  comparison: (node, target) => {
    const ref = target.column(node.column);
    if (isSessionValue(node.value)) {
      if (!target.session) {
        throw new StrataError(
          'SESSION_VALUE_MISPLACED',
          'currentUserId() and jwtClaim() can only be used in row-level security policies, not in queries, checks or indexes',
        );
      }
      return sql`${ref} ${sql.raw(COMPARATORS[node.op])} ${target.session(node.value, node.column)}`;
    }
    const left = node.op === 'eq' || node.op === 'ne' ? ref : (target.text?.ordered(node.column, ref) ?? ref);
    const bind = target.bind ?? defaultBind;
    return sql`${left} ${sql.raw(COMPARATORS[node.op])} ${bind(node.value, target.encoder(node.column))}`;
  },
  textMatch: (node, target) => {
    const text = target.text;
    if (!text) throw new Error(`"${node.op}" cannot be used here`);
    const ref = target.column(node.column);
    const search = (target.bind ?? defaultBind)(node.value, undefined);
    return node.ignoreCase
      ? text.match(node.op, text.foldCase(ref), text.foldCase(search))
      : text.match(node.op, ref, search);
  },
  list: (node, target) => {
    if (node.values.length === 0) return node.op === 'in' ? sql`1 = 0` : sql`1 = 1`;
    const encoder = target.encoder(node.column);
    const bind = target.bind ?? defaultBind;
    const list = sql.join(
      node.values.map((value) => bind(value, encoder)),
      sql`, `,
    );
    return node.op === 'in'
      ? sql`${target.column(node.column)} in (${list})`
      : sql`${target.column(node.column)} not in (${list})`;
  },
  nullCheck: (node, target) =>
    node.op === 'isNull' ? sql`${target.column(node.column)} is null` : sql`${target.column(node.column)} is not null`,
  group: (node, target) => {
    if (node.conditions.length === 0) return node.op === 'and' ? sql`1 = 1` : sql`1 = 0`;
    const parts = node.conditions.map((part) => sql`(${compileCondition(part, target)})`);
    return joinBalanced(parts, node.op === 'and' ? sql` and ` : sql` or `);
  },
  negation: (node, target) => sql`not (${compileCondition(node.condition, target)})`,
};
