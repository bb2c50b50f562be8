import type { AnyStrataDatabase, ResolvedConfig, ResolvedDatabase } from './config.js';
import { openConfiguredDatabase } from './connection.js';
import type { CliIO, Reporter } from './reporter.js';

/** What every command gets: the configuration, the output, the terminal. */
export interface CommandContext {
  readonly config: ResolvedConfig;
  readonly out: Reporter;
  readonly io: CliIO;
}

/**
 * Opens a configured database for the length of `work`, and closes it however `work` ends.
 *
 * @example
 * ```ts
 * await withDatabase(context, database, async (db) => migrate(db, { folder }));
 * ```
 */
export async function withDatabase<T>(
  context: CommandContext,
  database: ResolvedDatabase,
  work: (db: AnyStrataDatabase) => Promise<T>,
): Promise<T> {
  const db = await context.out.step(`Connecting to ${database.name}…`, () =>
    openConfiguredDatabase(database, context.config.root),
  );
  try {
    return await work(db);
  } finally {
    await db.close();
  }
}
