import { basename, join } from 'node:path';
import { type MigrationDialect, MigrationError } from '@strata/core';
import {
  type MigrateOptions,
  type MigrationRunResult,
  migrate as migrateSet,
  migrationDriverOf,
  type RollbackOptions,
  rollback as rollbackSet,
} from '@strata/sql';
import { readMigrationFolder } from './folder.js';

/** Where migrations come from: a folder in Node, or a set (bundled data). */
export type MigrationSource = { readonly folder: string } | Pick<MigrateOptions, 'migrations'>;

function dialectOf(database: object): MigrationDialect {
  const driver = migrationDriverOf(database);
  if (!driver) {
    throw new MigrationError(
      'MIGRATION_TARGET_INVALID',
      'migrate() needs a database opened by a Strata engine package (createDatabase or connect)',
    );
  }
  return driver.dialect;
}

/** A folder given as the database's migrations folder (`migrations/app`) or its dialect subfolder. */
async function setOf(database: object, source: MigrationSource) {
  if ('migrations' in source) return source.migrations;
  const dialect = dialectOf(database);
  const folder = basename(source.folder) === dialect ? source.folder : join(source.folder, dialect);
  return readMigrationFolder(folder, dialect);
}

/**
 * Applies pending migrations from a folder (Node) or a bundled set: for apps that migrate on start.
 *
 * @example
 * ```ts
 * await migrate(db, { folder: 'migrations/app' }); // reads migrations/app/<db.dialect>
 * ```
 */
export async function migrate(
  database: object,
  options: MigrationSource & Omit<MigrateOptions, 'migrations'>,
): Promise<MigrationRunResult> {
  return migrateSet(database, { ...options, migrations: await setOf(database, options) });
}

/**
 * Undoes applied migrations, newest first, from a folder (Node) or a bundled set.
 *
 * @example
 * ```ts
 * await rollback(db, { folder: 'migrations/app', steps: 1 });
 * ```
 */
export async function rollback(
  database: object,
  options: MigrationSource & Omit<RollbackOptions, 'migrations'>,
): Promise<MigrationRunResult> {
  return rollbackSet(database, { ...options, migrations: await setOf(database, options) });
}
