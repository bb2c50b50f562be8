import type { AnyColumn } from './column.js';
import type { Condition } from './condition.js';
import { isSessionValue } from './session-values.js';

/**
 * Operators a condition written into DDL (a CHECK, a partial index's WHERE) may use. Text
 * matching (`contains`, …) is left out: it compiles to dialect functions that only queries carry.
 */
const DDL_OPERATORS: ReadonlySet<Condition['op']> = new Set([
  'eq',
  'ne',
  'gt',
  'gte',
  'lt',
  'lte',
  'in',
  'notIn',
  'isNull',
  'isNotNull',
  'and',
  'or',
  'not',
]);

/**
 * Why `condition` cannot be written into a table's DDL, or `undefined` when it can: every column
 * must be one of the table's own (`isOwn`), every operator one of `check()`'s. Session values
 * (`currentUserId()`) are allowed only with `allowSession` (a policy): a CHECK or an index that
 * depended on who is asking would hold for one user and not another.
 *
 * @example
 * ```ts
 * ddlConditionProblem(isNull(other.deletedAt), isOwn); // 'uses a column that is not one of this table\'s columns'
 * ```
 */
export function ddlConditionProblem(
  condition: Condition,
  isOwn: (column: AnyColumn) => boolean,
  allowSession = false,
): string | undefined {
  if (typeof condition !== 'object' || condition === null || !DDL_OPERATORS.has(condition.op)) {
    const op = typeof condition === 'object' && condition !== null ? `"${String(condition.op)}"` : String(condition);
    return `uses the operator ${op}; use eq ne gt gte lt lte inList notInList isNull isNotNull and or not`;
  }
  switch (condition.op) {
    case 'and':
    case 'or':
      for (const part of condition.conditions) {
        const problem = ddlConditionProblem(part, isOwn, allowSession);
        if (problem) return problem;
      }
      return undefined;
    case 'not':
      return ddlConditionProblem(condition.condition, isOwn, allowSession);
    case 'in':
    case 'notIn':
      if (condition.values.some(isSessionValue)) {
        return 'compares with a session value in a list; compare it with eq() or ne()';
      }
      return isOwn(condition.column) ? undefined : "uses a column that is not one of this table's columns";
    default:
      if ('value' in condition && isSessionValue(condition.value) && !allowSession) {
        return 'uses a session value (currentUserId(), jwtClaim()), which only row-level security policies may use';
      }
      return isOwn(condition.column) ? undefined : "uses a column that is not one of this table's columns";
  }
}
