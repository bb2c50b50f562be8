import { StrataError } from '@strata/core';

/**
 * `strata hash` refused to record generated migrations whose files were edited: a generated
 * migration is what the schema diff produced, and an edited one builds something else than the
 * schema describes (the next `generate` diffs from the snapshot, not from the edited SQL, so the
 * difference stays for good). Exit code 1.
 *
 * @example
 * ```ts
 * try { await hashMigrationFolder(folder, 'pg'); }
 * catch (error) { if (error instanceof GeneratedMigrationEditedError) console.error(error.migrations); }
 * ```
 */
export class GeneratedMigrationEditedError extends StrataError {
  /** The folder whose journal was left as it was. */
  readonly folder: string;
  /** The edited generated migrations (`0001_init`). */
  readonly migrations: readonly string[];

  constructor(folder: string, migrations: readonly string[]) {
    const list = migrations.join(', ');
    super(
      'MIGRATION_GENERATED_EDITED',
      `${folder}: ${list} ${migrations.length > 1 ? 'were' : 'was'} generated from the schema and then edited, so the journal was left as it was. ` +
        'An edited generated migration no longer builds what the schema describes, and the next generate will not see the difference. ' +
        'Undo the edit and change the schema instead, or put hand-written SQL in a custom migration (strata generate --custom --name <name>); ' +
        'strata hash --force records the edit anyway.',
    );
    this.name = 'GeneratedMigrationEditedError';
    this.folder = folder;
    this.migrations = migrations;
  }
}
