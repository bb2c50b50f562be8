import { MigrationError } from './errors.js';
import type { AppliedMigration, Migration, MigrationSet, MigrationState } from './types.js';

/** A migration set compared with a database's history. */
export interface MigrationPlan {
  /** Every migration of the set and of the history, with where it stands, in order. */
  readonly states: readonly MigrationState[];
  /** Migrations to apply, in order. */
  readonly pending: readonly Migration[];
  /** Applied migrations of the set, in order (the last one is undone first). */
  readonly applied: readonly Migration[];
  /** What stops `migrate`: changed or missing migrations, then out-of-order ones. */
  readonly problems: readonly MigrationError[];
}

/**
 * Compares a migration set with the history of a database: what is applied, pending, changed
 * since it was applied, missing from the folder, or pending behind a later applied migration.
 *
 * @example
 * ```ts
 * const plan = planMigrations(migrations, history);
 * plan.pending.map((m) => m.id); // ['0004_add_index']
 * ```
 */
export function planMigrations(set: MigrationSet, history: readonly AppliedMigration[]): MigrationPlan {
  const byId = new Map(history.map((row) => [row.id, row]));
  const known = new Set(set.migrations.map((migration) => migration.id));
  const lastAppliedIndex = Math.max(
    -1,
    ...set.migrations.filter((migration) => byId.has(migration.id)).map((migration) => migration.index),
  );
  const states: MigrationState[] = [];
  const pending: Migration[] = [];
  const applied: Migration[] = [];
  const problems: MigrationError[] = [];
  for (const migration of set.migrations) {
    const row = byId.get(migration.id);
    if (row === undefined) {
      const behind = migration.index < lastAppliedIndex;
      states.push({ id: migration.id, state: behind ? 'out-of-order' : 'pending', appliedAt: undefined });
      pending.push(migration);
      if (behind) {
        problems.push(
          new MigrationError(
            'MIGRATION_OUT_OF_ORDER',
            `${migration.id} is not applied, but a migration numbered after it is: it was probably merged from another branch. Rename its files to the next free number and run \`strata hash\` (or apply it anyway with --allow-out-of-order).`,
            { migration: migration.id },
          ),
        );
      }
      continue;
    }
    applied.push(migration);
    if (row.checksum === migration.checksum) {
      states.push({ id: migration.id, state: 'applied', appliedAt: row.appliedAt });
    } else {
      states.push({ id: migration.id, state: 'changed', appliedAt: row.appliedAt });
      problems.unshift(
        new MigrationError(
          'MIGRATION_CHANGED',
          `${migration.id} was applied on ${row.appliedAt}, and its files have changed since. Restore the applied version from version control; write a new migration for further changes.`,
          { migration: migration.id },
        ),
      );
    }
  }
  for (const row of history) {
    if (known.has(row.id)) continue;
    states.push({ id: row.id, state: 'missing', appliedAt: row.appliedAt });
    problems.unshift(
      new MigrationError(
        'MIGRATION_MISSING',
        `${row.id} is applied to this database but is not in the migration folder. Restore its files (another branch or an older checkout has them), or point Strata at the right folder.`,
        { migration: row.id },
      ),
    );
  }
  return { states, pending, applied, problems };
}
