import {
  type AnyColumn,
  type AnyTable,
  type ColumnDefault,
  type Condition,
  columnConstraintName,
  generateId,
  getTableInfo,
  type ResolvedTableExtra,
  referencedColumn,
  type SessionValue,
  type TableInfo,
} from '@strata/core';
import { type DriverValueEncoder, type SQL, sql } from 'drizzle-orm';
import { type ConditionTarget, compileCondition } from './condition.js';

/** The part of a Drizzle column builder that Strata uses; identical on pg-core and sqlite-core. */
export interface DrizzleColumnBuilder {
  notNull(): DrizzleColumnBuilder;
  primaryKey(): DrizzleColumnBuilder;
  unique(name?: string): DrizzleColumnBuilder;
  default(value: unknown): DrizzleColumnBuilder;
  $defaultFn(fn: () => unknown): DrizzleColumnBuilder;
  $onUpdate(fn: () => unknown): DrizzleColumnBuilder;
  references(target: () => unknown, actions: { onDelete?: string; onUpdate?: string }): DrizzleColumnBuilder;
}

/** The part of Drizzle's index builders Strata uses; identical on pg-core and sqlite-core. */
interface IndexOn {
  on(...columns: [unknown, ...unknown[]]): { where(condition: SQL): unknown };
}

/** The Drizzle table of a dialect: columns are properties. */
export type DrizzleTable = Record<string, unknown>;

/** What a dialect supplies; everything else about compiling a table is shared. */
export interface DialectKit {
  readonly dialect: 'pg' | 'sqlite';
  /** The Drizzle builder for a column's kind, named `sqlName`, before modifiers. */
  baseColumn(column: AnyColumn, sqlName: string): DrizzleColumnBuilder;
  /** Encodes a JS value of the column's kind for the driver (used for defaults and checks). */
  encoder(column: AnyColumn): DriverValueEncoder<unknown, unknown>;
  /** Renders SQL whose parameters are inlined, with the dialect's own escaping. */
  inline(query: SQL): string;
  /** SQL for the defaults the database computes (now, random uuid, time-ordered id). */
  computedDefault(kind: Exclude<ColumnDefault['type'], 'value'>): SQL;
  /**
   * A constant default in the form drizzle-kit reads back from this dialect's catalog (a JS
   * number where it reads a number), or `undefined` for the escaped literal.
   */
  constantDefault(column: AnyColumn, value: unknown): number | boolean | SQL | undefined;
  /** CHECK constraints this dialect needs so that a kind behaves as on every other engine. */
  kindChecks(column: AnyColumn, table: string, sqlName: string): { name: string; condition: SQL }[];
  table(name: string, columns: Record<string, unknown>, extras: (self: DrizzleTable) => unknown[]): DrizzleTable;
  index(name: string): IndexOn;
  uniqueIndex(name: string): IndexOn;
  primaryKey(config: { name: string; columns: unknown[] }): unknown;
  check(name: string, condition: SQL): unknown;
  /** The table's row-level security policies as Drizzle table extras (none where the dialect has none). */
  policies(info: TableInfo, self: DrizzleTable): unknown[];
  /** Turns row-level security on for a compiled table, or refuses a table that needs it. */
  enableRowLevelSecurity(info: TableInfo, table: DrizzleTable): void;
}

/**
 * A constant for DDL. A `bigint` becomes a numeric literal: Drizzle inlines bigints as quoted
 * text (`DEFAULT '1'`, `>= '0'`), which PostgreSQL casts and SQLite's affinity converts, but
 * which reads as text in the DDL and the schema dump. `bigint.toString()` gives only an optional
 * minus and decimal digits, so the raw literal cannot carry anything else; every other value is
 * a parameter that Drizzle's escaping inlines.
 */
function ddlConstant(value: unknown, encoder: DriverValueEncoder<unknown, unknown> | undefined): SQL {
  if (typeof value === 'bigint') return sql.raw(value.toString());
  return sql`${sql.param(value, encoder)}`;
}

/**
 * A condition as DDL writes it (a CHECK, a partial index's WHERE, and an upsert's ON CONFLICT
 * naming that index): bare column names, constants inlined with Drizzle's escaping.
 *
 * @example
 * ```ts
 * inlineCondition(isNull(t.deletedAt), (column) => encoderOf(column)); // "deleted_at" is null
 * ```
 */
export function inlineCondition(
  condition: Condition,
  encoder: (column: AnyColumn) => DriverValueEncoder<unknown, unknown>,
  session?: (value: SessionValue, column: AnyColumn) => SQL,
): SQL {
  const target: ConditionTarget = {
    column: (column: AnyColumn) => sql.identifier(column.placement?.sqlName ?? ''),
    encoder,
    bind: ddlConstant,
    ...(session && { session }),
  };
  return compileCondition(condition, target).inlineParams();
}

