import type { Migration } from '@strata/core';
import type { MigrationSession } from './migration-driver.js';

/**
 * Another tool's record of applied migrations, kept in step with Strata's own inside each
 * migration's transaction, so that the two tools never apply one migration twice: a migration
 * the other tool already applied is recorded by Strata without running it again, one Strata
 * applies (or undoes) is added to (or removed from) the other tool's record in the same commit.
 * `supabaseMigrationLedger` (from `@strata/sql/postgres`) is the one for the Supabase CLI.
 *
 * @example
 * ```ts
 * await migrate(db, { migrations, ledger: supabaseMigrationLedger(versions) });
 * ```
 */
export interface MigrationLedger {
  /** Who keeps it, for messages: `the Supabase CLI`. */
  readonly keeper: string;
  /** Whether the other tool already applied `migration` (read inside the migration's lock). */
  applied(session: MigrationSession, migration: Migration): Promise<boolean>;
  /** Records `migration`, just applied by Strata, in the other tool's record. */
  record(session: MigrationSession, migration: Migration): Promise<void>;
  /** Removes `migration`, just undone by Strata, from the other tool's record. */
  forget(session: MigrationSession, migration: Migration): Promise<void>;
}
