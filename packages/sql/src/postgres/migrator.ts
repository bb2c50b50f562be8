import type { AppliedMigration } from '@strata/core';
import { type SQL, sql } from 'drizzle-orm';
import {
  HISTORY_TABLE,
  type MigrationDriver,
  type MigrationSession,
  PUSH_TABLE,
  type SchemaDump,
} from '../shared/migration-driver.js';
import { engineCode, lockTimeout } from '../shared/migration-errors.js';
import type { TransactionGate } from '../shared/transaction-gate.js';
import { pgGeneration } from './generate.js';

/** A Drizzle PostgreSQL database or transaction (postgres-js, PGlite, Neon). */
interface PgSession {
  execute(query: SQL): PromiseLike<unknown>;
}

interface PgDatabase extends PgSession {
  transaction<T>(work: (tx: PgSession) => Promise<T>): Promise<T>;
}

/** Options of {@link createPgMigrationDriver}. */
export interface PgMigrationDriverOptions {
  readonly drizzle: object;
  /** A single connection's gate (PGlite): migrations hold it so no other work interleaves. */
  readonly gate?: TransactionGate | undefined;
}

/** postgres-js returns the rows; PGlite and Neon return `{ rows }`. */
async function rows<T>(session: PgSession, query: SQL): Promise<T[]> {
  const result = await session.execute(query);
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}

const history = sql.identifier(HISTORY_TABLE);
const pushed = sql.identifier(PUSH_TABLE);

async function readHistory(session: PgSession): Promise<AppliedMigration[]> {
  return rows<AppliedMigration>(
    session,
    sql`select "id", "checksum", "applied_at" as "appliedAt", "schema_dump" as "schemaDump" from ${history} order by "applied_at", "id"`,
  );
}

/**
 * Reads the catalog table itself: `to_regclass` answers from the session's catalog cache, which
 * a session waiting on the advisory lock does not refresh — it would miss a table that the
 * process holding the lock just created.
 */
async function tableExists(session: PgSession, name: string): Promise<boolean> {
  const found = await rows<{ found: number }>(
    session,
    sql`select 1 as "found" from pg_catalog.pg_tables where schemaname = current_schema() and tablename = ${name}`,
  );
  return found.length > 0;
}

/** The tables of the current schema, from PostgreSQL's catalog. */
async function dumpPg(session: PgSession): Promise<SchemaDump> {
  const tables: Record<
    string,
    {
      columns: Record<string, string>;
      indexes: Record<string, string>;
      constraints: Record<string, string>;
      policies: Record<string, string>;
    }
  > = {};
  const table = (name: string) => {
    tables[name] ??= { columns: {}, indexes: {}, constraints: {}, policies: {} };
    return tables[name];
  };
  const columns = await rows<{ table: string; column: string; type: string; nullable: string; default: string | null }>(
    session,
    sql`select c.table_name as "table", c.column_name as "column",
          format_type(a.atttypid, a.atttypmod) as "type", c.is_nullable as "nullable", c.column_default as "default"
        from information_schema.columns c
        join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
        join pg_attribute a on a.attrelid = (quote_ident(c.table_schema) || '.' || quote_ident(c.table_name))::regclass
          and a.attname = c.column_name
        where c.table_schema = current_schema() and t.table_type = 'BASE TABLE' and c.table_name not in (${HISTORY_TABLE}, ${PUSH_TABLE})`,
  );
  for (const c of columns) {
    table(c.table).columns[c.column] =
      `${c.type} ${c.nullable === 'NO' ? 'not null' : 'null'}${c.default === null ? '' : ` default ${c.default}`}`;
  }
  const indexes = await rows<{ table: string; name: string; definition: string }>(
    session,
    sql`select tablename as "table", indexname as "name", indexdef as "definition" from pg_indexes
        where schemaname = current_schema() and tablename not in (${HISTORY_TABLE}, ${PUSH_TABLE})`,
  );
  for (const index of indexes) table(index.table).indexes[index.name] = index.definition;
  const constraints = await rows<{ table: string; name: string; definition: string }>(
    session,
    sql`select cl.relname as "table", con.conname as "name", pg_get_constraintdef(con.oid) as "definition"
        from pg_constraint con join pg_class cl on cl.oid = con.conrelid
        where con.connamespace = current_schema()::regnamespace and con.contype in ('p', 'u', 'f', 'c')
          and cl.relname not in (${HISTORY_TABLE}, ${PUSH_TABLE})`,
  );
  for (const constraint of constraints) table(constraint.table).constraints[constraint.name] = constraint.definition;
  await dumpPolicies(session, table);
  return { tables };
}

/** The key under a table's policies that says row-level security is on (no policy has this name). */
const ROW_LEVEL_SECURITY = '(row level security)';

