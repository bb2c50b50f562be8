import { hasBrand, TABLE_BRAND } from '../brand.js';
import { SchemaError } from '../errors.js';
import type { AnyColumn, Column, ColumnType } from './column.js';
import { columnConstraintName, impliedColumnConstraints } from './constraint-names.js';
import { ddlConditionProblem } from './ddl-condition.js';
import type { ResolvedTableExtra, TableExtra, TableRenameHint } from './extras.js';
import { toSnakeCase } from './naming.js';
import { type RowLevelSecurity, resolveRowLevelSecurity, type TableSecurityExtra } from './policies.js';
import { assertValidDefault } from './validate-default.js';

/** The columns of a table definition, keyed by their JS name. */
export type ColumnMap = Record<string, Column<ColumnType>>;

/**
 * Rejects optional keys (for instance from a conditional spread): they would silently turn every
 * row type into `never`. A key that may be missing must be made a nullable column instead.
 */
export type RequireAllKeys<T> = { [K in keyof T]-?: undefined extends T[K] ? never : T[K] };

/** A table's runtime description, as compilers receive it. */
export interface TableInfo<TName extends string = string, TColumns extends ColumnMap = ColumnMap> {
  /** The table's SQL name (after any naming prefix). */
  readonly name: TName;
  /** The columns, placed in this table, keyed by JS name. */
  readonly columns: TColumns;
  /** Indexes, composite keys and checks, with every name resolved. */
  readonly extras: readonly ResolvedTableExtra[];
  /** The key of the soft-delete column (`deletedAt`), when the table has one. */
  readonly softDeleteKey: string | undefined;
  /** Every index and constraint name the table uses, with whether it names an index (schema-wide). */
  readonly constraintNames: readonly { readonly name: string; readonly index: boolean }[];
  /** The table's previous SQL name, declared with `renamedFrom(...)`, for migration generation. */
  readonly renamedFrom: string | undefined;
  /** Policies and whether SQLite may leave them unenforced; `undefined`: row-level security is off. */
  readonly rowLevelSecurity: RowLevelSecurity | undefined;
}

/**
 * `defineTable`'s third argument: indexes, keys, checks, policies and hints.
 *
 * @example
 * ```ts
 * const extras: TableExtras<{ slug: Column<…> }> = (t) => [uniqueIndex().on(t.slug)];
 * ```
 */
export type TableExtras<TColumns> = (columns: TColumns) => (TableExtra | TableRenameHint | TableSecurityExtra)[];

/**
 * A neutral table: its columns are properties (`post.title`), its description sits under a symbol.
 *
 * @example
 * ```ts
 * const post = defineTable('post', { id: id(), title: text().notNull() });
 * type PostTable = typeof post; // Table<'post', { id: …; title: … }>
 * ```
 */
export type Table<TName extends string = string, TColumns extends ColumnMap = ColumnMap> = {
  readonly [TABLE_BRAND]: TableInfo<TName, TColumns>;
} & { readonly [K in keyof TColumns]: TColumns[K] };

/** Any neutral table. */
export type AnyTable = Table<string, ColumnMap>;

/** The SQL name of a table type. */
export type TableName<T extends AnyTable> = T[typeof TABLE_BRAND]['name'];

/** The column map of a table type. */
export type TableColumns<T extends AnyTable> = T[typeof TABLE_BRAND]['columns'];

/**
 * True when `value` is a Strata table (from any copy of the package).
 *
 * @example
 * ```ts
 * Object.values(schemaModule).filter(isTable);
 * ```
 */
export function isTable(value: unknown): value is AnyTable {
  return hasBrand(value, TABLE_BRAND);
}

/**
 * A table's runtime description.
 *
 * @example
 * ```ts
 * getTableInfo(post).name; // 'post'
 * ```
 */
export function getTableInfo<T extends AnyTable>(table: T): T[typeof TABLE_BRAND] {
  return table[TABLE_BRAND];
}

/** How SQL names are derived from JS names. */
export interface NamingOptions {
  /** Prepended to every table's SQL name, e.g. `cms_`. */
  readonly tablePrefix?: string;
  /** `snake` (default): `createdAt` → `created_at`. `preserve`: the key as written. */
  readonly columnCase?: 'snake' | 'preserve';
}

/** PostgreSQL silently truncates longer identifiers; SQLite does not, so names would differ. */
const MAX_IDENTIFIER_BYTES = 63;

function assertIdentifier(name: string, what: string, where: { table?: string; column?: string }): void {
  if (name.length === 0) throw new SchemaError(`${what} must not be empty`, where);
  if (new TextEncoder().encode(name).length > MAX_IDENTIFIER_BYTES) {
    throw new SchemaError(
      `${what} "${name}" is longer than ${MAX_IDENTIFIER_BYTES} bytes; PostgreSQL would truncate it`,
      where,
    );
  }
}

