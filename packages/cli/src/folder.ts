import { mkdir, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  JOURNAL_FILE,
  joinStatements,
  MIGRATION_TAG,
  type MigrationDialect,
  MigrationError,
  type MigrationJournal,
  type MigrationJournalEntry,
  migrationChecksum,
  migrationFiles,
  migrationTag,
  parseJournal,
} from '@strata/core';
import type { Snapshot } from '@strata/sql';
import { readIfExists, readJournal } from '@strata/sql/migrate';
import { GeneratedMigrationEditedError } from './edited-migration-error.js';

// The read side lives in @strata/sql/migrate (apps that migrate on start need only that).
export { dialectFolder, readJournal, readMigrationFolder } from '@strata/sql/migrate';

/** Writes through a temporary file and a rename, so a crash never leaves half a file. */
async function writeAtomically(path: string, content: string): Promise<void> {
  const temporary = `${path}.${process.pid}.tmp`;
  await writeFile(temporary, content);
  await rename(temporary, path);
}

function snapshotFile(folder: string, index: number): string {
  return join(folder, 'meta', `${String(index).padStart(4, '0')}_snapshot.json`);
}

/**
 * The snapshot the folder's last migration left (what the next one is generated from).
 *
 * @example
 * ```ts
 * const previous = await latestSnapshot(folder, journal);
 * ```
 */
export async function latestSnapshot(folder: string, journal: MigrationJournal): Promise<Snapshot | undefined> {
  const last = journal.entries.at(-1);
  if (!last) return undefined;
  const path = snapshotFile(folder, last.index);
  const text = await readIfExists(path);
  if (text === undefined) {
    throw new MigrationError(
      'MIGRATION_FILE_MISSING',
      `${path} is missing: the next migration is generated from it. Restore it from version control.`,
      { file: path },
    );
  }
  try {
    return JSON.parse(text) as Snapshot;
  } catch (error) {
    throw new MigrationError(
      'MIGRATION_JOURNAL_INVALID',
      `${path} is not valid JSON. Restore it from version control.`,
      {
        file: path,
        cause: error,
      },
    );
  }
}

/** A migration to write: its SQL both ways and the snapshot after it. */
export interface MigrationToWrite {
  readonly name: string;
  readonly up: readonly string[];
  readonly down: readonly string[];
  readonly snapshot: Snapshot;
  readonly custom: boolean;
  /** Comments put at the top of the up and down files. */
  readonly header?: readonly string[];
}

/**
 * Writes a new migration after the folder's last one: up and down SQL, the snapshot, the
 * journal entry with its checksum. Returns the new tag and file paths.
 *
 * @example
 * ```ts
 * await writeMigration(folder, journal, { name: 'add_slug', up, down, snapshot, custom: false });
 * ```
 */
export async function writeMigration(
  folder: string,
  journal: MigrationJournal,
  migration: MigrationToWrite,
): Promise<{ readonly tag: string; readonly files: readonly string[] }> {
  const index = (journal.entries.at(-1)?.index ?? 0) + 1;
  const tag = migrationTag(index, migration.name);
  const names = migrationFiles(tag);
  const header = (migration.header ?? []).map((line) => `-- ${line}\n`).join('');
  const up = `${header}${joinStatements(migration.up)}`;
  const down = `${header}${joinStatements(migration.down)}`;
  await mkdir(join(folder, 'meta'), { recursive: true });
  const upPath = join(folder, names.up);
  const downPath = join(folder, names.down);
  const snapshotPath = snapshotFile(folder, index);
  await writeAtomically(upPath, up);
  await writeAtomically(downPath, down);
  await writeAtomically(snapshotPath, `${JSON.stringify(migration.snapshot, null, 2)}\n`);
  const entry: MigrationJournalEntry = {
    index,
    tag,
    checksum: await migrationChecksum(up, down),
    custom: migration.custom,
    createdAt: new Date().toISOString(),
  };
  await writeJournal(folder, { ...journal, entries: [...journal.entries, entry] });
  return { tag, files: [upPath, downPath, snapshotPath] };
}

async function writeJournal(folder: string, journal: MigrationJournal): Promise<void> {
  await mkdir(join(folder, 'meta'), { recursive: true });
  await writeAtomically(join(folder, JOURNAL_FILE), `${JSON.stringify(journal, null, 2)}\n`);
}

/** Options of {@link hashMigrationFolder}. */
export interface HashOptions {
  /** Record generated migrations whose files were edited too (refused by default). */
  readonly force?: boolean;
}

/**
 * Records the folder's files in its journal as they are now: checksums of edited files, and
 * migrations that are not listed yet (renumbered after a merge, or written by hand). Only for
 * migrations not applied anywhere yet: an applied migration whose file changed stays refused by
 * every database that applied it. A generated migration (`custom: false`) whose files changed is
 * refused with a {@link GeneratedMigrationEditedError} unless `force`, and nothing is written.
 *
 * @example
 * ```ts
 * const changed = await hashMigrationFolder('migrations/app/pg', 'pg');
 * ```
 */
export async function hashMigrationFolder(
  folder: string,
  dialect: MigrationDialect,
  options: HashOptions = {},
): Promise<string[]> {
  const journalPath = join(folder, JOURNAL_FILE);
  let previous: readonly MigrationJournalEntry[] = [];
  try {
    previous = (await readJournal(folder, dialect)).entries;
  } catch {
    // A corrupted journal is rebuilt from the files.
  }
  const names = await readdir(folder).catch(() => [] as string[]);
  const tags = names
    .filter((name) => name.endsWith('.sql') && !name.endsWith('.down.sql'))
    .map((name) => name.slice(0, -'.sql'.length))
    .filter((tag) => MIGRATION_TAG.test(tag))
    .sort((a, b) => Number(a.split('_')[0]) - Number(b.split('_')[0]));
  const changed: string[] = [];
  const editedGenerated: string[] = [];
  const missingDowns: string[] = [];
  const entries: MigrationJournalEntry[] = [];
  for (const tag of tags) {
    const files = migrationFiles(tag);
    const up = await readFile(join(folder, files.up), 'utf8');
    const existingDown = await readIfExists(join(folder, files.down));
    const down = existingDown ?? '';
    if (existingDown === undefined) missingDowns.push(join(folder, files.down));
    const checksum = await migrationChecksum(up, down);
    const known = previous.find((entry) => entry.tag === tag);
    if (known?.checksum !== checksum) changed.push(tag);
    if (known && !known.custom && known.checksum !== checksum) editedGenerated.push(tag);
    entries.push({
      index: Number(tag.split('_')[0]),
      tag,
      checksum,
      custom: known?.custom ?? true,
      createdAt: known?.createdAt ?? new Date().toISOString(),
    });
  }
  // Checked before anything is written: a refused run leaves the folder as it found it.
  if (editedGenerated.length > 0 && !options.force) throw new GeneratedMigrationEditedError(folder, editedGenerated);
  for (const path of missingDowns) await writeAtomically(path, '');
  const journal = parseJournal({ version: 1, dialect, entries }, journalPath);
  // A migration renumbered or written by hand has no snapshot yet: it inherits the one before it.
  let snapshot: string | undefined;
  for (const entry of journal.entries) {
    const path = snapshotFile(folder, entry.index);
    const own = await readIfExists(path);
    if (own === undefined && snapshot !== undefined) await writeAtomically(path, snapshot);
    snapshot = own ?? snapshot;
  }
  await writeJournal(folder, journal);
  return changed;
}
