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
  | 'MIGRATION_DATA_LOSS'
  | 'MIGRATION_NOT_GENERATED';

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

/** Where migrations were looked for, for {@link migrationsNotGenerated}'s message. */
export interface MissingMigrationsContext {
  /** The schema's table names (SQL names). */
  readonly tables: readonly string[];
  /** The dialect folder that was read (`migrations/app/sqlite`), when there is one. */
  readonly folder?: string | undefined;
  /** The configured database's name and engine, when the CLI knows them. */
  readonly database?: { readonly name: string; readonly engine: string } | undefined;
}

/**
 * The error for migrating a database whose schema has tables with no migrations at all (nothing
 * generated yet, or the folder not deployed): without it `migrate` would report "up to date" and
 * the app would fail later on a missing table.
 *
 * @example
 * ```ts
 * throw migrationsNotGenerated({ tables: ['member'], folder: 'migrations/app/sqlite' });
 * ```
 */
export function migrationsNotGenerated(context: MissingMigrationsContext): MigrationError {
  const { tables, folder, database } = context;
  const shown = tables.length > 5 ? `${tables.slice(0, 5).join(', ')}, …` : tables.join(', ');
  const which = database ? ` for database "${database.name}" (${database.engine})` : '';
  const counted = tables.length === 1 ? 'a table' : `${tables.length} tables`;
  // The CLI can say which command comes next; an app needs the generated files shipped with it.
  const remedy = database
    ? 'Run `strata generate` first, then `strata migrate`.'
    : 'Run `strata generate` first and ship the generated migrations with the app.';
  return new MigrationError(
    'MIGRATION_NOT_GENERATED',
    `No migrations${which}${folder ? ` in ${folder}` : ''}, but the schema has ${counted} (${shown}) that nothing would create. ${remedy}`,
    { file: folder },
  );
}