/** A condition compiled for one dialect's DDL. */
function ddlCondition(kit: DialectKit, condition: Condition): SQL {
  return inlineCondition(condition, (column) => kit.encoder(column));
}

/**
 * A default as Drizzle's column keeps it, which is also what drizzle-kit's snapshot records and
 * compares with the catalog on `push`. Numbers and booleans stay JS values where the dialect says
 * drizzle-kit reads them back as such; other constants become a literal escaped by Drizzle's
 * dialect: drizzle-kit's own rendering of constant defaults does not escape quotes inside JSON and
 * drops the time zone of dates, and it refuses parameters in SQL defaults.
 */
function columnDefault(kit: DialectKit, column: AnyColumn, initial: ColumnDefault): number | boolean | SQL {
  if (initial.type !== 'value') return kit.computedDefault(initial.type);
  return (
    kit.constantDefault(column, initial.value) ?? sql.raw(kit.inline(ddlConstant(initial.value, kit.encoder(column))))
  );
}

/**
 * Compiles neutral tables to one dialect's Drizzle tables. Each table compiles once (cached), so
 * references and relations point at the very same Drizzle objects.
 */
export function createTableCompiler(kit: DialectKit): (table: AnyTable) => DrizzleTable {
  const cache = new WeakMap<AnyTable, DrizzleTable>();

  // Checked here too: Drizzle calls the callback for tables compiled without collectSchema.
  const compiledColumn = (column: AnyColumn, table: string): unknown => {
    const placement = referencedColumn(column, table, column.placement?.key)?.placement;
    return placement && compile(placement.table)[placement.key];
  };

  const buildColumn = (column: AnyColumn, table: string): unknown => {
    const { config } = column;
    const sqlName = column.placement?.sqlName ?? '';
    let builder = kit.baseColumn(column, sqlName);
    if (config.notNull) builder = builder.notNull();
    if (config.primaryKey) builder = builder.primaryKey();
    if (config.unique) builder = builder.unique(columnConstraintName(table, column, 'unique'));
    if (config.default) builder = builder.default(columnDefault(kit, column, config.default));
    if (config.default?.type === 'generatedId') builder = builder.$defaultFn(generateId);
    if (config.onUpdateNow) builder = builder.$onUpdate(() => new Date());
    const reference = config.references;
    if (reference) {
      builder = builder.references(() => compiledColumn(column, table), {
        ...(reference.onDelete && { onDelete: reference.onDelete }),
        ...(reference.onUpdate && { onUpdate: reference.onUpdate }),
      });
    }
    return builder;
  };

  const buildExtra = (extra: ResolvedTableExtra, self: DrizzleTable): unknown => {
    switch (extra.kind) {
      case 'index': {
        const columns = extra.columns.map((column) => self[column.placement?.key ?? '']) as [unknown, ...unknown[]];
        const index = (extra.unique ? kit.uniqueIndex(extra.name) : kit.index(extra.name)).on(...columns);
        // Bare column names, as in CHECKs: drizzle-kit writes the predicate into CREATE INDEX as it is.
        return extra.predicate === undefined ? index : index.where(ddlCondition(kit, extra.predicate));
      }
      case 'primaryKey':
        return kit.primaryKey({ name: extra.name, columns: extra.columns.map((c) => self[c.placement?.key ?? '']) });
      case 'check':
        return kit.check(extra.name, ddlCondition(kit, extra.condition));
    }
  };

  function compile(table: AnyTable): DrizzleTable {
    const cached = cache.get(table);
    if (cached) return cached;
    const info = getTableInfo(table);
    const columns: Record<string, unknown> = {};
    const kindChecks: { name: string; condition: SQL }[] = [];
    for (const [key, column] of Object.entries(info.columns)) {
      columns[key] = buildColumn(column, info.name);
      kindChecks.push(...kit.kindChecks(column, info.name, column.placement?.sqlName ?? key));
    }
    const compiled = kit.table(info.name, columns, (self) => [
      ...info.extras.map((extra) => buildExtra(extra, self)),
      ...kindChecks.map((c) => kit.check(c.name, c.condition)),
      ...(info.rowLevelSecurity ? kit.policies(info, self) : []),
    ]);
    if (info.rowLevelSecurity) kit.enableRowLevelSecurity(info, compiled);
    cache.set(table, compiled);
    return compiled;
  }

  return compile;
}

/** `CHECK (col IN ('a', 'b'))` for an enumeration: the same rule on every engine. */
export function enumCheck(kit: DialectKit, column: AnyColumn, table: string) {
  const values = column.config.enumValues;
  if (column.config.kind !== 'enum' || !values) return [];
  const condition = ddlCondition(kit, { op: 'in', column, values });
  return [{ name: columnConstraintName(table, column, 'enum'), condition }];
}
