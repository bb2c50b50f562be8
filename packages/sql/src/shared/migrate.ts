import {
  type AppliedMigration,
  collectSchema,
  getTableInfo,
  type Migration,
  MigrationError,
  type MigrationErrorCode,
  type MigrationSet,
  type MigrationState,
  migrationsNotGenerated,
  planMigrations,
  type SchemaModule,
} from '@strata/core';
import { type MigrationDriver, type MigrationSession, migrationDriverOf, type SchemaDump } from './migration-driver.js';
import { rootMessage } from './migration-errors.js';
import type { MigrationLedger } from './migration-ledger.js';
import { compareDumps, serializeDump } from './schema-dump.js';

/** Progress of `migrate` and `rollback`, one event per migration step. */
export interface MigrationProgress {
  readonly migration: string;
  /**
   * `skipped`: another process applied (or undid) it while this one waited for the lock.
   * `adopted`: the `ledger`'s tool had applied it, so Strata recorded it without running it.
   */
  readonly phase: 'start' | 'done' | 'skipped' | 'adopted';
  /** 1-based position among the migrations this call runs, and their number. */
  readonly position: number;
  readonly total: number;
  /** Time the step took, on `done`. */
  readonly durationMs?: number;
}

/** Options shared by `migrate` and `rollback`. */
export interface MigrationRunOptions {
  /** The migrations (from `readMigrationFolder` in Node, `migrationSetFromFiles` anywhere). */
  readonly migrations: MigrationSet;
  /** How long to wait for another process's migration lock. Default 60 s. */
  readonly lockTimeoutMs?: number;
  readonly onProgress?: (event: MigrationProgress) => void;
  /**
   * Another tool's record of applied migrations to keep in step (the Supabase CLI's: see
   * `supabaseMigrationLedger`), so that neither tool applies a migration twice.
   */
  readonly ledger?: MigrationLedger;
}

/** Options of {@link migrate}. */
export interface MigrateOptions extends MigrationRunOptions {
  /** Apply up to this migration number (included). Default: all. */
  readonly to?: number;
  /** Apply migrations that are pending behind a later applied one (after a branch merge). */
  readonly allowOutOfOrder?: boolean;
}

/** Options of {@link rollback}. */
export interface RollbackOptions extends MigrationRunOptions {
  /** Undo this many applied migrations, newest first. Default 1 (ignored when `to` is given). */
  readonly steps?: number;
  /** Undo every applied migration numbered above this (0: undo all). */
  readonly to?: number;
}

/** What `migrate` or `rollback` did. */
export interface MigrationRunResult {
  /** Migrations applied (or undone), in the order they ran. */
  readonly migrations: readonly string[];
  /** Migrations the `ledger`'s tool had applied, recorded by Strata without running them. */
  readonly adopted: readonly string[];
  readonly durationMs: number;
}

/** Where a database stands against a migration set. */
export interface MigrationStatus {
  readonly states: readonly MigrationState[];
  readonly pending: number;
  /** What stops `migrate`, as messages (changed, missing, out-of-order migrations). */
  readonly problems: readonly string[];
  /**
   * Changes to the live tables made outside migrations since the last one was applied (lines
   * like `+ post.slug: text`); empty when none.
   */
  readonly drift: readonly string[];
}

const DEFAULT_LOCK_TIMEOUT_MS = 60_000;

function driverOf(database: object, set: MigrationSet): MigrationDriver {
  const driver = migrationDriverOf(database);
  if (!driver) {
    throw new MigrationError(
      'MIGRATION_TARGET_INVALID',
      'migrate() needs a database opened by a Strata engine package (createDatabase from @strata/sqlite, @strata/pglite or @strata/postgres)',
    );
  }
  if (driver.dialect !== set.dialect) {
    throw new MigrationError(
      'MIGRATION_DIALECT_MISMATCH',
      `These migrations are written for ${set.dialect} but the database speaks ${driver.dialect}: use the migrations/<database>/${driver.dialect} folder`,
    );
  }
  return driver;
}

