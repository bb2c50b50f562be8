import { MigrationError } from './errors.js';
import type { MigrationDialect } from './types.js';

/** One journal line: a migration as it was generated or last hashed. */
export interface MigrationJournalEntry {
  readonly index: number;
  /** `0003_add_slug`: the file names without `.sql` / `.down.sql`. */
  readonly tag: string;
  /** SHA-256 of the up and down files when they were generated or last hashed. */
  readonly checksum: string;
  readonly custom: boolean;
  readonly createdAt: string;
}

/** `meta/_journal.json` of a migration folder. */
export interface MigrationJournal {
  readonly version: 1;
  readonly dialect: MigrationDialect;
  readonly entries: readonly MigrationJournalEntry[];
}

/** Where the journal sits inside a migration folder. */
export const JOURNAL_FILE = 'meta/_journal.json';

/**
 * The tag of migration number `index` named `name`: `0003_add_slug`.
 *
 * @example
 * ```ts
 * migrationTag(3, 'add_slug'); // '0003_add_slug'
 * ```
 */
export function migrationTag(index: number, name: string): string {
  return `${String(index).padStart(4, '0')}_${name}`;
}

/**
 * The file names of a migration inside its folder.
 *
 * @example
 * ```ts
 * migrationFiles('0003_add_slug'); // { up: '0003_add_slug.sql', down: '0003_add_slug.down.sql' }
 * ```
 */
export function migrationFiles(tag: string): { readonly up: string; readonly down: string } {
  return { up: `${tag}.sql`, down: `${tag}.down.sql` };
}

/** A valid migration tag: four or more digits, an underscore, a name of letters, digits, `_`, `-`. */
export const MIGRATION_TAG = /^(\d{4,})_([A-Za-z0-9_-]+)$/;

function invalid(file: string, problem: string): MigrationError {
  return new MigrationError(
    'MIGRATION_JOURNAL_INVALID',
    `${file}: ${problem}. Restore it from version control, or run \`strata hash\` to rebuild it from the migration files.`,
    { file },
  );
}

function readEntry(value: unknown, position: number, file: string): MigrationJournalEntry {
  if (typeof value !== 'object' || value === null) throw invalid(file, `entry ${position} is not an object`);
  const entry = value as Record<string, unknown>;
  const { index, tag, checksum, custom, createdAt } = entry;
  if (typeof tag !== 'string' || !MIGRATION_TAG.test(tag)) {
    throw invalid(file, `entry ${position} has no valid "tag" (like "0001_init")`);
  }
  if (typeof index !== 'number' || !Number.isSafeInteger(index) || index < 0 || Number(tag.split('_')[0]) !== index) {
    throw invalid(file, `entry "${tag}" has an "index" that does not match its tag`);
  }
  if (typeof checksum !== 'string' || !/^[0-9a-f]{64}$/.test(checksum)) {
    throw invalid(file, `entry "${tag}" has no valid "checksum"`);
  }
  if (typeof custom !== 'boolean' || typeof createdAt !== 'string') {
    throw invalid(file, `entry "${tag}" needs "custom" (boolean) and "createdAt" (string)`);
  }
  return { index, tag, checksum, custom, createdAt };
}

/**
 * Reads a migration journal (parsed JSON or its text) and checks it: valid entries, numbers
 * strictly increasing. `file` names it in errors.
 *
 * @example
 * ```ts
 * const journal = parseJournal(await readFile(path, 'utf8'), path);
 * ```
 */
export function parseJournal(input: unknown, file: string): MigrationJournal {
  let value = input;
  if (typeof input === 'string') {
    try {
      value = JSON.parse(input);
    } catch {
      throw invalid(file, 'is not valid JSON');
    }
  }
  if (typeof value !== 'object' || value === null) throw invalid(file, 'is not a JSON object');
  const { version, dialect, entries } = value as Record<string, unknown>;
  if (version !== 1) throw invalid(file, `has version ${JSON.stringify(version)}; this Strata reads version 1`);
  if (dialect !== 'pg' && dialect !== 'sqlite') throw invalid(file, 'needs "dialect": "pg" or "sqlite"');
  if (!Array.isArray(entries)) throw invalid(file, 'needs an "entries" array');
  const read = entries.map((entry, position) => readEntry(entry, position + 1, file));
  for (let i = 1; i < read.length; i++) {
    const previous = read[i - 1] as MigrationJournalEntry;
    const current = read[i] as MigrationJournalEntry;
    if (current.index === previous.index) {
      throw new MigrationError(
        'MIGRATION_JOURNAL_INVALID',
        `${file}: "${previous.tag}" and "${current.tag}" have the same number (merged from two branches?). Rename the newer one's files to the next free number, then run \`strata hash\`.`,
        { file, migration: current.tag },
      );
    }
    if (current.index < previous.index) throw invalid(file, `"${current.tag}" is listed after "${previous.tag}"`);
  }
  return { version: 1, dialect, entries: read };
}
