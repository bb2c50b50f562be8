import type { MigrationSet } from '@strata/core';
import { dialectFolder, migrate, migrationStatus, readMigrationFolder, rollback } from '@strata/sql/migrate';
import { httpErrorOf } from './errors.js';
import { HttpError } from './http.js';
import type { OpenDatabase } from './state.js';

/** One migration as the migrations page shows it: where it stands, and the SQL both ways. */
export interface MigrationView {
  readonly id: string;
  readonly state: 'applied' | 'pending' | 'changed' | 'missing' | 'out-of-order';
  readonly appliedAt: string | undefined;
  readonly custom: boolean;
  readonly up: readonly string[];
  readonly down: readonly string[];
}

/** What `strata status` says about one database, with each migration's SQL. */
export interface MigrationsView {
  readonly dialect: string;
  readonly folder: string;
  readonly migrations: readonly MigrationView[];
  readonly pending: number;
  /** What blocks applying (changed, missing, out-of-order migrations). */
  readonly problems: readonly string[];
  /** Changes made to the live tables outside migrations (drift). */
  readonly drift: readonly string[];
}

async function setOf(database: OpenDatabase): Promise<{ folder: string; set: MigrationSet }> {
  if (database.migrations === undefined) {
    throw new HttpError(404, 'NO_MIGRATIONS', `database "${database.name}" has no migrations folder`);
  }
  const folder = dialectFolder(database.migrations, database.db.dialect);
  return { folder, set: await readMigrationFolder(folder, database.db.dialect) };
}

/**
 * Every migration of a database with its state (applied, pending, changed, missing,
 * out-of-order), the problems that block `migrate`, and drift — what `strata status` reports.
 *
 * @example
 * ```ts
 * const view = await migrationsOf(database); // view.pending === 1
 * ```
 */
export async function migrationsOf(database: OpenDatabase): Promise<MigrationsView> {
  try {
    const { folder, set } = await setOf(database);
    const status = await migrationStatus(database.db, { migrations: set });
    const files = new Map(set.migrations.map((migration) => [migration.id, migration]));
    return {
      dialect: set.dialect,
      folder,
      migrations: status.states.map((state) => {
        const migration = files.get(state.id);
        return {
          ...state,
          custom: migration?.custom ?? false,
          up: migration?.up ?? [],
          down: migration?.down ?? [],
        };
      }),
      pending: status.pending,
      problems: status.problems,
      drift: status.drift,
    };
  } catch (error) {
    throw httpErrorOf(error);
  }
}

/** The ids the browser showed and confirmed: what runs must be exactly that, or nothing runs. */
function confirmed(body: Record<string, unknown>, actual: readonly string[]): void {
  const expected = body.expect;
  if (!Array.isArray(expected) || expected.join('\n') !== actual.join('\n')) {
    throw new HttpError(
      409,
      'MIGRATIONS_CHANGED',
      `the migrations to run are now ${actual.join(', ') || 'none'}: reload the page and confirm again`,
    );
  }
}

/**
 * Applies every pending migration (`migrate`), once the browser confirms the list it showed
 * (`{ expect: ['0002_add_slug'] }`).
 *
 * @example
 * ```ts
 * await applyMigrations(database, { expect: ['0002_add_slug'] });
 * ```
 */
export async function applyMigrations(database: OpenDatabase, body: Record<string, unknown>): Promise<MigrationsView> {
  const view = await migrationsOf(database);
  confirmed(
    body,
    view.migrations.filter((migration) => migration.state === 'pending').map((migration) => migration.id),
  );
  try {
    await migrate(database.db, { migrations: (await setOf(database)).set });
  } catch (error) {
    throw httpErrorOf(error);
  }
  return migrationsOf(database);
}

/**
 * Undoes the newest applied migration (`rollback`, one step), once the browser confirms which
 * (`{ expect: ['0002_add_slug'] }`).
 *
 * @example
 * ```ts
 * await rollbackMigration(database, { expect: ['0002_add_slug'] });
 * ```
 */
export async function rollbackMigration(
  database: OpenDatabase,
  body: Record<string, unknown>,
): Promise<MigrationsView> {
  const view = await migrationsOf(database);
  const newest = view.migrations.filter((migration) => migration.state === 'applied').at(-1);
  confirmed(body, newest ? [newest.id] : []);
  try {
    await rollback(database.db, { migrations: (await setOf(database)).set, steps: 1 });
  } catch (error) {
    throw httpErrorOf(error);
  }
  return migrationsOf(database);
}
