import type { MigrationDialect } from '@strata/core';
import { migrate, namingFolder, rollback, type SupabaseLayout } from '@strata/sql/migrate';
import type { ResolvedDatabase } from '../config.js';
import type { CommandContext } from '../context.js';
import { withDatabase } from '../context.js';
import { EXIT } from '../exit-codes.js';
import { dialectFolder, readMigrationFolder } from '../folder.js';
import { selectDatabases } from '../generate.js';

/** The Supabase CLI's folder, for a PostgreSQL database that has one configured. */
function supabaseLayout(database: ResolvedDatabase, dialect: MigrationDialect): SupabaseLayout {
  return database.supabaseMigrations !== undefined && dialect === 'pg'
    ? { supabaseFolder: database.supabaseMigrations }
    : {};
}

/** Options of `strata migrate`. */
export interface MigrateCommandOptions {
  readonly database?: string;
  readonly to?: number;
  readonly allowOutOfOrder?: boolean;
}

/**
 * `strata migrate`: applies pending migrations to each configured database.
 *
 * @example
 * ```ts
 * await migrateCommand(context, { to: 3 });
 * ```
 */
export async function migrateCommand(context: CommandContext, options: MigrateCommandOptions): Promise<number> {
  const results: unknown[] = [];
  for (const database of selectDatabases(context.config, options.database)) {
    await withDatabase(context, database, async (db) => {
      const folder = dialectFolder(database.migrations, db.dialect);
      const migrations = await readMigrationFolder(folder, db.dialect);
      const result = await context.out.step(`Migrating ${database.name}…`, (update) =>
        migrate(db, {
          migrations,
          ...supabaseLayout(database, db.dialect),
          ...(options.to !== undefined && { to: options.to }),
          allowOutOfOrder: options.allowOutOfOrder ?? false,
          onProgress: (event) => update(`${event.position}/${event.total} ${event.migration}`),
        }).catch((error: unknown) => {
          throw namingFolder(error, db, folder, { name: database.name, engine: db.engine });
        }),
      );
      for (const id of result.migrations) context.out.ok(`${database.name} (${db.engine}): applied ${id}`);
      for (const id of result.adopted)
        context.out.ok(`${database.name} (${db.engine}): ${id} was applied by supabase db push; recorded`);
      context.out.line(
        `${database.name} (${db.engine}): ${result.migrations.length === 0 ? 'up to date' : `${result.migrations.length} applied`} in ${Math.round(result.durationMs)} ms`,
      );
      results.push({
        database: database.name,
        engine: db.engine,
        applied: result.migrations,
        // Only where the Supabase CLI applies migrations too: nothing else adopts.
        ...(database.supabaseMigrations !== undefined && { adopted: result.adopted }),
        durationMs: Math.round(result.durationMs),
      });
    });
  }
  context.out.record('databases', results);
  return EXIT.ok;
}

/** Options of `strata rollback`. */
export interface RollbackCommandOptions {
  readonly database?: string;
  readonly steps?: number;
  readonly to?: number;
}

/**
 * `strata rollback`: undoes the newest applied migrations (one by default).
 *
 * @example
 * ```ts
 * await rollbackCommand(context, { steps: 2 });
 * ```
 */
export async function rollbackCommand(context: CommandContext, options: RollbackCommandOptions): Promise<number> {
  const results: unknown[] = [];
  for (const database of selectDatabases(context.config, options.database)) {
    await withDatabase(context, database, async (db) => {
      const migrations = await readMigrationFolder(dialectFolder(database.migrations, db.dialect), db.dialect);
      const result = await context.out.step(`Rolling back ${database.name}…`, (update) =>
        rollback(db, {
          migrations,
          ...supabaseLayout(database, db.dialect),
          ...(options.steps !== undefined && { steps: options.steps }),
          ...(options.to !== undefined && { to: options.to }),
          onProgress: (event) => update(`${event.position}/${event.total} ${event.migration}`),
        }),
      );
      for (const id of result.migrations) context.out.ok(`${database.name} (${db.engine}): undid ${id}`);
      if (result.migrations.length === 0) context.out.line(`${database.name} (${db.engine}): nothing to undo`);
      results.push({ database: database.name, engine: db.engine, undone: result.migrations });
    });
  }
  context.out.record('databases', results);
  return EXIT.ok;
}
