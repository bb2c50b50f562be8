import { basename, join } from 'node:path';
import {
  collectSchema,
  getTableInfo,
  type MigrationDialect,
  MigrationError,
  migrationsNotGenerated,
  type SchemaModule,
} from '@strata/core';
import {
  type HealthOptions,
  type HealthReport,
  type MigrateOptions,
  type MigrationRunResult,
  type MigrationStatus,
  migrate as migrateSet,
  migrationDriverOf,
  migrationStatus as migrationStatusOfSet,
  type RollbackOptions,
  rollback as rollbackSet,
  health as sqlHealth,
} from '../index.js';
import { supabaseMigrationLedger } from '../postgres/supabase-ledger.js';
import { readMigrationFolder } from './migration-folder.js';
import { readSupabaseVersions } from './supabase-folder.js';

/** Where migrations come from: a folder in Node, or a set (bundled data). */
export type MigrationSource = { readonly folder: string } | Pick<MigrateOptions, 'migrations'>;

/** The Supabase CLI's migrations folder, for projects where both tools apply migrations. */
export interface SupabaseLayout {
  /**
   * `supabase/migrations`, holding the copies `strata generate` writes: a migration that
   * `supabase db push` applied is recorded without running it again, and each one Strata applies
   * or undoes is added to or removed from the Supabase CLI's record in the same transaction.
   * PostgreSQL only.
   */
  readonly supabaseFolder?: string;
}

async function ledgerOf(database: object, layout: SupabaseLayout) {
  if (layout.supabaseFolder === undefined) return undefined;
  if (dialectOf(database) !== 'pg') {
    throw new MigrationError(
      'MIGRATION_TARGET_INVALID',
      `supabaseFolder is for PostgreSQL databases; this one speaks ${dialectOf(database)}: leave supabaseFolder out`,
    );
  }
  return supabaseMigrationLedger(await readSupabaseVersions(layout.supabaseFolder));
}

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
function folderOf(database: object, folder: string): string {
  const dialect = dialectOf(database);
  return basename(folder) === dialect ? folder : join(folder, dialect);
}

async function setOf(database: object, source: MigrationSource) {
  if ('migrations' in source) return source.migrations;
  return readMigrationFolder(folderOf(database, source.folder), dialectOf(database));
}

/**
 * `MIGRATION_NOT_GENERATED` from the runner, with the folder it read (and, from the CLI, the
 * configured database) named: the runner only sees the set.
 *
 * @example
 * ```ts
 * await migrateSet(db, { migrations }).catch((error) => { throw namingFolder(error, db, folder); });
 * ```
 */
export function namingFolder(
  error: unknown,
  database: object,
  folder: string,
  configured?: { readonly name: string; readonly engine: string },
): unknown {
  if (!(error instanceof MigrationError) || error.code !== 'MIGRATION_NOT_GENERATED') return error;
  const schema = (database as { readonly schema: SchemaModule }).schema;
  const tables = [...collectSchema(schema).tables.values()].map((table) => getTableInfo(table).name);
  return migrationsNotGenerated({ tables, folder, database: configured });
}

/**
 * Applies pending migrations from a folder (Node) or a bundled set: for apps that migrate on start.
 *
 * @example
 * ```ts
 * await migrate(db, { folder: 'migrations/app' }); // reads migrations/app/<db.dialect>
 * await migrate(db, { folder: 'migrations/app', supabaseFolder: 'supabase/migrations' });
 * ```
 */
export async function migrate(
  database: object,
  options: MigrationSource & Omit<MigrateOptions, 'migrations' | 'ledger'> & SupabaseLayout,
): Promise<MigrationRunResult> {
  const migrations = await setOf(database, options);
  const ledger = await ledgerOf(database, options);
  return migrateSet(database, { ...options, migrations, ...(ledger && { ledger }) }).catch((error: unknown) => {
    throw 'folder' in options ? namingFolder(error, database, folderOf(database, options.folder)) : error;
  });
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
  options: MigrationSource & Omit<RollbackOptions, 'migrations' | 'ledger'> & SupabaseLayout,
): Promise<MigrationRunResult> {
  const ledger = await ledgerOf(database, options);
  return rollbackSet(database, { ...options, migrations: await setOf(database, options), ...(ledger && { ledger }) });
}

/**
 * Where a database stands against a folder (Node) or a bundled set: each migration applied or
 * pending, what blocks `migrate`, and changes made to the tables outside migrations.
 *
 * @example
 * ```ts
 * const status = await migrationStatus(db, { folder: 'migrations/app' });
 * if (status.pending > 0) console.warn(`${status.pending} migrations to apply`);
 * ```
 */
export async function migrationStatus(database: object, source: MigrationSource): Promise<MigrationStatus> {
  return migrationStatusOfSet(database, { migrations: await setOf(database, source) });
}

/**
 * A database's health for an HTTP endpoint: engine, version, latency and, given a folder or a
 * set, how many migrations are pending. A database that is down is `{ ok: false, error }`; a
 * folder that cannot be read (a file edited after the journal recorded it) throws, as `migrate`
 * would: that is a broken deployment, not a database that is down.
 *
 * @example
 * ```ts
 * const report = await health(db, { folder: 'migrations/app' });
 * response.status(report.ok ? 200 : 503).json(report);
 * ```
 */
export async function health(
  database: object,
  options: Partial<MigrationSource> & Omit<HealthOptions, 'migrations'> = {},
): Promise<HealthReport> {
  const { timeoutMs } = options;
  const source = sourceOf(options);
  // Not a Strata database: the report says so (health never throws for the database itself).
  if (source === undefined || !migrationDriverOf(database)) return sqlHealth(database, { timeoutMs });
  return sqlHealth(database, { timeoutMs, migrations: await setOf(database, source) });
}

function sourceOf(options: Partial<MigrationSource>): MigrationSource | undefined {
  if ('migrations' in options && options.migrations !== undefined) return { migrations: options.migrations };
  if ('folder' in options && options.folder !== undefined) return { folder: options.folder };
  return undefined;
}
