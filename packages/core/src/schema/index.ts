export {
  type AnyColumn,
  Column,
  type ColumnConfig,
  type ColumnDefault,
  type ColumnKind,
  type ColumnOf,
  type ColumnPlacement,
  type ColumnReference,
  type ColumnType,
  type ColumnValue,
  type ReferenceableKind,
  type ReferentialAction,
  storageFamily,
} from './column.js';
export {
  bigint,
  boolean,
  date,
  double,
  enumeration,
  id,
  integer,
  json,
  real,
  text,
  timestamp,
  uuid,
  varchar,
} from './columns.js';
export {
  and,
  type ComparisonOperator,
  type Condition,
  eq,
  gt,
  gte,
  inList,
  isNotNull,
  isNull,
  lt,
  lte,
  ne,
  not,
  notInList,
  or,
  type TextOperator,
} from './condition.js';
export {
  type ColumnConstraintKind,
  columnConstraintName,
  conditionColumns,
  impliedColumnConstraints,
} from './constraint-names.js';
export {
  check,
  type IndexBuilder,
  type IndexExtra,
  type IndexOnColumns,
  index,
  primaryKey,
  type ResolvedTableExtra,
  renamedFrom,
  type TableExtra,
  type TableRenameHint,
  uniqueIndex,
} from './extras.js';
export { softDelete, timestamps } from './mixins.js';
export { toSnakeCase } from './naming.js';
export {
  CONDITION_OPERATORS,
  type ComparisonCondition,
  type ConditionVisitor,
  type GroupCondition,
  isConditionOperator,
  type ListCondition,
  type NegationCondition,
  type NullCondition,
  type OperatorInfo,
  type TextCondition,
  visitCondition,
} from './operators.js';
export {
  enableRowLevelSecurity,
  type PolicyCommand,
  type PolicyExtra,
  type PolicyOptions,
  type PolicyRole,
  policy,
  type RowLevelSecurity,
  type RowLevelSecurityExtra,
  type SqliteRowLevelSecurity,
  type TableSecurityExtra,
} from './policies.js';
export { referencedColumn } from './reference.js';
export {
  type AnyRelation,
  defineRelations,
  isRelations,
  type ManyRelation,
  type OneRelation,
  type RelationHelpers,
  type TableRelations,
} from './relations.js';
export type { NewRow, Row } from './row.js';
export { type CollectedSchema, collectSchema, type SchemaModule } from './schema.js';
export { currentUserId, isSessionValue, jwtClaim, type SessionValue } from './session-values.js';
export {
  type AnyTable,
  type ColumnMap,
  defineNaming,
  defineTable,
  getTableInfo,
  isTable,
  type NamingOptions,
  type RequireAllKeys,
  type Table,
  type TableColumns,
  type TableExtras,
  type TableInfo,
  type TableName,
} from './table.js';
export { textProblem, valueProblem } from './validate-default.js';
