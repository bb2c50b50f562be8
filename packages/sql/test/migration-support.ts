import {
  JOURNAL_FILE,
  joinStatements,
  type MigrationDialect,
  MigrationError,
  type MigrationSet,
  migrationChecksum,
  migrationFiles,
  migrationSetFromFiles,
  migrationTag,
} from '@strata/core';
import type { GeneratedMigration } from '@strata/sql';

/** A migration folder held in memory: what `strata generate` would have written. */
export class MemoryFolder {
  readonly files: Record<string, string> = {};
  readonly #entries: object[] = [];

  constructor(readonly dialect: MigrationDialect) {
    this.#writeJournal();
  }

  #writeJournal() {
    this.files[JOURNAL_FILE] = JSON.stringify({ version: 1, dialect: this.dialect, entries: this.#entries });
  }

  async add(
    name: string,
    migration: Pick<GeneratedMigration, 'up' | 'down'>,
    custom = false,
    index = this.#entries.length + 1,
  ): Promise<string> {
    const tag = migrationTag(index, name);
    const names = migrationFiles(tag);
    const up = joinStatements(migration.up);
    const down = joinStatements(migration.down);
    this.files[names.up] = up;
    this.files[names.down] = down;
    this.#entries.push({
      index,
      tag,
      checksum: await migrationChecksum(up, down),
      custom,
      createdAt: new Date(0).toISOString(),
    });
    this.#writeJournal();
    return tag;
  }

  set(): Promise<MigrationSet> {
    return migrationSetFromFiles(this.files, `migrations/test/${this.dialect}`);
  }
}

/** The MigrationError `work` rejects with (any other outcome fails the test). */
export async function migrationError(work: () => Promise<unknown>): Promise<MigrationError> {
  try {
    await work();
  } catch (error) {
    if (error instanceof MigrationError) return error;
    throw error;
  }
  throw new Error('expected a MigrationError');
}
