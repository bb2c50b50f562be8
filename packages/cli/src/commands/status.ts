import type { MigrationState } from '@strata/core';
import { migrationStatus } from '@strata/sql';
import type { CommandContext } from '../context.js';
import { withDatabase } from '../context.js';
import { EXIT } from '../exit-codes.js';
import { dialectFolder, readMigrationFolder } from '../folder.js';
import { selectDatabases } from '../generate.js';

const MARKS: Record<MigrationState['state'], string> = {
  applied: '✔',
  pending: '•',
  changed: '✖',
  missing: '✖',
  'out-of-order': '!',
};

/**
 * `strata status`: each migration of each database, applied or pending, and what blocks
 * `migrate` (changed, missing, out-of-order migrations) or was changed by hand (drift).
 * Exits 1 when something blocks.
 *
 * @example
 * ```ts
 * await statusCommand(context, {});
 * ```
 */
export async function statusCommand(context: CommandContext, options: { readonly database?: string }): Promise<number> {
  const { out } = context;
  let blocked = false;
  const results: unknown[] = [];
  for (const database of selectDatabases(context.config, options.database)) {
    await withDatabase(context, database, async (db) => {
      const migrations = await readMigrationFolder(dialectFolder(database.migrations, db.dialect), db.dialect);
      const status = await migrationStatus(db, { migrations });
      out.line(out.colors.bold(`${database.name} (${db.engine})`));
      for (const state of status.states) {
        out.line(
          `  ${MARKS[state.state]} ${state.id}  ${state.state}${state.appliedAt ? out.colors.dim(`  ${state.appliedAt}`) : ''}`,
        );
      }
      if (status.states.length === 0) out.line('  no migrations yet: run strata generate');
      for (const problem of status.problems) out.warn(problem);
      for (const line of status.drift) out.warn(`drift: ${line}`);
      blocked ||= status.problems.length > 0 || status.drift.length > 0;
      results.push({ database: database.name, engine: db.engine, ...status });
    });
  }
  out.record('databases', results);
  return blocked ? EXIT.failed : EXIT.ok;
}
