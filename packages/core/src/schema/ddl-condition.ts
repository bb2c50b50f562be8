import type { AnyColumn } from './column.js';
import type { Condition } from './condition.js';
import { CONDITION_OPERATORS, type ConditionVisitor, isConditionOperator, visitCondition } from './operators.js';
import { isSessionValue } from './session-values.js';

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
  if (
    typeof condition !== 'object' ||
    condition === null ||
    !isConditionOperator(condition.op) ||
    !CONDITION_OPERATORS[condition.op].inDdl
  ) {
    const op = typeof condition === 'object' && condition !== null ? `"${String(condition.op)}"` : String(condition);
    return `uses the operator ${op}; use ${DDL_FUNCTIONS}`;
  }
  return visitCondition(condition, DDL_PROBLEMS, { isOwn, allowSession });
}

/** The condition functions whose operators DDL may use, as `check()`'s error lists them. */
const DDL_FUNCTIONS = 'eq ne gt gte lt lte inList notInList isNull isNotNull and or not';

interface DdlContext {
  readonly isOwn: (column: AnyColumn) => boolean;
  readonly allowSession: boolean;
}

const NOT_OWN = "uses a column that is not one of this table's columns";

/** A column test: the column must be the table's own. */
const ownColumn = (node: { readonly column: AnyColumn }, context: DdlContext) =>
  context.isOwn(node.column) ? undefined : NOT_OWN;

const DDL_PROBLEMS: ConditionVisitor<string | undefined, DdlContext> = {
  comparison: (node, context) =>
    isSessionValue(node.value) && !context.allowSession
      ? 'uses a session value (currentUserId(), jwtClaim()), which only row-level security policies may use'
      : ownColumn(node, context),
  list: (node, context) =>
    node.values.some(isSessionValue)
      ? 'compares with a session value in a list; compare it with eq() or ne()'
      : ownColumn(node, context),
  nullCheck: ownColumn,
  // Refused before the walk (not an operator DDL may use); kept for the visitor's completeness.
  textMatch: (node) => `uses the operator "${node.op}"; use ${DDL_FUNCTIONS}`,
  group: (node, context) => {
    for (const part of node.conditions) {
      const problem = ddlConditionProblem(part, context.isOwn, context.allowSession);
      if (problem) return problem;
    }
    return undefined;
  },
  negation: (node, context) => ddlConditionProblem(node.condition, context.isOwn, context.allowSession),
};