async function runStatements(session: MigrationSession, migration: Migration, statements: readonly string[]) {
  for (const [position, statement] of statements.entries()) {
    try {
      await session.run(statement);
    } catch (error) {
      const excerpt = statement.length > 300 ? `${statement.slice(0, 300)}…` : statement;
      throw new MigrationError(
        'MIGRATION_FAILED',
        `${migration.id}: statement ${position + 1} of ${statements.length} failed: ${rootMessage(error)}. The migration was rolled back; the database is as it was before it.\n${excerpt}`,
        { migration: migration.id, statement: { index: position + 1, sql: statement }, cause: error },
      );
    }
  }
}

/** Names the migration in errors the driver raised around it (lock timeout, dangling foreign keys). */
async function withMigrationName<T>(id: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof MigrationError && error.migration === undefined) {
      throw new MigrationError(error.code as MigrationErrorCode, `${id}: ${error.message}`, {
        migration: id,
        cause: error.cause,
      });
    }
    throw error;
  }
}

/** The SQL names of the tables of a Strata database's schema module. */
function schemaTableNames(database: object): string[] {
  const { schema } = database as { readonly schema?: SchemaModule };
  if (typeof schema !== 'object' || schema === null) return [];
  return [...collectSchema(schema).tables.values()].map((table) => getTableInfo(table).name);
}

function refuse(problems: readonly MigrationError[], allowOutOfOrder: boolean): void {
  const blocking = problems.filter((problem) => !(allowOutOfOrder && problem.code === 'MIGRATION_OUT_OF_ORDER'));
  if (blocking.length > 0) throw blocking[0];
}

/**
 * Applies pending migrations, each in its own transaction holding a lock, so that a failure
 * leaves the database at the last good migration and two processes starting at once apply each
 * migration exactly once. Refuses (before changing anything) when an applied migration has
 * changed or disappeared, when a pending one sits behind a later applied one, and when there
 * are no migrations at all for a schema with tables (`MIGRATION_NOT_GENERATED`: run
 * `strata generate` first).
 *
 * @example
 * ```ts
 * const migrations = await readMigrationFolder('migrations/app/sqlite'); // from @strata/cli
 * await migrate(db, { migrations });
 * ```
 */
export async function migrate(database: object, options: MigrateOptions): Promise<MigrationRunResult> {
  const started = performance.now();
  const driver = driverOf(database, options.migrations);
  const history = await driver.history();
  if (options.migrations.migrations.length === 0 && history.length === 0) {
    // "Up to date" here would be wrong: nothing creates the schema's tables.
    const tables = schemaTableNames(database);
    if (tables.length > 0) throw migrationsNotGenerated({ tables });
  }
  const plan = planMigrations(options.migrations, history);
  refuse(plan.problems, options.allowOutOfOrder ?? false);
  const targets = plan.pending.filter((migration) => options.to === undefined || migration.index <= options.to);
  const done: string[] = [];
  const adopted: string[] = [];
  const { ledger } = options;
  for (const [position, migration] of targets.entries()) {
    const step = { migration: migration.id, position: position + 1, total: targets.length };
    options.onProgress?.({ ...step, phase: 'start' });
    const stepStarted = performance.now();
    const outcome = await withMigrationName(migration.id, () =>
      driver.locked(async (session): Promise<'done' | 'skipped' | 'adopted'> => {
        // Another process may have applied it while this one waited for the lock.
        const again = planMigrations(options.migrations, await session.history());
        refuse(again.problems, options.allowOutOfOrder ?? false);
        if (!again.pending.some((pending) => pending.id === migration.id)) return 'skipped';
        const elsewhere = ledger ? await ledger.applied(session, migration) : false;
        if (!elsewhere) await runStatements(session, migration, migration.up);
        const row: AppliedMigration = {
          id: migration.id,
          checksum: migration.checksum,
          appliedAt: new Date().toISOString(),
          schemaDump: serializeDump(await session.dump()),
        };
        await session.record(row);
        if (elsewhere) return 'adopted';
        await ledger?.record(session, migration);
        return 'done';
      }, options.lockTimeoutMs ?? DEFAULT_LOCK_TIMEOUT_MS),
    );
    if (outcome === 'done') done.push(migration.id);
    if (outcome === 'adopted') adopted.push(migration.id);
    options.onProgress?.({ ...step, phase: outcome, durationMs: performance.now() - stepStarted });
  }
  return { migrations: done, adopted, durationMs: performance.now() - started };
}

