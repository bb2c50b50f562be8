import type { Snapshot } from '../shared/snapshot.js';

/**
 * A SQLite snapshot recorded by an earlier Strata version in today's form: composite primary keys
 * under Drizzle's own name (`<table>_<columns>_pk`, what drizzle-kit reads back: SQLite keeps no
 * name) instead of Strata's `…_pkey`. The DDL is the same, so this may not become a migration
 * (drizzle-kit would rebuild the table for it).
 *
 * @example
 * ```ts
 * const previous = upgradeSQLiteSnapshot(lastSnapshot);
 * ```
 */
export function upgradeSQLiteSnapshot(snapshot: Snapshot): Snapshot {
  let copy: Snapshot | undefined;
  for (const [key, table] of Object.entries(snapshot.tables)) {
    for (const [name, pk] of Object.entries(table.compositePrimaryKeys)) {
      const drizzleName = `${table.name}_${pk.columns.join('_')}_pk`;
      if (name === drizzleName) continue;
      copy ??= structuredClone(snapshot);
      const keys = copy.tables[key]?.compositePrimaryKeys as Record<string, { columns: string[]; name?: string }>;
      delete keys[name];
      keys[drizzleName] = { ...pk, name: drizzleName };
    }
  }
  return copy ?? snapshot;
}
