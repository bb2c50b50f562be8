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
 * Runs a long step: the CLI shows a spinner around it, programmatic callers just run it.
 *
 * @example
 * ```ts
 * const plain: StepRunner = (_label, work) => work();
 * ```
 */
export type StepRunner = <T>(label: string, work: () => Promise<T>) => Promise<T>;

const runPlainly: StepRunner = (_label, work) => work();

/**
 * Opens a configured database for the length of `work`, and closes it however `work` ends. A
 * database that cannot be reached is a `DATABASE_UNREACHABLE` error naming it (exit code 3).
 * The same as {@link withDatabase}, without a command's context (for `checkProject`).
 *
 * @example
 * ```ts
 * await openDuring(config, database, async (db) => migrationStatus(db, { migrations }));
 * ```
 */
export async function openDuring<T>(
  config: ResolvedConfig,
  database: ResolvedDatabase,
  work: (db: AnyStrataDatabase) => Promise<T>,
  step: StepRunner = runPlainly,
): Promise<T> {
  const db = await step(`Connecting to ${database.name}…`, () => openConfiguredDatabase(database, config.root)).catch(
    (error: unknown) => {
      throw unreachable(database, error);
    },
  );
  try {
    return await work(db);
  } catch (error) {
    throw unreachable(database, error);
  } finally {
    await db.close();
  }
}

/**
 * Opens a configured database for the length of `work` (with a spinner while connecting), and
 * closes it however `work` ends. A database that cannot be reached is a `DATABASE_UNREACHABLE`
 * error naming it (exit code 3).
 *
 * @example
 * ```ts
 * await withDatabase(context, database, async (db) => migrate(db, { folder }));
 * ```
 */
export function withDatabase<T>(
  context: CommandContext,
  database: ResolvedDatabase,
  work: (db: AnyStrataDatabase) => Promise<T>,
): Promise<T> {
  return openDuring(context.config, database, work, (label, run) => context.out.step(label, run));
}
