import type { CommandContext } from '../context.js';
import { EXIT } from '../exit-codes.js';
import { dialectFolder, hashMigrationFolder } from '../folder.js';
import { selectDatabases } from '../generate.js';

/**
 * `strata hash`: records the migration files as they are now in their journals (after editing
 * a custom migration, or renumbering one merged from another branch).
 *
 * @example
 * ```ts
 * await hashCommand(context, {});
 * ```
 */
export async function hashCommand(context: CommandContext, options: { readonly database?: string }): Promise<number> {
  const results: unknown[] = [];
  for (const database of selectDatabases(context.config, options.database)) {
    for (const dialect of database.dialects) {
      const changed = await hashMigrationFolder(dialectFolder(database.migrations, dialect), dialect);
      context.out.ok(
        `${database.name} (${dialect}): ${changed.length === 0 ? 'journal already up to date' : `recorded ${changed.join(', ')}`}`,
      );
      results.push({ database: database.name, dialect, recorded: changed });
    }
  }
  context.out.record('databases', results);
  return EXIT.ok;
}
