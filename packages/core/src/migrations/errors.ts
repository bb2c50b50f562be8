import { StrataError } from '../errors.js';

/** What went wrong with migrations; each code has one remedy, given in the message. */
export type MigrationErrorCode =
  | 'MIGRATION_JOURNAL_INVALID'
  | 'MIGRATION_FILE_MISSING'
  | 'MIGRATION_TAMPERED'
  | 'MIGRATION_UNLISTED'
  | 'MIGRATION_CHANGED'
  | 'MIGRATION_MISSING'
  | 'MIGRATION_OUT_OF_ORDER'
  | 'MIGRATION_DIALECT_MISMATCH'
  | 'MIGRATION_FAILED'
  | 'MIGRATION_LOCK_TIMEOUT'
  | 'MIGRATION_FOREIGN_KEYS'
  | 'MIGRATION_TARGET_INVALID'
  | 'MIGRATION_RENAME_AMBIGUOUS'
  | 'MIGRATION_DATA_LOSS';

/** Details a migration error carries besides its message. */
export interface MigrationErrorDetails {
  /** The migration concerned (`0003_add_slug`). */
  readonly migration?: string | undefined;
  /** The file concerned. */
  readonly file?: string | undefined;
  /** For `MIGRATION_FAILED`: the 1-based number of the statement that failed, and its text. */
  readonly statement?: { readonly index: number; readonly sql: string } | undefined;
  readonly cause?: unknown;
}

/**
 * A migration could not be read, planned or applied. The database is as it was before the
 * failing migration: each migration runs in its own transaction.
 *
 * @example
 * ```ts
 * try { await migrate(db, { migrations }); }
 * catch (error) { if (error instanceof MigrationError) console.error(error.migration, error.message); }
 * ```
 */
export class MigrationError extends StrataError {
  readonly migration: string | undefined;
  readonly file: string | undefined;
  readonly statement: { readonly index: number; readonly sql: string } | undefined;

  constructor(code: MigrationErrorCode, message: string, details: MigrationErrorDetails = {}) {
    super(code, message, details.cause === undefined ? {} : { cause: details.cause });
    this.name = 'MigrationError';
    this.migration = details.migration;
    this.file = details.file;
    this.statement = details.statement;
  }
}
