import { MigrationError, type SchemaModule } from '@strata/core';
import { generateMigration, type RenameResolver } from './generate.js';
import { HISTORY_TABLE, migrationDriverOf, PUSH_TABLE } from './migration-driver.js';
import type { Snapshot } from './snapshot.js';

/** Options of {@link pushSchema}. */
export interface PushOptions {
  /** The schema module to bring the database to. */
  readonly schema: SchemaModule;
  /** Apply even when tables or columns (and their data) would be dropped. */
  readonly force?: boolean;
  readonly resolveRename?: RenameResolver;
  readonly lockTimeoutMs?: number;
}

/** What {@link pushSchema} did. */
export interface PushResult {
  readonly statements: readonly string[];
  /** Tables and columns dropped (only with `force`). */
  readonly drops: readonly string[];
}

/**
 * Brings a throwaway development database to the schema without writing a migration: the
 * change from what was pushed last, in one transaction. Refuses when it would drop tables or
 * columns, unless `force`. Databases that matter use migrations.
 *
 * @example
 * ```ts
 * await pushSchema(db, { schema });
 * ```
 */
export async function pushSchema(database: object, options: PushOptions): Promise<PushResult> {
  const driver = migrationDriverOf(database);
  if (!driver) {
    throw new MigrationError(
      'MIGRATION_TARGET_INVALID',
      'pushSchema() needs a database opened by a Strata engine package',
    );
  }
  if ((await driver.history()).length > 0) {
    throw new MigrationError(
      'MIGRATION_TARGET_INVALID',
      'This database is managed by migrations (it has a migration history): use `strata migrate`, or `strata reset --force` to start it over',
    );
  }
  const dialect = driver.generation;
  return driver.locked(async (session) => {
    const saved = await session.pushedSnapshot();
    if (saved === null && Object.keys((await session.dump()).tables).length > 0) {
      throw new MigrationError(
        'MIGRATION_TARGET_INVALID',
        'This database has tables that `strata push` did not create: push only manages databases it started, so use migrations, or `strata reset --force` to start it over',
      );
    }
    const generated = await generateMigration({
      dialect,
      schema: options.schema,
      previous: saved === null ? undefined : (JSON.parse(saved) as Snapshot),
      resolveRename: options.resolveRename,
    });
    if (generated.drops.length > 0 && !options.force) {
      throw new MigrationError(
        'MIGRATION_DATA_LOSS',
        `Pushing would drop ${generated.drops.join(', ')} and the data in ${generated.drops.length > 1 ? 'them' : 'it'}. Run again with --force if that is intended.`,
      );
    }
    for (const statement of generated.up) await session.run(statement);
    await session.savePushedSnapshot(JSON.stringify(generated.snapshot));
    return { statements: generated.up, drops: generated.drops };
  }, options.lockTimeoutMs ?? 60_000);
}

/**
 * Drops every table of the database (Strata's history included), for tests and throwaway
 * databases: afterwards `migrate` or `pushSchema` starts from nothing. Running it twice is fine.
 *
 * @example
 * ```ts
 * await resetDatabase(db);
 * await migrate(db, { migrations });
 * ```
 */
export async function resetDatabase(
  database: object,
  options: { readonly lockTimeoutMs?: number } = {},
): Promise<string[]> {
  const driver = migrationDriverOf(database);
  if (!driver) {
    throw new MigrationError(
      'MIGRATION_TARGET_INVALID',
      'resetDatabase() needs a database opened by a Strata engine package',
    );
  }
  return driver.locked(async (session) => {
    const tables = Object.keys((await session.dump()).tables).sort();
    for (const table of [...tables, HISTORY_TABLE, PUSH_TABLE]) await session.dropTable(table);
    return tables;
  }, options.lockTimeoutMs ?? 60_000);
}
