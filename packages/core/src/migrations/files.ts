import { migrationChecksum } from './checksum.js';
import { MigrationError } from './errors.js';
import { JOURNAL_FILE, MIGRATION_TAG, migrationFiles, parseJournal } from './journal.js';
import { splitStatements } from './statements.js';
import type { Migration, MigrationSet } from './types.js';

/** The files of one migration folder, by path (any prefix), as text; the journal may be parsed JSON. */
export type MigrationFiles = Readonly<Record<string, string | object>>;

/** Keys as `import.meta.glob` or a folder reader give them: keep what follows the folder. */
function byName(files: MigrationFiles): Map<string, string | object> {
  const named = new Map<string, string | object>();
  for (const [path, content] of Object.entries(files)) {
    const normalized = path.replace(/\\/g, '/');
    const name = normalized.endsWith(JOURNAL_FILE) ? JOURNAL_FILE : (normalized.split('/').pop() ?? normalized);
    named.set(name, content);
  }
  return named;
}

function text(named: Map<string, string | object>, name: string, tag: string, where: string): string {
  const content = named.get(name);
  if (typeof content !== 'string') {
    throw new MigrationError(
      'MIGRATION_FILE_MISSING',
      `${where}/${name} is missing although the journal lists "${tag}". Restore it, or remove the entry and run \`strata hash\`.`,
      { migration: tag, file: `${where}/${name}` },
    );
  }
  return content;
}

/**
 * Builds a migration set from a folder's files, checking each against the journal: a file
 * edited after it was recorded, a missing file or a migration missing from the journal is an
 * error naming it. In a browser, bundle the files (for instance with Vite's
 * `import.meta.glob('./migrations/app/pg/**', { query: '?raw', eager: true, import: 'default' })`).
 *
 * @example
 * ```ts
 * const migrations = await migrationSetFromFiles(files, 'migrations/app/pg');
 * await migrate(db, { migrations });
 * ```
 */
export async function migrationSetFromFiles(files: MigrationFiles, where = 'migrations'): Promise<MigrationSet> {
  const named = byName(files);
  const journalFile = `${where}/${JOURNAL_FILE}`;
  const journalContent = named.get(JOURNAL_FILE);
  if (journalContent === undefined) {
    throw new MigrationError(
      'MIGRATION_JOURNAL_INVALID',
      `${journalFile} is missing. Run \`strata generate\` to start the folder, or \`strata hash\` to rebuild the journal.`,
      { file: journalFile },
    );
  }
  const journal = parseJournal(journalContent, journalFile);
  const listed = new Set(journal.entries.map((entry) => entry.tag));
  for (const name of named.keys()) {
    const tag = name.replace(/(\.down)?\.sql$/, '');
    if (name.endsWith('.sql') && MIGRATION_TAG.test(tag) && !listed.has(tag)) {
      throw new MigrationError(
        'MIGRATION_UNLISTED',
        `${where}/${name} is not in the journal (added by hand or merged from another branch?). Run \`strata hash\` to record it.`,
        { migration: tag, file: `${where}/${name}` },
      );
    }
  }
  const migrations: Migration[] = [];
  for (const entry of journal.entries) {
    const names = migrationFiles(entry.tag);
    const up = text(named, names.up, entry.tag, where);
    const down = text(named, names.down, entry.tag, where);
    if ((await migrationChecksum(up, down)) !== entry.checksum) {
      throw new MigrationError(
        'MIGRATION_TAMPERED',
        `${where}/${names.up} (or its .down.sql) changed after the journal recorded it. If the edit is intended and the migration is not applied anywhere yet, run \`strata hash\`; otherwise restore the file.`,
        { migration: entry.tag, file: `${where}/${names.up}` },
      );
    }
    migrations.push({
      id: entry.tag,
      index: entry.index,
      up: splitStatements(up),
      down: splitStatements(down),
      checksum: entry.checksum,
      custom: entry.custom,
    });
  }
  return { dialect: journal.dialect, migrations };
}
