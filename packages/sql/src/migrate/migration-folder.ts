// Reading a migrations folder: what apps that migrate on start need, and what the CLI builds on.
// Node-only (the filesystem), so it is its own entry point (`@strata/sql/migrate`): the root of
// `@strata/sql` stays loadable in browsers and Workers.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  JOURNAL_FILE,
  type MigrationDialect,
  MigrationError,
  type MigrationJournal,
  type MigrationSet,
  migrationSetFromFiles,
  parseJournal,
} from '@strata/core';

/**
 * The folder of one database's migrations for one dialect: `<migrations>/<dialect>`.
 *
 * @example
 * ```ts
 * dialectFolder('migrations/app', 'pg'); // 'migrations/app/pg'
 * ```
 */
export function dialectFolder(migrations: string, dialect: MigrationDialect): string {
  return join(migrations, dialect);
}

/**
 * A text file's content, or `undefined` when it does not exist (other errors are thrown).
 *
 * @example
 * ```ts
 * const journal = await readIfExists('migrations/app/pg/meta/_journal.json');
 * ```
 */
export async function readIfExists(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as { code?: unknown }).code === 'ENOENT') return undefined;
    throw error;
  }
}

/**
 * Reads a migration folder into a migration set, checking every file against the journal. An
 * empty or absent folder is an empty set.
 *
 * @example
 * ```ts
 * const migrations = await readMigrationFolder('migrations/app/sqlite');
 * await migrate(db, { migrations });
 * ```
 */
export async function readMigrationFolder(folder: string, dialect: MigrationDialect): Promise<MigrationSet> {
  const names = await readdir(folder).catch((error: { code?: unknown }) => {
    if (error.code === 'ENOENT') return [] as string[];
    throw error;
  });
  const files: Record<string, string> = {};
  for (const name of names.filter((entry) => entry.endsWith('.sql')))
    files[name] = await readFile(join(folder, name), 'utf8');
  const journal = await readIfExists(join(folder, JOURNAL_FILE));
  if (journal === undefined && Object.keys(files).length === 0) return { dialect, migrations: [] };
  if (journal !== undefined) files[JOURNAL_FILE] = journal;
  const set = await migrationSetFromFiles(files, folder);
  if (set.dialect !== dialect) {
    throw new MigrationError(
      'MIGRATION_JOURNAL_INVALID',
      `${join(folder, JOURNAL_FILE)} is for ${set.dialect}, but the folder is for ${dialect}`,
      {
        file: join(folder, JOURNAL_FILE),
      },
    );
  }
  return set;
}

/**
 * The journal of a folder, or an empty one.
 *
 * @example
 * ```ts
 * const journal = await readJournal('migrations/app/pg', 'pg');
 * ```
 */
export async function readJournal(folder: string, dialect: MigrationDialect): Promise<MigrationJournal> {
  const path = join(folder, JOURNAL_FILE);
  const text = await readIfExists(path);
  if (text === undefined) return { version: 1, dialect, entries: [] };
  const journal = parseJournal(text, path);
  if (journal.dialect !== dialect) {
    throw new MigrationError(
      'MIGRATION_JOURNAL_INVALID',
      `${path} is for ${journal.dialect}, but the folder is for ${dialect}`,
      {
        file: path,
      },
    );
  }
  return journal;
}
