import { StrataError } from '@strata/core';
import { redactUrl, rootMessage } from '@strata/sql';
import type { AnyStrataDatabase, ResolvedConfig, ResolvedDatabase } from './config.js';
import { openConfiguredDatabase } from './connection.js';
import { EXIT, exitCodeFor } from './exit-codes.js';
import type { CliIO, Reporter } from './reporter.js';

/** What every command gets: the configuration, the output, the terminal. */
export interface CommandContext {
  readonly config: ResolvedConfig;
  readonly out: Reporter;
  readonly io: CliIO;
}

/**
 * A database that cannot be reached fails on the first query (postgres-js connects lazily), as
 * "Failed query: <some catalog query>": say which database and where instead, keeping the code.
 */
function unreachable(database: ResolvedDatabase, error: unknown): unknown {
  if (exitCodeFor(error) !== EXIT.unreachable) return error;
  const where = typeof database.connection === 'string' ? ` at ${redactUrl(database.connection)}` : '';
  return new StrataError(
    'DATABASE_UNREACHABLE',
    `Cannot reach database "${database.name}"${where}: ${rootMessage(error)}. Is the server running, and is databases.${database.name}.connection right?`,
    { cause: error },
  );
}

/**
 * Opens a configured database for the length of `work`, and closes it however `work` ends. A
 * database that cannot be reached is a `DATABASE_UNREACHABLE` error naming it (exit code 3).
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
  const db = await context.out
    .step(`Connecting to ${database.name}…`, () => openConfiguredDatabase(database, context.config.root))
    .catch((error: unknown) => {
      throw unreachable(database, error);
    });
  try {
    return await work(db);
  } catch (error) {
    throw unreachable(database, error);
  } finally {
    await db.close();
  }
}