function resolveExtraName(table: string, extra: TableExtra): string {
  if (extra.name !== undefined) {
    assertIdentifier(extra.name, `${extra.kind} name`, { table });
    return extra.name;
  }
  const columns = extra.kind === 'check' ? [] : extra.columns.map((c) => c.placement?.sqlName ?? '?');
  const suffix = extra.kind === 'primaryKey' ? 'pkey' : extra.kind === 'index' && extra.unique ? 'key' : 'idx';
  return [table, ...columns, suffix].join('_');
}

/** Builds a table; `defineTable` and `defineNaming(...).table` share it. */
export function buildTable<TName extends string, TColumns extends ColumnMap>(
  name: TName,
  columns: TColumns,
  extras: TableExtras<TColumns> | undefined,
  naming: NamingOptions,
): Table<TName, TColumns> {
  assertIdentifier(name, 'table name', { table: name });
  const placed: Record<string, AnyColumn> = {};
  const constraintNames: { name: string; index: boolean }[] = [];
  const info = {
    name,
    columns: placed,
    extras: [] as ResolvedTableExtra[],
    softDeleteKey: undefined as string | undefined,
    constraintNames,
    renamedFrom: undefined as string | undefined,
    rowLevelSecurity: undefined as RowLevelSecurity | undefined,
  };
  const table = { [TABLE_BRAND]: info } as unknown as Table<TName, TColumns>;
  const sqlNames = new Set<string>();
  const primaryKeys: string[] = [];

  for (const [key, column] of Object.entries(columns)) {
    const where = { table: name, column: key };
    if (!column || typeof (column as { placeIn?: unknown }).placeIn !== 'function') {
      throw new SchemaError(
        'is not a column (an optional or conditional key?); make it a nullable column instead',
        where,
      );
    }
    if (column.placement) {
      throw new SchemaError(
        `is already a column of table "${column.placement.table[TABLE_BRAND].name}"; define a new column or spread a mixin`,
        where,
      );
    }
    const sqlName = column.config.sqlName ?? (naming.columnCase === 'preserve' ? key : toSnakeCase(key));
    assertIdentifier(sqlName, 'column name', where);
    // SQLite compares names without regard to case: `userId` and `userid` would collide there.
    if (sqlNames.has(sqlName.toLowerCase())) {
      throw new SchemaError(`SQL name "${sqlName}" is used by two columns (names are compared without case)`, where);
    }
    sqlNames.add(sqlName.toLowerCase());
    assertValidDefault(column.config, where);
    if (column.config.renamedFrom !== undefined) {
      assertIdentifier(column.config.renamedFrom, 'previous column name', where);
      if (column.config.renamedFrom === sqlName) throw new SchemaError('renamedFrom() names the column itself', where);
    }
    validateKindOptions(column, where);
    if (column.config.primaryKey) primaryKeys.push(key);
    if (column.config.softDeleteMarker) {
      if (info.softDeleteKey) throw new SchemaError('a table can have only one soft-delete column', where);
      info.softDeleteKey = key;
    }
    placed[key] = column.placeIn({ table, key, sqlName });
    Object.defineProperty(table, key, { value: placed[key], enumerable: true });
  }
  if (sqlNames.size === 0) throw new SchemaError('a table needs at least one column', { table: name });
  if (primaryKeys.length > 1) {
    throw new SchemaError(
      `columns ${primaryKeys.join(', ')} are each marked primaryKey(); use the primaryKey(...) table extra for a composite key`,
      { table: name },
    );
  }

  const security: TableSecurityExtra[] = [];
  for (const extra of extras?.(table as unknown as TColumns) ?? []) {
    if (extra.kind === 'renamedFrom') info.renamedFrom = resolveRename(name, extra, info.renamedFrom);
    else if (extra.kind === 'policy' || extra.kind === 'rowLevelSecurity') security.push(extra);
    else info.extras.push(resolveExtra(name, extra, placed, primaryKeys.length > 0));
  }
  info.rowLevelSecurity = resolveRowLevelSecurity(name, security, placed);
  const previousNames = Object.values(placed).map((column) => column.config.renamedFrom);
  for (const previous of previousNames) {
    if (previous !== undefined && sqlNames.has(previous.toLowerCase())) {
      throw new SchemaError(`renamedFrom('${previous}') names a column that still exists`, { table: name });
    }
    if (previousNames.indexOf(previous) !== previousNames.lastIndexOf(previous) && previous !== undefined) {
      throw new SchemaError(`two columns are both renamedFrom('${previous}')`, { table: name });
    }
  }
  for (const column of Object.values(placed)) {
    for (const kind of impliedColumnConstraints(column)) {
      constraintNames.push({ name: columnConstraintName(name, column, kind), index: kind === 'unique' });
    }
  }
  for (const extra of info.extras) constraintNames.push({ name: extra.name, index: extra.kind !== 'check' });
  const seen = new Set<string>();
  for (const { name: constraint } of constraintNames) {
    assertIdentifier(constraint, 'constraint name', { table: name });
    if (seen.has(constraint.toLowerCase())) {
      throw new SchemaError(
        `two indexes or constraints are both named "${constraint}"; give one an explicit name or remove the duplicate`,
        { table: name },
      );
    }
    seen.add(constraint.toLowerCase());
  }
  return table;
}

