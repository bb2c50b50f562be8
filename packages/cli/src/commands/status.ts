import { isStrataError, type MigrationState } from '@strata/core';
import { GENERATION, generateMigration, migrationStatus } from '@strata/sql';
import type { CommandContext } from '../context.js';
import { withDatabase } from '../context.js';
import { EXIT } from '../exit-codes.js';
import { dialectFolder, latestSnapshot, readJournal, readMigrationFolder } from '../folder.js';
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

/** Options of `strata check`. */
export interface CheckCommandOptions {
  readonly database?: string;
  /** Skip the live databases: check the schema against the migration folders only. */
  readonly offline?: boolean;
}

/**
 * `strata check`, for CI: for every database, the schema against its migrations (a change with
 * no migration), each folder against its journal (tampered or unlisted files), and unless
 * `--offline` the live database against the folder (pending, changed, missing migrations, and
 * changes made by hand). Exits 1 on any finding.
 *
 * @example
 * ```ts
 * await checkCommand(context, { offline: true });
 * ```
 */
export async function checkCommand(context: CommandContext, options: CheckCommandOptions): Promise<number> {
  const { out } = context;
  const findings: { database: string; dialect?: string; problem: string }[] = [];
  for (const database of selectDatabases(context.config, options.database)) {
    for (const dialect of database.dialects) {
      const folder = dialectFolder(database.migrations, dialect);
      try {
        await readMigrationFolder(folder, dialect);
        const generated = await generateMigration({
          dialect: GENERATION[dialect],
          schema: database.schema,
          previous: await latestSnapshot(folder, await readJournal(folder, dialect)),
          resolveRename: async () => null,
        });
        if (generated.up.length > 0) {
          findings.push({
            database: database.name,
            dialect,
            problem: `the schema has changes no migration has (${generated.up.length} statements): run strata generate`,
          });
        }
      } catch (error) {
        if (!isStrataError(error)) throw error;
        findings.push({ database: database.name, dialect, problem: error.message });
      }
    }
    if (options.offline || database.connection === undefined) continue;
    await withDatabase(context, database, async (db) => {
      const migrations = await readMigrationFolder(dialectFolder(database.migrations, db.dialect), db.dialect).catch(
        () => undefined,
      );
      if (!migrations) return; // already reported above
      const status = await migrationStatus(db, { migrations });
      const where = { database: database.name, dialect: db.dialect };
      for (const problem of status.problems) findings.push({ ...where, problem });
      if (status.pending > 0)
        findings.push({ ...where, problem: `${status.pending} migrations are not applied: run strata migrate` });
      for (const line of status.drift) findings.push({ ...where, problem: `changed outside migrations: ${line}` });
    });
  }
  for (const finding of findings)
    out.fail(`${finding.database}${finding.dialect ? ` (${finding.dialect})` : ''}: ${finding.problem}`);
  if (findings.length === 0) out.ok('schema, migrations and databases agree');
  out.record('findings', findings);
  return findings.length > 0 ? EXIT.failed : EXIT.ok;
}
