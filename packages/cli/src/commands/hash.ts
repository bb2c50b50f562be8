import { relative } from 'node:path';
import type { CommandContext } from '../context.js';
import { GeneratedMigrationEditedError } from '../edited-migration-error.js';
import { EXIT } from '../exit-codes.js';
import { dialectFolder, hashMigrationFolder } from '../folder.js';
import { selectDatabases } from '../generate.js';
import { copyForSupabase } from '../supabase-copies.js';

/** Options of `strata hash`. */
export interface HashCommandOptions {
  readonly database?: string;
  /** Record edited generated migrations too. */
  readonly force?: boolean;
}

/**
 * `strata hash`: records the migration files as they are now in their journals (after editing
 * a custom migration, or renumbering one merged from another branch). An edited generated
 * migration is refused unless `--force`: the other folders are still recorded, and it exits 1.
 *
 * @example
 * ```ts
 * await hashCommand(context, { force: false });
 * ```
 */
export async function hashCommand(context: CommandContext, options: HashCommandOptions): Promise<number> {
  const results: unknown[] = [];
  let refused = false;
  for (const database of selectDatabases(context.config, options.database)) {
    for (const dialect of database.dialects) {
      try {
        const changed = await hashMigrationFolder(dialectFolder(database.migrations, dialect), dialect, {
          force: options.force ?? false,
        });
        context.out.ok(
          `${database.name} (${dialect}): ${changed.length === 0 ? 'journal already up to date' : `recorded ${changed.join(', ')}`}`,
        );
        // A custom migration is filled in after generate wrote its (empty) copy: refresh it.
        const copies = dialect === 'pg' ? await copyForSupabase(context.config, database) : [];
        for (const copy of copies)
          context.out.ok(`${database.name} (pg): wrote ${relative(context.config.root, copy)}`);
        results.push({ database: database.name, dialect, recorded: changed, supabaseCopies: copies });
      } catch (error) {
        if (!(error instanceof GeneratedMigrationEditedError)) throw error;
        refused = true;
        context.out.fail(`${database.name} (${dialect}): ${error.message}`);
        results.push({ database: database.name, dialect, recorded: [], refused: error.migrations });
      }
    }
  }
  context.out.record('databases', results);
  return refused ? EXIT.failed : EXIT.ok;
}
