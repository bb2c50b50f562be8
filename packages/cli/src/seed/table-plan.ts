import { type AnyColumn, type AnyTable, getTableInfo } from '@strata/core';
import { SeedError } from './seed-error.js';

/** The column a foreign key points at. */
export interface ReferenceTarget {
  /** SQL name of the referenced table. */
  readonly table: string;
  /** Key of the referenced column in its table. */
  readonly key: string;
  /** The table references itself. */
  readonly self: boolean;
}

/** A column whose values come from a small set: parent keys, enumeration values or booleans. */
export interface DomainColumn {
  readonly key: string;
  readonly column: AnyColumn;
  readonly target: ReferenceTarget | undefined;
}

/**
 * Columns under one unique constraint that have only small sets of values: each row takes the
 * next combination (row index in mixed radix), so no two rows repeat one.
 */
export interface CombinationGroup {
  readonly columns: readonly DomainColumn[];
}

/** How one column of a fake row gets its value. */
export type ColumnPlan =
  /** A value by kind and name; `unique` builds the row index into it. */
  | { readonly strategy: 'value'; readonly key: string; readonly column: AnyColumn; readonly unique: boolean }
  /** A random parent's key (or null). */
  | {
      readonly strategy: 'reference';
      readonly key: string;
      readonly column: AnyColumn;
      readonly target: ReferenceTarget;
    }
  /** The row's combination of its unique group. */
  | {
      readonly strategy: 'combination';
      readonly key: string;
      readonly column: AnyColumn;
      readonly group: CombinationGroup;
    };

/** What fake rows of one table are made of. */
export interface TablePlan {
  /** SQL name of the table. */
  readonly name: string;
  /** The columns to fill, in definition order; columns the database fills are left out. */
  readonly columns: readonly ColumnPlan[];
}

function referenceTarget(table: AnyTable, column: AnyColumn): ReferenceTarget | undefined {
  const target = column.config.references?.target();
  if (!target?.placement) return undefined;
  return {
    table: getTableInfo(target.placement.table).name,
    key: target.placement.key,
    self: target.placement.table === table,
  };
}

/** Defaults the database or repository fills with a fresh value per row: leave those columns out. */
function isFilledPerRow(column: AnyColumn): boolean {
  const type = column.config.default?.type;
  return type === 'generatedId' || type === 'random' || type === 'now' || column.config.onUpdateNow;
}

/** Fresh ids and random UUIDs never repeat, so a unique constraint over one of them holds already. */
function isUniqueByDefault(column: AnyColumn): boolean {
  const type = column.config.default?.type;
  return type === 'generatedId' || type === 'random';
}

/** Every unique constraint of the table, as lists of column keys. */
function uniqueKeySets(table: AnyTable): string[][] {
  const info = getTableInfo(table);
  const sets: string[][] = [];
  for (const [key, column] of Object.entries(info.columns)) {
    if (column.config.unique || column.config.primaryKey) sets.push([key]);
  }
  for (const extra of info.extras) {
    if ((extra.kind === 'index' && extra.unique) || extra.kind === 'primaryKey') {
      sets.push(extra.columns.map((column) => column.placement?.key ?? ''));
    }
  }
  return sets;
}

const planCache = new WeakMap<AnyTable, TablePlan>();

/**
 * Decides, once per table, how each column of a fake row is filled: which columns are left to
 * their defaults, which carry the row index to stay unique, which pick parent keys, and which
 * unique constraints over small sets of values (parent keys, enumerations, booleans) walk through
 * their combinations.
 *
 * @example
 * ```ts
 * planTable(post).columns.map((c) => `${c.key}:${c.strategy}`); // ['authorId:reference', 'title:value', …]
 * ```
 */
export function planTable(table: AnyTable): TablePlan {
  const cached = planCache.get(table);
  if (cached) return cached;
  const info = getTableInfo(table);
  const columns = info.columns;
  const targets = new Map<string, ReferenceTarget>();
  for (const [key, column] of Object.entries(columns)) {
    const target = referenceTarget(table, column);
    if (target) targets.set(key, target);
  }
  const isDomain = (key: string): boolean => {
    const kind = columns[key]?.config.kind;
    return targets.has(key) || kind === 'enum' || kind === 'boolean';
  };

  const uniqueKeys = new Set<string>();
  const groups = new Map<string, CombinationGroup>();
  for (const keys of uniqueKeySets(table)) {
    const members = keys.map((key) => columns[key]).filter((column): column is AnyColumn => column !== undefined);
    if (keys.some((key) => uniqueKeys.has(key)) || members.some(isUniqueByDefault)) continue;
    // A superset of a unique combination is unique too.
    const covered = [...new Set(groups.values())].some((group) => group.columns.every((c) => keys.includes(c.key)));
    if (covered) continue;
    // Prefer a column the user would fill anyway over one with a default.
    const candidates = keys.filter((key) => !isDomain(key));
    const carrier = candidates.find((key) => !columns[key]?.config.default) ?? candidates[0];
    if (carrier !== undefined) {
      uniqueKeys.add(carrier);
      continue;
    }
    const taken = keys.find((key) => groups.has(key));
    if (taken !== undefined) {
      throw new SeedError(
        `unique constraints over (${keys.join(', ')}) and another one share column "${taken}" and have only small sets of values; fake rows cannot satisfy both, insert this table's rows yourself`,
        { table: info.name },
      );
    }
    const group: CombinationGroup = {
      columns: keys.map((key) => ({ key, column: columns[key] as AnyColumn, target: targets.get(key) })),
    };
    for (const key of keys) groups.set(key, group);
  }

  const plans: ColumnPlan[] = [];
  for (const [key, column] of Object.entries(columns)) {
    const group = groups.get(key);
    const target = targets.get(key);
    if (group) plans.push({ strategy: 'combination', key, column, group });
    else if (target) plans.push({ strategy: 'reference', key, column, target });
    else if (uniqueKeys.has(key)) plans.push({ strategy: 'value', key, column, unique: true });
    // Left out: keys and timestamps the engine or repository fills, and the soft-delete marker
    // (a value there would hide the row from every read).
    else if (!isFilledPerRow(column) && !column.config.softDeleteMarker) {
      plans.push({ strategy: 'value', key, column, unique: false });
    }
  }
  const plan: TablePlan = { name: info.name, columns: plans };
  planCache.set(table, plan);
  return plan;
}
