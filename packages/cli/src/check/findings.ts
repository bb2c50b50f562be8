import type { MigrationDialect } from '@strata/core';

/**
 * Which part of `strata check` found a problem:
 * - `folder`: a migration folder that cannot be read (a file edited after the journal recorded
 *   it, one missing, an invalid journal);
 * - `schema`: the schema has changes no migration has (run `strata generate`);
 * - `replay`: the migrations, replayed into an empty in-memory database, do not build what the
 *   schema builds (a generated migration edited by hand);
 * - `replay-failed`: a migration fails on an empty database (a data fix that assumes rows);
 * - `database`: a live database is behind, refuses its migrations, or was changed by hand.
 */
export type CheckFindingKind = 'folder' | 'schema' | 'replay' | 'replay-failed' | 'database';

/**
 * A problem `strata check` found: the command exits 1.
 *
 * @example
 * ```ts
 * const finding: CheckFinding = {
 *   database: 'app',
 *   dialect: 'pg',
 *   kind: 'replay',
 *   problem: 'the migrations do not build the schema: + habit_entries.mood: text null (in the migrations, not the schema)',
 * };
 * ```
 */
export interface CheckFinding {
  readonly database: string;
  readonly dialect?: MigrationDialect;
  readonly kind: CheckFindingKind;
  readonly problem: string;
}

/**
 * What `strata check` reports without failing:
 * - `skipped`: a part that could not run here (the engine package to replay a dialect's
 *   migrations is not installed, or a migration uses what PGlite lacks, such as an extension);
 * - `custom`: a difference from the schema that a custom migration makes on purpose (an index or
 *   a table the schema does not describe);
 * - `not-connected`: a database without a `connection`, so its live state was not checked.
 */
export type CheckNoteKind = 'skipped' | 'custom' | 'not-connected';

/**
 * A remark of `strata check` that does not fail it.
 *
 * @example
 * ```ts
 * const note: CheckNote = { database: 'app', dialect: 'pg', kind: 'skipped', message: 'not replayed: …' };
 * ```
 */
export interface CheckNote {
  readonly database: string;
  readonly dialect?: MigrationDialect;
  readonly kind: CheckNoteKind;
  readonly message: string;
}

/**
 * What {@link checkProject} found.
 *
 * @example
 * ```ts
 * const { ok, findings } = await checkProject(config, { offline: true });
 * ```
 */
export interface CheckResult {
  /** No findings. */
  readonly ok: boolean;
  readonly findings: readonly CheckFinding[];
  readonly notes: readonly CheckNote[];
  /** The databases whose live state was checked: none with `offline`. */
  readonly databasesChecked: readonly string[];
}
