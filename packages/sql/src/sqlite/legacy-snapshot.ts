import { withNumberDefaults } from '../shared/legacy-defaults.js';
import type { Snapshot } from '../shared/snapshot.js';

const NUMBER_TYPES = new Set(['integer', 'real']);

/**
 * A SQLite snapshot recorded by an earlier Strata version in today's forms: numeric defaults as
 * numbers, and composite primary keys under Drizzle's own name (`<table>_<columns>_pk`, what
 * drizzle-kit reads back: SQLite keeps no name) instead of Strata's `…_pkey`. Neither changes the
 * DDL, so neither may become a migration (drizzle-kit rebuilds a SQLite table for either).
 *
 * @example
 * ```ts
 * const previous = upgradeSQLiteSnapshot(lastSnapshot);
 * ```
 */
export function upgradeSQLiteSnapshot(snapshot: Snapshot): Snapshot {
  const numbers = withNumberDefaults(snapshot, NUMBER_TYPES);
  let copy: Snapshot | undefined;
  for (const [key, table] of Object.entries(numbers.tables)) {
    for (const [name, pk] of Object.entries(table.compositePrimaryKeys)) {
      const drizzleName = `${table.name}_${pk.columns.join('_')}_pk`;
      if (name === drizzleName) continue;
      copy ??= structuredClone(numbers);
      const keys = copy.tables[key]?.compositePrimaryKeys as Record<string, { columns: string[]; name?: string }>;
      delete keys[name];
      keys[drizzleName] = { ...pk, name: drizzleName };
    }
  }
  return copy ?? numbers;
}
