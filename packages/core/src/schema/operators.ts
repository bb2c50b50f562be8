import type { ComparisonOperator, Condition, TextOperator } from './condition.js';

/** A condition comparing a column with one value (`eq` … `lte`). */
export type ComparisonCondition = Extract<Condition, { readonly op: ComparisonOperator }>;
/** A condition testing a column against a list (`in`, `notIn`). */
export type ListCondition = Extract<Condition, { readonly op: 'in' | 'notIn' }>;
/** A condition testing a column for null (`isNull`, `isNotNull`). */
export type NullCondition = Extract<Condition, { readonly op: 'isNull' | 'isNotNull' }>;
/** A condition matching text inside a column (`contains`, `startsWith`, `endsWith`). */
export type TextCondition = Extract<Condition, { readonly op: TextOperator }>;
/** All (`and`) or any (`or`) of several conditions. */
export type GroupCondition = Extract<Condition, { readonly op: 'and' | 'or' }>;
/** The negation of a condition (`not`). */
export type NegationCondition = Extract<Condition, { readonly op: 'not' }>;

/** What Strata knows of one operator; one entry per operator in {@link CONDITION_OPERATORS}. */
export interface OperatorInfo {
  /** Which {@link ConditionVisitor} method receives it. */
  readonly family: keyof ConditionVisitor<unknown, unknown>;
  /**
   * Whether a condition written into DDL (a CHECK, a partial index, a policy) may use it. Text
   * matching compiles to dialect functions that only queries carry.
   */
  readonly inDdl: boolean;
  /**
   * The key naming it in a repository `where` object, when it has one of its own: `isNotNull` is
   * written `{ isNull: false }`, and the combinators are keys beside the fields.
   */
  readonly whereKey: string | undefined;
}

/**
 * Every operator of the neutral condition language, once: which walker method takes it, whether
 * DDL may use it, and how a `where` object names it. Adding an operator means an entry here, a
 * case in {@link visitCondition} (the compiler says which) and a visitor method per family.
 *
 * @example
 * ```ts
 * CONDITION_OPERATORS.contains; // { family: 'textMatch', inDdl: false, whereKey: 'contains' }
 * ```
 */
export const CONDITION_OPERATORS: { readonly [Op in Condition['op']]: OperatorInfo } = {
  eq: { family: 'comparison', inDdl: true, whereKey: 'eq' },
  ne: { family: 'comparison', inDdl: true, whereKey: 'ne' },
  gt: { family: 'comparison', inDdl: true, whereKey: 'gt' },
  gte: { family: 'comparison', inDdl: true, whereKey: 'gte' },
  lt: { family: 'comparison', inDdl: true, whereKey: 'lt' },
  lte: { family: 'comparison', inDdl: true, whereKey: 'lte' },
  in: { family: 'list', inDdl: true, whereKey: 'in' },
  notIn: { family: 'list', inDdl: true, whereKey: 'notIn' },
  isNull: { family: 'nullCheck', inDdl: true, whereKey: 'isNull' },
  isNotNull: { family: 'nullCheck', inDdl: true, whereKey: undefined },
  contains: { family: 'textMatch', inDdl: false, whereKey: 'contains' },
  startsWith: { family: 'textMatch', inDdl: false, whereKey: 'startsWith' },
  endsWith: { family: 'textMatch', inDdl: false, whereKey: 'endsWith' },
  and: { family: 'group', inDdl: true, whereKey: undefined },
  or: { family: 'group', inDdl: true, whereKey: undefined },
  not: { family: 'negation', inDdl: true, whereKey: undefined },
};

/**
 * Whether `op` is an operator of the condition language (for input that may not be one).
 *
 * @example
 * ```ts
 * isConditionOperator('eq'); // true; isConditionOperator('like') // false
 * ```
 */
export const isConditionOperator = (op: unknown): op is Condition['op'] =>
  typeof op === 'string' && Object.hasOwn(CONDITION_OPERATORS, op);

/**
 * What a walk over a condition does with each family of operators. A method recurses by calling
 * {@link visitCondition} on the parts it wants; `context` is passed through unchanged, so a
 * visitor can be one constant object and a walk allocates nothing of its own.
 *
 * @example
 * ```ts
 * const columns: ConditionVisitor<string[], void> = {
 *   comparison: (node) => [node.column.name], list: (node) => [node.column.name], nullCheck: (node) => [node.column.name],
 *   textMatch: (node) => [node.column.name], group: (node) => node.conditions.flatMap((part) => visitCondition(part, columns, undefined)),
 *   negation: (node) => visitCondition(node.condition, columns, undefined),
 * };
 * ```
 */
export interface ConditionVisitor<R, C> {
  comparison(node: ComparisonCondition, context: C): R;
  list(node: ListCondition, context: C): R;
  nullCheck(node: NullCondition, context: C): R;
  textMatch(node: TextCondition, context: C): R;
  group(node: GroupCondition, context: C): R;
  negation(node: NegationCondition, context: C): R;
}

/**
 * The one walker of the condition language: hands `condition` to the visitor method of its
 * operator's family. Every walk (compiling SQL, shape keys, the values a plan binds, DDL checks,
 * the columns named) is a visitor of this.
 *
 * @example
 * ```ts
 * const count = visitCondition(where, valueCounter, undefined);
 * ```
 */
export function visitCondition<R, C>(condition: Condition, visitor: ConditionVisitor<R, C>, context: C): R {
  switch (condition.op) {
    case 'eq':
    case 'ne':
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte':
      return visitor.comparison(condition, context);
    case 'in':
    case 'notIn':
      return visitor.list(condition, context);
    case 'isNull':
    case 'isNotNull':
      return visitor.nullCheck(condition, context);
    case 'contains':
    case 'startsWith':
    case 'endsWith':
      return visitor.textMatch(condition, context);
    case 'and':
    case 'or':
      return visitor.group(condition, context);
    case 'not':
      return visitor.negation(condition, context);
  }
}