function validateKindOptions(column: AnyColumn, where: { table: string; column: string }): void {
  const { kind, length, enumValues, default: initial, onUpdateNow } = column.config;
  if (kind === 'varchar' && !(Number.isInteger(length) && (length ?? 0) > 0)) {
    throw new SchemaError(`varchar length must be a positive integer, got ${length}`, where);
  }
  if (kind === 'enum') {
    if (!enumValues?.length) throw new SchemaError('enumeration needs at least one value', where);
    if (new Set(enumValues).size !== enumValues.length)
      throw new SchemaError('enumeration values must be distinct', where);
  }
  if (onUpdateNow && kind !== 'timestamp') throw new SchemaError('onUpdateNow() applies to timestamps only', where);
  if (initial?.type === 'now' && kind !== 'timestamp')
    throw new SchemaError('defaultNow() applies to timestamps only', where);
  if (initial?.type === 'random' && kind !== 'uuid')
    throw new SchemaError('defaultRandom() applies to uuids only', where);
}

function resolveRename(table: string, hint: TableRenameHint, earlier: string | undefined): string {
  assertIdentifier(hint.previousName, 'previous table name', { table });
  if (earlier !== undefined) throw new SchemaError('renamedFrom(...) is given twice', { table });
  if (hint.previousName === table) throw new SchemaError('renamedFrom(...) names the table itself', { table });
  return hint.previousName;
}

function resolveExtra(
  table: string,
  extra: TableExtra,
  placed: Record<string, AnyColumn>,
  hasColumnPrimaryKey: boolean,
): ResolvedTableExtra {
  const isOwn = (column: AnyColumn) =>
    column.placement?.table[TABLE_BRAND].name === table && placed[column.placement.key] === column;
  if (extra.kind !== 'check' && !extra.columns.every(isOwn)) {
    throw new SchemaError(`${extra.kind} uses a column that is not one of this table's columns`, { table });
  }
  if (extra.kind === 'primaryKey' && hasColumnPrimaryKey) {
    throw new SchemaError('has both a column marked primaryKey() and a composite primaryKey(...)', { table });
  }
  const name = resolveExtraName(table, extra);
  switch (extra.kind) {
    case 'check': {
      const problem = ddlConditionProblem(extra.condition, isOwn);
      if (problem) throw new SchemaError(`check ${problem} (check "${name}")`, { table });
      return { ...extra, name };
    }
    case 'index': {
      const { unique, columns, predicate } = extra;
      const problem = predicate === undefined ? undefined : ddlConditionProblem(predicate, isOwn);
      if (problem) {
        throw new SchemaError(`${unique ? 'unique index' : 'index'} "${name}": its where condition ${problem}`, {
          table,
        });
      }
      // A plain object: the builder's `where` method stays behind.
      return { kind: 'index', name, unique, columns, predicate };
    }
    case 'primaryKey':
      return { ...extra, name };
  }
}

/**
 * Defines a table once for every engine. Keys are JS names; SQL names are derived in snake_case.
 * The optional third argument adds indexes, a composite primary key, CHECK constraints and
 * row-level security policies (`policy(...)`, `enableRowLevelSecurity()`).
 *
 * @example
 * ```ts
 * export const entry = defineTable(
 *   'entry',
 *   {
 *     id: id(),
 *     collectionId: uuid().notNull().references(() => collection.id, { onDelete: 'cascade' }),
 *     title: text().notNull(),
 *     ...timestamps(),
 *   },
 *   (t) => [index().on(t.collectionId)],
 * );
 * ```
 */
export function defineTable<TName extends string, TColumns extends ColumnMap>(
  name: TName,
  columns: TColumns & RequireAllKeys<TColumns>,
  extras?: TableExtras<TColumns>,
): Table<TName, TColumns> {
  return buildTable(name, columns, extras, {});
}

/**
 * One place for naming rules: a table prefix (seed-style `cms_`) and the column case. Returns a
 * `table` function that works like `defineTable` with those rules applied.
 *
 * @example
 * ```ts
 * const cms = defineNaming({ tablePrefix: 'cms_' });
 * export const documents = cms.table('documents', { id: id(), title: text().notNull() });
 * // SQL table "cms_documents"
 * ```
 */
export function defineNaming<const TPrefix extends string = ''>(
  options: NamingOptions & { readonly tablePrefix?: TPrefix },
): {
  table<TName extends string, TColumns extends ColumnMap>(
    name: TName,
    columns: TColumns & RequireAllKeys<TColumns>,
    extras?: TableExtras<TColumns>,
  ): Table<`${TPrefix}${TName}`, TColumns>;
} {
  const prefix = options.tablePrefix ?? '';
  return {
    table: (name, columns, extras) =>
      buildTable(`${prefix}${name}` as `${TPrefix}${typeof name}`, columns, extras, options),
  };
}