/**
 * Row-level security as the catalog keeps it, so that `strata check` sees a policy changed by
 * hand: each policy's mode, command, roles (sorted) and expressions as PostgreSQL prints them.
 */
async function dumpPolicies(
  session: PgSession,
  table: (name: string) => { policies: Record<string, string> },
): Promise<void> {
  const enabled = await rows<{ table: string; forced: boolean }>(
    session,
    sql`select relname as "table", relforcerowsecurity as "forced" from pg_class
        where relnamespace = current_schema()::regnamespace and relkind in ('r', 'p') and relrowsecurity`,
  );
  for (const row of enabled) table(row.table).policies[ROW_LEVEL_SECURITY] = row.forced ? 'enabled, forced' : 'enabled';
  const policies = await rows<{ table: string; name: string; definition: string }>(
    session,
    sql`select tablename as "table", policyname as "name",
          lower(permissive) || ' for ' || lower(cmd) || ' to '
            || array_to_string(array(select unnest(roles)::text order by 1), ', ')
            || coalesce(' using ' || qual, '') || coalesce(' with check ' || with_check, '') as "definition"
        from pg_policies where schemaname = current_schema()`,
  );
  for (const policy of policies) table(policy.table).policies[policy.name] = policy.definition;
}

function session(tx: PgSession): MigrationSession {
  return {
    history: () => readHistory(tx),
    run: async (statement) => {
      await tx.execute(sql.raw(statement));
    },
    record: async (row) => {
      await tx.execute(
        sql`insert into ${history} ("id", "checksum", "applied_at", "schema_dump") values (${row.id}, ${row.checksum}, ${row.appliedAt}, ${row.schemaDump})`,
      );
    },
    forget: async (id) => {
      await tx.execute(sql`delete from ${history} where "id" = ${id}`);
    },
    dump: () => dumpPg(tx),
    execute: (query) => rows<Record<string, unknown>>(tx, query),
    dropTable: async (name) => {
      await tx.execute(sql`drop table if exists ${sql.identifier(name)} cascade`);
    },
    pushedSnapshot: async () => {
      if (!(await tableExists(tx, PUSH_TABLE))) return null;
      const [row] = await rows<{ snapshot: string }>(tx, sql`select "snapshot" from ${pushed} where "id" = 1`);
      return row?.snapshot ?? null;
    },
    savePushedSnapshot: async (snapshot) => {
      if (!(await tableExists(tx, PUSH_TABLE))) {
        await tx.execute(sql`create table ${pushed} ("id" integer primary key, "snapshot" text not null)`);
      }
      await tx.execute(
        sql`insert into ${pushed} ("id", "snapshot") values (1, ${snapshot}) on conflict ("id") do update set "snapshot" = excluded."snapshot"`,
      );
    },
  };
}

/**
 * Migrations on PostgreSQL (servers, Neon, PGlite): DDL is transactional, so each migration
 * commits whole or not at all; a transaction-scoped advisory lock keeps two processes from
 * applying the same migration, and READ COMMITTED lets the waiter see what the first one applied.
 *
 * @example
 * ```ts
 * attachMigrationDriver(database, createPgMigrationDriver({ drizzle: db }));
 * ```
 */
export function createPgMigrationDriver(options: PgMigrationDriverOptions): MigrationDriver {
  const db = options.drizzle as PgDatabase;
  const exclusive = <T>(work: () => Promise<T>) => (options.gate ? options.gate.exclusive(work) : work());
  return {
    dialect: 'pg',
    generation: pgGeneration,
    history: async () => ((await tableExists(db, HISTORY_TABLE)) ? readHistory(db) : []),
    dump: () => dumpPg(db),
    ping: async () => {
      const [row] = await rows<{ version: string }>(db, sql`select current_setting('server_version') as "version"`);
      return { serverVersion: `PostgreSQL ${row?.version ?? 'unknown'}` };
    },
    locked: (work, lockTimeoutMs) =>
      exclusive(() =>
        db.transaction(async (tx) => {
          await tx.execute(
            sql`select set_config('lock_timeout', ${`${Math.max(1, Math.trunc(lockTimeoutMs))}ms`}, true)`,
          );
          try {
            await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${HISTORY_TABLE}))`);
          } catch (error) {
            throw engineCode(error) === '55P03' ? lockTimeout(lockTimeoutMs, error) : error;
          }
          // Checked first: "if not exists" alone makes the server send a notice that drivers print.
          if (!(await tableExists(tx, HISTORY_TABLE))) {
            await tx.execute(
              sql`create table ${history} ("id" text primary key, "checksum" text not null, "applied_at" text not null, "schema_dump" text)`,
            );
          }
          return work(session(tx));
        }),
      ),
  };
}
