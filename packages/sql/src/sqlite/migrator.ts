import { type AppliedMigration, MigrationError } from '@strata/core';
import { type SQL, sql } from 'drizzle-orm';
import {
  HISTORY_TABLE,
  type MigrationDriver,
  type MigrationSession,
  PUSH_TABLE,
  type SchemaDump,
} from '../shared/migration-driver.js';
import { engineCode, lockTimeout } from '../shared/migration-errors.js';
import { TransactionGate } from '../shared/transaction-gate.js';

/** A synchronous Drizzle SQLite database (better-sqlite3). */
interface SQLiteSession {
  run(query: SQL): unknown;
  all(query: SQL): unknown[];
}

/** Options of {@link createSQLiteMigrationDriver}. */
export interface SQLiteMigrationDriverOptions {
  readonly drizzle: object;
  /** The connection's gate: migrations hold it so that no other work interleaves. */
  readonly gate?: TransactionGate | undefined;
}

const history = sql.identifier(HISTORY_TABLE);
const pushed = sql.identifier(PUSH_TABLE);

function all<T>(db: SQLiteSession, query: SQL): T[] {
  return db.all(query) as T[];
}

function tableExists(db: SQLiteSession, name: string): boolean {
  return all(db, sql`select 1 from sqlite_master where type = 'table' and name = ${name}`).length > 0;
}

function readHistory(db: SQLiteSession): AppliedMigration[] {
  return all<AppliedMigration>(
    db,
    sql`select "id", "checksum", "applied_at" as "appliedAt", "schema_dump" as "schemaDump" from ${history} order by "applied_at", "id"`,
  );
}

/** `CONSTRAINT "name" CHECK(...)` clauses of a CREATE TABLE statement, with balanced parentheses. */
function checkClauses(createTable: string): Record<string, string> {
  const checks: Record<string, string> = {};
  const start = /CONSTRAINT\s+["`[]?([^"`\]\s]+)["`\]]?\s+CHECK\s*\(/gi;
  for (let match = start.exec(createTable); match; match = start.exec(createTable)) {
    let depth = 1;
    let end = start.lastIndex;
    while (end < createTable.length && depth > 0) {
      const char = createTable[end];
      if (char === '(') depth++;
      else if (char === ')') depth--;
      end++;
    }
    checks[`check ${match[1]}`] = createTable
      .slice(start.lastIndex, end - 1)
      .replace(/\s+/g, ' ')
      .trim();
  }
  return checks;
}

/** The tables of the database, from SQLite's catalog pragmas (so formatting of the DDL text does not matter). */
function dumpSQLite(db: SQLiteSession): SchemaDump {
  const tables: Record<
    string,
    { columns: Record<string, string>; indexes: Record<string, string>; constraints: Record<string, string> }
  > = {};
  const list = all<{ name: string; sql: string }>(
    db,
    sql`select name, sql from sqlite_master where type = 'table' and name not like 'sqlite\_%' escape '\\' and name not in (${HISTORY_TABLE}, ${PUSH_TABLE})`,
  );
  for (const { name, sql: createTable } of list) {
    const columns: Record<string, string> = {};
    for (const c of all<{ name: string; type: string; notnull: number; dflt_value: string | null; pk: number }>(
      db,
      sql`select name, type, "notnull", dflt_value, pk from pragma_table_info(${name})`,
    )) {
      columns[c.name] =
        `${c.type.toLowerCase()} ${c.notnull ? 'not null' : 'null'}${c.dflt_value === null ? '' : ` default ${c.dflt_value}`}${c.pk ? ` primary key ${c.pk}` : ''}`;
    }
    const indexes: Record<string, string> = {};
    for (const index of all<{ name: string; unique: number; origin: string; partial: number }>(
      db,
      sql`select name, "unique", origin, partial from pragma_index_list(${name})`,
    )) {
      const on = all<{ name: string | null }>(db, sql`select name from pragma_index_info(${index.name}) order by seqno`)
        .map((column) => column.name ?? '<expression>')
        .join(', ');
      const [definition] = all<{ sql: string | null }>(
        db,
        sql`select sql from sqlite_master where type = 'index' and name = ${index.name}`,
      );
      // Automatic indexes (primary keys, UNIQUE clauses) are named after the table's internal order: key them by content.
      const key = index.origin === 'c' ? index.name : `${index.origin === 'pk' ? 'primary key' : 'unique'} (${on})`;
      indexes[key] =
        `${index.unique ? 'unique ' : ''}(${on})${index.partial && definition?.sql ? ` ${definition.sql.replace(/^[\s\S]*?\bWHERE\b/i, 'where')}` : ''}`;
    }
    const constraints: Record<string, string> = checkClauses(createTable);
    for (const fk of all<{ table: string; from: string; to: string; on_update: string; on_delete: string }>(
      db,
      sql`select "table", "from", "to", on_update, on_delete from pragma_foreign_key_list(${name})`,
    )) {
      constraints[`foreign key (${fk.from})`] =
        `references ${fk.table}(${fk.to}) on update ${fk.on_update.toLowerCase()} on delete ${fk.on_delete.toLowerCase()}`;
    }
    tables[name] = { columns, indexes, constraints };
  }
  return { tables };
}