/**
 * Undoes applied migrations, newest first, each with its down statements in its own
 * transaction. Refuses when an applied migration has changed or is missing from the set (its
 * down statements could not be trusted).
 *
 * @example
 * ```ts
 * await rollback(db, { migrations, steps: 1 });
 * await rollback(db, { migrations, to: 0 }); // everything
 * ```
 */
export async function rollback(database: object, options: RollbackOptions): Promise<MigrationRunResult> {
  const started = performance.now();
  const driver = driverOf(database, options.migrations);
  const { steps, to } = options;
  if (to === undefined && steps !== undefined && !(Number.isSafeInteger(steps) && steps >= 0)) {
    throw new MigrationError('MIGRATION_TARGET_INVALID', `steps must be a whole number ≥ 0, got ${steps}`);
  }
  if (to !== undefined && !(Number.isSafeInteger(to) && to >= 0)) {
    throw new MigrationError('MIGRATION_TARGET_INVALID', `to must be a migration number ≥ 0, got ${to}`);
  }
  const plan = planMigrations(options.migrations, await driver.history());
  refuse(
    plan.problems.filter((problem) => problem.code !== 'MIGRATION_OUT_OF_ORDER'),
    false,
  );
  const newestFirst = [...plan.applied].reverse();
  const targets =
    to === undefined ? newestFirst.slice(0, steps ?? 1) : newestFirst.filter((migration) => migration.index > to);
  const done: string[] = [];
  for (const [position, migration] of targets.entries()) {
    const step = { migration: migration.id, position: position + 1, total: targets.length };
    options.onProgress?.({ ...step, phase: 'start' });
    const stepStarted = performance.now();
    const undone = await withMigrationName(migration.id, () =>
      driver.locked(async (session) => {
        if (!(await session.history()).some((row) => row.id === migration.id)) return false;
        await runStatements(session, migration, migration.down);
        await session.forget(migration.id);
        await options.ledger?.forget(session, migration);
        return true;
      }, options.lockTimeoutMs ?? DEFAULT_LOCK_TIMEOUT_MS),
    );
    if (undone) done.push(migration.id);
    options.onProgress?.({ ...step, phase: undone ? 'done' : 'skipped', durationMs: performance.now() - stepStarted });
  }
  return { migrations: done, adopted: [], durationMs: performance.now() - started };
}

/**
 * Where a database stands: each migration's state, what blocks `migrate`, and changes made to
 * the live tables outside migrations since the last one was applied.
 *
 * @example
 * ```ts
 * const status = await migrationStatus(db, { migrations });
 * if (status.pending > 0) console.log(`${status.pending} migrations to apply`);
 * ```
 */
export async function migrationStatus(
  database: object,
  options: { readonly migrations: MigrationSet },
): Promise<MigrationStatus> {
  const driver = driverOf(database, options.migrations);
  const history = await driver.history();
  const plan = planMigrations(options.migrations, history);
  const last = history.at(-1);
  const drift = last?.schemaDump ? compareDumps(JSON.parse(last.schemaDump) as SchemaDump, await driver.dump()) : [];
  return {
    states: plan.states,
    pending: plan.pending.length,
    problems: plan.problems.map((problem) => problem.message),
    drift,
  };
}

/**
 * The tables of a database as its catalog describes them (columns, indexes, constraints),
 * without Strata's history table: compare two with `compareDumps`.
 *
 * @example
 * ```ts
 * const before = await dumpSchema(db);
 * ```
 */
export async function dumpSchema(database: object): ReturnType<MigrationDriver['dump']> {
  const driver = migrationDriverOf(database);
  if (!driver) {
    throw new MigrationError(
      'MIGRATION_TARGET_INVALID',
      'dumpSchema() needs a database opened by a Strata engine package',
    );
  }
  return driver.dump();
}

export { compareDumps };
