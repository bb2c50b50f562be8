import type { AppliedMigration, MigrationDialect } from '@strata/core';
import type { SQL } from 'drizzle-orm';
import type { GenerationDialect } from './generate.js';

/** A database's tables as its catalog describes them, sorted, for comparisons and fingerprints. */
export interface SchemaDump {
  readonly tables: Readonly<
    Record<
      string,
      {
        /** Column name → its definition (type, nullability, default). */
        readonly columns: Readonly<Record<string, string>>;
        /** Index name → its definition. */
        readonly indexes: Readonly<Record<string, string>>;
        /** Constraint name → its definition (keys, foreign keys, checks). */
        readonly constraints: Readonly<Record<string, string>>;
        /**
         * Row-level security (PostgreSQL): policy name → its definition, and `(row level
         * security)` → `enabled` when it is on. Absent from SQLite dumps and from dumps recorded
         * before Strata read policies, which are then not compared.
         */
        readonly policies?: Readonly<Record<string, string>>;
      }
    >
  >;
}

/** The migration history table: kept out of schema dumps. */
export const HISTORY_TABLE = 'strata_migrations';

/** Where `strata push` keeps the snapshot it last applied: kept out of schema dumps. */
export const PUSH_TABLE = 'strata_push';

/** What a migration may do inside its transaction. */
export interface MigrationSession {
  /** The history as this transaction sees it (after taking the lock). */
  history(): Promise<AppliedMigration[]>;
  /** Runs one statement of a migration. */
  run(statement: string): Promise<void>;
  /** Records a migration as applied. */
  record(row: AppliedMigration): Promise<void>;
  /** Removes a migration from the history (after its down statements ran). */
  forget(id: string): Promise<void>;
  /** The schema as this transaction sees it. */
  dump(): Promise<SchemaDump>;
  /** Drops a table and what depends on it (foreign keys from other tables). */
  dropTable(name: string): Promise<void>;
  /** The snapshot `strata push` last applied, or `null`. */
  pushedSnapshot(): Promise<string | null>;
  /** Records the snapshot `strata push` applied. */
  savePushedSnapshot(snapshot: string): Promise<void>;
  /**
   * Runs a query in the migration's transaction and returns its rows: for bookkeeping that
   * commits with the migration, such as another tool's migration ledger.
   */
  execute(query: SQL): Promise<readonly Record<string, unknown>[]>;
}

/**
 * How migrations reach one engine: each dialect implements it once (postgres/migrator.ts,
 * sqlite/migrator.ts); `migrate`, `rollback` and `migrationStatus` are written on it.
 */
export interface MigrationDriver {
  readonly dialect: MigrationDialect;
  /** drizzle-kit's side of migration generation for the dialect (what `pushSchema` diffs with). */
  readonly generation: GenerationDialect;
  /** The history, oldest first; empty when the history table does not exist yet. */
  history(): Promise<AppliedMigration[]>;
  /**
   * Runs `work` in one transaction on one connection, holding the migration lock (so that two
   * processes migrating at once apply each migration once), waiting at most `lockTimeoutMs`.
   * The history table exists inside. On a throw, everything `work` did is rolled back.
   */
  locked<T>(work: (session: MigrationSession) => Promise<T>, lockTimeoutMs: number): Promise<T>;
  /** The schema as the catalog describes it now. */
  dump(): Promise<SchemaDump>;
  /** One round trip to the engine: its version. */
  ping(): Promise<{ readonly serverVersion: string }>;
}

const drivers = new WeakMap<object, MigrationDriver>();

/**
 * Attaches a migration driver to a database object; engine packages call it when they open one.
 *
 * @example
 * ```ts
 * attachMigrationDriver(database, createSQLiteMigrationDriver({ drizzle, gate }));
 * ```
 */
export function attachMigrationDriver(database: object, driver: MigrationDriver): void {
  drivers.set(database, driver);
}

/**
 * The migration driver of a Strata database, or `undefined` for an object that is not one.
 *
 * @example
 * ```ts
 * const driver = migrationDriverOf(db);
 * ```
 */
export function migrationDriverOf(database: object): MigrationDriver | undefined {
  return drivers.get(database);
}