function session(db: SQLiteSession): MigrationSession {
  return {
    history: async () => readHistory(db),
    run: async (statement) => {
      db.run(sql.raw(statement));
    },
    record: async (row) => {
      db.run(
        sql`insert into ${history} ("id", "checksum", "applied_at", "schema_dump") values (${row.id}, ${row.checksum}, ${row.appliedAt}, ${row.schemaDump})`,
      );
    },
    forget: async (id) => {
      db.run(sql`delete from ${history} where "id" = ${id}`);
    },
    dump: async () => dumpSQLite(db),
    execute: async (query) => all<Record<string, unknown>>(db, query),
    dropTable: async (name) => {
      db.run(sql`drop table if exists ${sql.identifier(name)}`);
    },
    pushedSnapshot: async () => {
      if (!tableExists(db, PUSH_TABLE)) return null;
      const [row] = all<{ snapshot: string }>(db, sql`select "snapshot" from ${pushed} where "id" = 1`);
      return row?.snapshot ?? null;
    },
    savePushedSnapshot: async (snapshot) => {
      db.run(sql`create table if not exists ${pushed} ("id" integer primary key, "snapshot" text not null)`);
      db.run(
        sql`insert into ${pushed} ("id", "snapshot") values (1, ${snapshot}) on conflict ("id") do update set "snapshot" = excluded."snapshot"`,
      );
    },
  };
}

/**
 * Migrations on SQLite. Table rebuilds (how SQLite changes a column) drop and recreate tables,
 * and dropping a parent table with foreign keys enforced would cascade into its children — even
 * inside a transaction, where `PRAGMA foreign_keys` cannot be changed. So each migration turns
 * enforcement off *before* its transaction, runs `PRAGMA foreign_key_check` before committing
 * (a dangling reference rolls the migration back), and turns enforcement back on after.
 * BEGIN IMMEDIATE takes the database's write lock: a second process waits, then sees the
 * migration applied.
 *
 * @example
 * ```ts
 * attachMigrationDriver(database, createSQLiteMigrationDriver({ drizzle: db, gate }));
 * ```
 */
export function createSQLiteMigrationDriver(options: SQLiteMigrationDriverOptions): MigrationDriver {
  const db = options.drizzle as SQLiteSession;
  const gate = options.gate ?? new TransactionGate();
  return {
    dialect: 'sqlite',
    history: async () => (tableExists(db, HISTORY_TABLE) ? readHistory(db) : []),
    dump: async () => dumpSQLite(db),
    ping: async () => {
      const [row] = all<{ version: string }>(db, sql`select sqlite_version() as "version"`);
      return { serverVersion: `SQLite ${row?.version ?? 'unknown'}` };
    },
    locked: (work, lockTimeoutMs) =>
      gate.exclusive(async () => {
        const [{ foreign_keys: enforced } = { foreign_keys: 1 }] = all<{ foreign_keys: number | bigint }>(
          db,
          sql`pragma foreign_keys`,
        );
        const [{ timeout: busyTimeout } = { timeout: 5000 }] = all<{ timeout: number | bigint }>(
          db,
          sql`pragma busy_timeout`,
        );
        // PRAGMA takes no parameters; both values are integers Strata computed.
        db.run(sql.raw(`pragma busy_timeout = ${Math.max(1, Math.trunc(lockTimeoutMs))}`));
        db.run(sql`pragma foreign_keys = off`);
        try {
          try {
            db.run(sql`begin immediate`);
          } catch (error) {
            throw engineCode(error)?.startsWith('SQLITE_BUSY') ? lockTimeout(lockTimeoutMs, error) : error;
          }
          try {
            if (!tableExists(db, HISTORY_TABLE)) {
              db.run(
                sql`create table ${history} ("id" text primary key, "checksum" text not null, "applied_at" text not null, "schema_dump" text)`,
              );
            }
            const result = await work(session(db));
            const dangling = all<{ table: string; parent: string }>(
              db,
              sql`select "table", parent from pragma_foreign_key_check`,
            );
            if (dangling.length > 0) {
              const pairs = [...new Set(dangling.map((row) => `${row.table} → ${row.parent}`))].join(', ');
              throw new MigrationError(
                'MIGRATION_FOREIGN_KEYS',
                `The migration would leave ${dangling.length} rows whose foreign keys point nowhere (${pairs}); it was rolled back. Fix or delete those rows in the migration first.`,
              );
            }
            db.run(sql`commit`);
            return result;
          } catch (error) {
            try {
              db.run(sql`rollback`);
            } catch {
              // SQLite already rolled back (some errors end the transaction themselves).
            }
            throw error;
          }
        } finally {
          if (enforced) db.run(sql`pragma foreign_keys = on`);
          db.run(sql.raw(`pragma busy_timeout = ${Number(busyTimeout)}`));
        }
      }),
  };
}
