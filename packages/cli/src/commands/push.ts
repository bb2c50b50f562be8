import { StrataError } from '@strata/core';
import { migrationStatus, pushSchema, resetDatabase } from '@strata/sql';
import { migrate } from '@strata/sql/migrate';
import type { CommandContext } from '../context.js';
import { withDatabase } from '../context.js';
import { EXIT } from '../exit-codes.js';
import { dialectFolder, readMigrationFolder } from '../folder.js';
import { selectDatabases } from '../generate.js';

/**
 * `strata push`: brings throwaway development databases to the schema without a migration;
 * refuses to drop tables or columns unless `--force`.
 *
 * @example
 * ```ts
 * await pushCommand(context, { force: false });
 * ```
 */
export async function pushCommand(
  context: CommandContext,
  options: { readonly database?: string; readonly force?: boolean },
): Promise<number> {
  const results: unknown[] = [];
  for (const database of selectDatabases(context.config, options.database)) {
    await withDatabase(context, database, async (db) => {
      const result = await context.out.step(`Pushing ${database.name}…`, () =>
        pushSchema(db, { schema: database.schema, force: options.force ?? false }),
      );
      context.out.ok(
        `${database.name} (${db.engine}): ${result.statements.length === 0 ? 'already matches the schema' : `${result.statements.length} statements applied`}`,
      );
      if (result.drops.length > 0) context.out.warn(`  dropped ${result.drops.join(', ')}`);
      results.push({ database: database.name, engine: db.engine, ...result });
    });
  }
  context.out.record('databases', results);
  return EXIT.ok;
}

/**
 * `strata reset --force`: drops every table, then applies the migrations (or pushes the schema
 * when there are none) and runs the seed function unless `--no-seed`. Running it twice gives
 * the same database.
 *
 * @example
 * ```ts
 * await resetCommand(context, { force: true, seed: true });
 * ```
 */
export async function resetCommand(
  context: CommandContext,
  options: { readonly database?: string; readonly force?: boolean; readonly seed?: boolean },
): Promise<number> {
  if (!options.force) {
    throw new StrataError(
      'USAGE',
      'strata reset deletes every table and its data: run it again with --force if you mean it',
    );
  }
  const results: unknown[] = [];
  for (const database of selectDatabases(context.config, options.database)) {
    await withDatabase(context, database, async (db) => {
      const dropped = await resetDatabase(db);
      const migrations = await readMigrationFolder(dialectFolder(database.migrations, db.dialect), db.dialect);
      if (migrations.migrations.length > 0) await migrate(db, { migrations });
      else await pushSchema(db, { schema: database.schema });
      const seeded = options.seed !== false && database.seed !== undefined;
      if (seeded) await database.seed?.(db as never);
      const pending = (await migrationStatus(db, { migrations })).pending;
      context.out.ok(
        `${database.name} (${db.engine}): dropped ${dropped.length} tables, ${migrations.migrations.length > 0 ? `applied ${migrations.migrations.length} migrations` : 'pushed the schema'}${seeded ? ', seeded' : ''}`,
      );
      results.push({ database: database.name, engine: db.engine, dropped, seeded, pending });
    });
  }
  context.out.record('databases', results);
  return EXIT.ok;
}
