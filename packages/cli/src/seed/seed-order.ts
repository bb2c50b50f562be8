import { type AnyTable, getTableInfo } from '@strata/core';
import { SeedError } from './seed-error.js';

/**
 * One table to seed, in an order where every referenced table comes first.
 *
 * @example
 * ```ts
 * const [first]: SeedStep[] = planSeedOrder(tables, { book: 20, author: 5 }); // the author step
 * ```
 */
export interface SeedStep {
  /** The name the counts gave the table (its export name in the schema module). */
  readonly exportName: string;
  readonly table: AnyTable;
  readonly count: number;
  /** Whether a (nullable) column references the table itself: its rows go in two rounds. */
  readonly selfReferencing: boolean;
}

interface Listed {
  readonly exportName: string;
  readonly table: AnyTable;
  readonly count: number;
}

/** The tables a table's foreign keys point at, with whether each reference may be null. */
function referencedTables(table: AnyTable): { key: string; target: AnyTable; required: boolean }[] {
  const found: { key: string; target: AnyTable; required: boolean }[] = [];
  for (const [key, column] of Object.entries(getTableInfo(table).columns)) {
    const target = column.config.references?.target().placement?.table;
    if (target) found.push({ key, target, required: column.config.notNull });
  }
  return found;
}

/** The names of the counts, checked: known tables, each at most once, whole numbers. */
function listTables(tables: ReadonlyMap<string, AnyTable>, counts: Readonly<Record<string, unknown>>): Listed[] {
  const listed: Listed[] = [];
  const seen = new Map<AnyTable, string>();
  for (const [exportName, count] of Object.entries(counts)) {
    const table = tables.get(exportName);
    if (!table) {
      throw new SeedError(
        `counts name "${exportName}", which is not a table of this database's schema (its tables: ${[...tables.keys()].join(', ')})`,
      );
    }
    if (typeof count !== 'number' || !Number.isSafeInteger(count) || count < 0) {
      throw new SeedError(`counts.${exportName} must be a whole number of at least 0, got ${String(count)}`, {
        table: getTableInfo(table).name,
      });
    }
    const other = seen.get(table);
    if (other !== undefined) {
      throw new SeedError(`counts name this table twice ("${other}" and "${exportName}"); give one count`, {
        table: getTableInfo(table).name,
      });
    }
    seen.set(table, exportName);
    listed.push({ exportName, table, count });
  }
  return listed;
}

/** A cycle through `start` among the remaining tables, as export names: `a -> b -> a`. */
function describeCycle(start: Listed, edges: ReadonlyMap<Listed, readonly Listed[]>, remaining: Set<Listed>): string {
  const path: Listed[] = [];
  let current: Listed | undefined = start;
  while (current && !path.includes(current)) {
    path.push(current);
    current = edges.get(current)?.find((parent) => remaining.has(parent));
  }
  const cycle = current ? [...path.slice(path.indexOf(current)), current] : path;
  return cycle.map((step) => step.exportName).join(' -> ');
}

/**
 * Orders the tables named in `counts` so that referenced tables are seeded first (a topological
 * sort over foreign keys, stable in the order of `counts`; a cycle through a nullable reference is
 * broken there, and that column stays null). Fails with a `SeedError` naming the tables when
 * a count names no table, a required parent table has no count (or a count of 0), a column is a
 * required self-reference, or foreign keys form a cycle.
 *
 * @example
 * ```ts
 * planSeedOrder(new Map([['author', author], ['book', book]]), { book: 20, author: 5 }).map((s) => s.exportName);
 * // ['author', 'book']
 * ```
 */
export function planSeedOrder(
  tables: ReadonlyMap<string, AnyTable>,
  counts: Readonly<Record<string, unknown>>,
): SeedStep[] {
  const listed = listTables(tables, counts);
  const byTable = new Map(listed.map((entry) => [entry.table, entry]));
  const nameOf = (table: AnyTable) => [...tables].find(([, t]) => t === table)?.[0] ?? getTableInfo(table).name;
  const parentsOf = new Map<Listed, Listed[]>();
  const requiredParentsOf = new Map<Listed, Listed[]>();
  const selfReferencing = new Set<Listed>();

  for (const entry of listed) {
    const name = getTableInfo(entry.table).name;
    const parents: Listed[] = [];
    const requiredParents: Listed[] = [];
    for (const { key, target, required } of referencedTables(entry.table)) {
      if (target === entry.table) {
        if (required) {
          throw new SeedError(
            'is a required self-reference: the first row would need a parent that does not exist yet; make it nullable or insert these rows yourself',
            { table: name, column: key },
          );
        }
        selfReferencing.add(entry);
        continue;
      }
      const parent = byTable.get(target);
      if (!parent) {
        if (!required) continue; // left null
        const parentName = nameOf(target);
        throw new SeedError(
          `references table "${getTableInfo(target).name}" and cannot be null; add a count for "${parentName}" (counts: { ${parentName}: n, … })`,
          { table: name, column: key },
        );
      }
      if (required && parent.count === 0 && entry.count > 0) {
        throw new SeedError(`needs "${parent.exportName}" rows to reference, but counts.${parent.exportName} is 0`, {
          table: name,
          column: key,
        });
      }
      if (!parents.includes(parent)) parents.push(parent);
      if (required && !requiredParents.includes(parent)) requiredParents.push(parent);
    }
    parentsOf.set(entry, parents);
    requiredParentsOf.set(entry, requiredParents);
  }

  const order: SeedStep[] = [];
  const remaining = new Set(listed);
  const readyIn = (edges: ReadonlyMap<Listed, readonly Listed[]>) =>
    [...remaining].find((entry) => (edges.get(entry) ?? []).every((parent) => !remaining.has(parent)));
  while (remaining.size > 0) {
    // A cycle through a nullable reference is broken there: that column stays null.
    const ready = readyIn(parentsOf) ?? readyIn(requiredParentsOf);
    if (!ready) {
      const [first] = remaining;
      const cycle = describeCycle(first as Listed, requiredParentsOf, remaining);
      throw new SeedError(
        `required foreign keys form a cycle (${cycle}), so no table of it can be seeded first; make one of these references nullable or insert these rows yourself`,
      );
    }
    remaining.delete(ready);
    order.push({ ...ready, selfReferencing: selfReferencing.has(ready) });
  }
  return order;
}
