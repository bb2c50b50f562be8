import type { Migration } from '@strata/core';
import { sql } from 'drizzle-orm';
import type { MigrationSession } from '../shared/migration-driver.js';
import type { MigrationLedger } from '../shared/migration-ledger.js';

/** Where the Supabase CLI records the migrations `supabase db push` applied. */
const SCHEMA = 'supabase_migrations';
const TABLE = 'schema_migrations';
const ledgerTable = sql`${sql.identifier(SCHEMA)}.${sql.identifier(TABLE)}`;

/**
 * Read from the catalog: a session waiting on the migration lock would miss a table another
 * process just created if it asked `to_regclass` (see the PostgreSQL migrator).
 */
async function ledgerExists(session: MigrationSession): Promise<boolean> {
  const found = await session.execute(
    sql`select 1 as "found" from pg_catalog.pg_tables where schemaname = ${SCHEMA} and tablename = ${TABLE}`,
  );
  return found.length > 0;
}

/**
 * The table as the Supabase CLI creates it (version, statements, name): its own later
 * `create … if not exists` and `add column if not exists` statements accept it as it is.
 */
async function createLedger(session: MigrationSession): Promise<void> {
  await session.execute(sql`create schema if not exists ${sql.identifier(SCHEMA)}`);
  await session.execute(sql`create table if not exists ${ledgerTable} (
    "version" text not null primary key, "statements" text[], "name" text)`);
}

function versionOf(versions: ReadonlyMap<string, string>, migration: Migration): string | undefined {
  return versions.get(migration.id);
}

/**
 * The Supabase CLI's migration record (`supabase_migrations.schema_migrations`) as a
 * {@link MigrationLedger}: `versions` maps each Strata migration (`0002_add_slug`) to the
 * version of its copy in `supabase/migrations` (`20261206190503`), as `readSupabaseVersions`
 * (from `@strata/sql/migrate`) reads them. A migration without a copy is Strata's alone.
 *
 * @example
 * ```ts
 * const versions = await readSupabaseVersions('supabase/migrations');
 * await migrate(db, { migrations, ledger: supabaseMigrationLedger(versions) });
 * ```
 */
export function supabaseMigrationLedger(versions: ReadonlyMap<string, string>): MigrationLedger {
  return {
    keeper: 'the Supabase CLI',
    async applied(session, migration) {
      const version = versionOf(versions, migration);
      if (version === undefined || !(await ledgerExists(session))) return false;
      const rows = await session.execute(sql`select 1 as "found" from ${ledgerTable} where "version" = ${version}`);
      return rows.length > 0;
    },
    async record(session, migration) {
      const version = versionOf(versions, migration);
      if (version === undefined) return;
      if (!(await ledgerExists(session))) await createLedger(session);
      // The statements as an array literal of parameters: an empty migration is an empty array.
      const statements = migration.up.length
        ? sql`array[${sql.join(
            migration.up.map((statement) => sql`${statement}`),
            sql`, `,
          )}]::text[]`
        : sql`'{}'::text[]`;
      await session.execute(
        sql`insert into ${ledgerTable} ("version", "statements", "name") values (${version}, ${statements}, ${migration.id})
            on conflict ("version") do nothing`,
      );
    },
    async forget(session, migration) {
      const version = versionOf(versions, migration);
      if (version === undefined || !(await ledgerExists(session))) return;
      await session.execute(sql`delete from ${ledgerTable} where "version" = ${version}`);
    },
  };
}
