/**
 * The SQL dialect a migration folder is written for. PostgreSQL servers, Neon and PGlite share
 * `pg`; better-sqlite3 uses `sqlite`.
 */
export type MigrationDialect = 'pg' | 'sqlite';

/** One migration, read and checked: its statements up and down, and the checksum of its files. */
export interface Migration {
  /** `0003_add_slug`: the number and the name, as in the file names. */
  readonly id: string;
  /** The number (3 for `0003_add_slug`): migrations apply in this order. */
  readonly index: number;
  /** The statements that apply it, one per entry, in order. */
  readonly up: readonly string[];
  /** The statements that undo it, one per entry, in order. */
  readonly down: readonly string[];
  /** SHA-256 of the up and down files, as recorded in the journal. */
  readonly checksum: string;
  /** Written by hand (`strata generate --custom`) rather than generated from the schema. */
  readonly custom: boolean;
}

/**
 * Every migration of one database for one dialect: what `migrate(db, { migrations })` applies.
 * Read it from a folder in Node (`readMigrationFolder`) or build it from bundled files in a
 * browser (`migrationSetFromFiles`).
 */
export interface MigrationSet {
  readonly dialect: MigrationDialect;
  /** Ordered by number, without gaps in meaning (numbers may skip). */
  readonly migrations: readonly Migration[];
}

/** A row of the database's migration history. */
export interface AppliedMigration {
  readonly id: string;
  readonly checksum: string;
  /** When it was applied, as an ISO-8601 string. */
  readonly appliedAt: string;
  /** The database's tables right after it was applied, as canonical JSON (drift detection). */
  readonly schemaDump: string | null;
}

/**
 * Where one migration stands against a database:
 * - `applied`: in the history with the same checksum;
 * - `pending`: not applied yet;
 * - `changed`: applied, but its files have changed since (refused until restored);
 * - `missing`: in the history, but no longer in the folder;
 * - `out-of-order`: pending although a migration numbered after it is applied (a branch merge).
 */
export type MigrationStateKind = 'applied' | 'pending' | 'changed' | 'missing' | 'out-of-order';

/** One line of `strata status`. */
export interface MigrationState {
  readonly id: string;
  readonly state: MigrationStateKind;
  /** When it was applied, if it was. */
  readonly appliedAt: string | undefined;
}
