import type { AnyColumn } from './column.js';
import type { Condition } from './condition.js';
import { type ConditionVisitor, visitCondition } from './operators.js';

/** Constraints a single column implies: its unique constraint, an enumeration or length check. */
export type ColumnConstraintKind = 'unique' | 'enum' | 'length';

const COLUMN_SUFFIX: Record<ColumnConstraintKind, string> = { unique: 'key', enum: 'enum', length: 'length' };

/**
 * The name of a constraint one column implies, the same on every engine and in core's checks:
 * an explicit `unique(name)` wins, otherwise `<table>_<column>_<key|enum|length>`.
 *
 * @example
 * ```ts
 * columnConstraintName('user', user.email, 'unique'); // 'user_email_key'
 * ```
 */
export function columnConstraintName(table: string, column: AnyColumn, kind: ColumnConstraintKind): string {
  const { unique } = column.config;
  if (kind === 'unique' && unique && unique.name !== undefined) return unique.name;
  return `${table}_${column.placement?.sqlName ?? '?'}_${COLUMN_SUFFIX[kind]}`;
}

/**
 * The constraints a column implies on some engine (length checks exist on SQLite only, but their
 * names are reserved everywhere so a schema valid on one engine is valid on all).
 *
 * @example
 * ```ts
 * impliedColumnConstraints(user.email); // ['unique']
 * ```
 */
export function impliedColumnConstraints(column: AnyColumn): ColumnConstraintKind[] {
  const kinds: ColumnConstraintKind[] = [];
  if (column.config.unique) kinds.push('unique');
  if (column.config.kind === 'enum') kinds.push('enum');
  if (column.config.kind === 'varchar') kinds.push('length');
  return kinds;
}

/**
 * Every column a condition mentions.
 *
 * @example
 * ```ts
 * conditionColumns(and(gte(t.price, 0), lte(t.price, 100))); // [t.price, t.price]
 * ```
 */
export function conditionColumns(condition: Condition): AnyColumn[] {
  return visitCondition(condition, COLUMNS_NAMED, undefined);
}

const COLUMNS_NAMED: ConditionVisitor<AnyColumn[], undefined> = {
  comparison: (node) => [node.column],
  list: (node) => [node.column],
  nullCheck: (node) => [node.column],
  textMatch: (node) => [node.column],
  group: (node) => node.conditions.flatMap(conditionColumns),
  negation: (node) => conditionColumns(node.condition),
};
