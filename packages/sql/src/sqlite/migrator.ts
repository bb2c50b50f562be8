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
import { sqliteGeneration } from './generate.js';
import { type SQLiteSession, type SQLiteWriteTransaction, statementWriteTransaction } from './write-transaction.js';

/** Options of {@link createSQLiteMigrationDriver}. */
export interface SQLiteMigrationDriverOptions {
  readonly drizzle: object;
  /** The connection's gate: migrations hold it so that no other work interleaves. */
  readonly gate?: TransactionGate | undefined;
  /** How the migration's transaction runs; by default BEGIN IMMEDIATE … COMMIT as statements. */
  readonly writeTransaction?: SQLiteWriteTransaction | undefined;
}

const history = sql.identifier(HISTORY_TABLE);
const pushed = sql.identifier(PUSH_TABLE);

// Every answer is awaited: a synchronous driver's value and an asynchronous one's promise alike.
async function all<T>(db: SQLiteSession, query: SQL): Promise<T[]> {
  return (await db.all(query)) as T[];
}

async function run(db: SQLiteSession, query: SQL): Promise<void> {
  await db.run(query);
}

async function tableExists(db: SQLiteSession, name: string): Promise<boolean> {
  return (await all(db, sql`select 1 from sqlite_master where type = 'table' and name = ${name}`)).length > 0;
}

function readHistory(db: SQLiteSession): Promise<AppliedMigration[]> {
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

/**
 * The tables of the database, from SQLite's catalog pragmas (so formatting of the DDL text does not matter).
 * `hidden`: a LIKE pattern (escape `\`) of the engine's own tables to leave out, besides SQLite's
 * (D1 keeps `_cf_METADATA`, whose catalog a query may not read).
 *
 * @example
 * ```ts
 * const dump = await dumpSQLite(db.drizzle as SQLiteSession, { hidden: '\\_cf\\_%' });
 * ```
 */
export async function dumpSQLite(db: SQLiteSession, options: { readonly hidden?: string } = {}): Promise<SchemaDump> {
  const tables: Record<
    string,
    { columns: Record<string, string>; indexes: Record<string, string>; constraints: Record<string, string> }
  > = {};
  const list = await all<{ name: string; sql: string }>(
    db,
    sql`select name, sql from sqlite_master where type = 'table' and name not like 'sqlite\_%' escape '\\' and name not in (${HISTORY_TABLE}, ${PUSH_TABLE})${options.hidden === undefined ? sql`` : sql` and name not like ${options.hidden} escape '\\'`}`,
  );
  for (const { name, sql: createTable } of list) {
    const columns: Record<string, string> = {};
    for (const c of await all<{ name: string; type: string; notnull: number; dflt_value: string | null; pk: number }>(
      db,
      sql`select name, type, "notnull", dflt_value, pk from pragma_table_info(${name})`,
    )) {
      columns[c.name] =
        `${c.type.toLowerCase()} ${c.notnull ? 'not null' : 'null'}${c.dflt_value === null ? '' : ` default ${c.dflt_value}`}${c.pk ? ` primary key ${c.pk}` : ''}`;
    }
    const indexes: Record<string, string> = {};
    for (const index of await all<{ name: string; unique: number; origin: string; partial: number }>(
      db,
      sql`select name, "unique", origin, partial from pragma_index_list(${name})`,
    )) {
      const on = (
        await all<{ name: string | null }>(db, sql`select name from pragma_index_info(${index.name}) order by seqno`)
      )
        .map((column) => column.name ?? '<expression>')
        .join(', ');
      const [definition] = await all<{ sql: string | null }>(
        db,
        sql`select sql from sqlite_master where type = 'index' and name = ${index.name}`,
      );
      // Automatic indexes (primary keys, UNIQUE clauses) are named after the table's internal order: key them by content.
      const key = index.origin === 'c' ? index.name : `${index.origin === 'pk' ? 'primary key' : 'unique'} (${on})`;
      indexes[key] =
        `${index.unique ? 'unique ' : ''}(${on})${index.partial && definition?.sql ? ` ${definition.sql.replace(/^[\s\S]*?\bWHERE\b/i, 'where')}` : ''}`;
    }
    const constraints: Record<string, string> = checkClauses(createTable);
    for (const fk of await all<{ table: string; from: string; to: string; on_update: string; on_delete: string }>(
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
    history: () => readHistory(db),
    run: (statement) => run(db, sql.raw(statement)),
    record: (row) =>
      run(
        db,
        sql`insert into ${history} ("id", "checksum", "applied_at", "schema_dump") values (${row.id}, ${row.checksum}, ${row.appliedAt}, ${row.schemaDump})`,
      ),
    forget: (id) => run(db, sql`delete from ${history} where "id" = ${id}`),
    dump: () => dumpSQLite(db),
    execute: (query) => all<Record<string, unknown>>(db, query),
    dropTable: (name) => run(db, sql`drop table if exists ${sql.identifier(name)}`),
    pushedSnapshot: async () => {
      if (!(await tableExists(db, PUSH_TABLE))) return null;
      const [row] = await all<{ snapshot: string }>(db, sql`select "snapshot" from ${pushed} where "id" = 1`);
      return row?.snapshot ?? null;
    },
    savePushedSnapshot: async (snapshot) => {
      await run(db, sql`create table if not exists ${pushed} ("id" integer primary key, "snapshot" text not null)`);
      await run(
        db,
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
 * The transaction begins IMMEDIATE, taking the database's write lock: a second process waits, then
 * sees the migration applied.
 *
 * @example
 * ```ts
 * attachMigrationDriver(database, createSQLiteMigrationDriver({ drizzle: db, gate }));
 * ```
 */
export function createSQLiteMigrationDriver(options: SQLiteMigrationDriverOptions): MigrationDriver {
  const db = options.drizzle as SQLiteSession;
  const gate = options.gate ?? new TransactionGate();
  const writeTransaction = options.writeTransaction ?? statementWriteTransaction;
  return {
    dialect: 'sqlite',
    generation: sqliteGeneration,
    history: async () => ((await tableExists(db, HISTORY_TABLE)) ? readHistory(db) : []),
    dump: () => dumpSQLite(db),
    ping: async () => {
      const [row] = await all<{ version: string }>(db, sql`select sqlite_version() as "version"`);
      return { serverVersion: `SQLite ${row?.version ?? 'unknown'}` };
    },
    locked: (work, lockTimeoutMs) =>
      gate.exclusive(async () => {
        const [{ foreign_keys: enforced } = { foreign_keys: 1 }] = await all<{ foreign_keys: number | bigint }>(
          db,
          sql`pragma foreign_keys`,
        );
        const [{ timeout: busyTimeout } = { timeout: 5000 }] = await all<{ timeout: number | bigint }>(
          db,
          sql`pragma busy_timeout`,
        );
        // PRAGMA takes no parameters; both values are integers Strata computed.
        await run(db, sql.raw(`pragma busy_timeout = ${Math.max(1, Math.trunc(lockTimeoutMs))}`));
        await run(db, sql`pragma foreign_keys = off`);
        let begun = false;
        try {
          return await writeTransaction(db, async (tx) => {
            begun = true;
            if (!(await tableExists(tx, HISTORY_TABLE))) {
              await run(
                tx,
                sql`create table ${history} ("id" text primary key, "checksum" text not null, "applied_at" text not null, "schema_dump" text)`,
              );
            }
            const result = await work(session(tx));
            const dangling = await all<{ table: string; parent: string }>(
              tx,
              sql`select "table", parent from pragma_foreign_key_check`,
            );
            if (dangling.length > 0) {
              const pairs = [...new Set(dangling.map((row) => `${row.table} → ${row.parent}`))].join(', ');
              throw new MigrationError(
                'MIGRATION_FOREIGN_KEYS',
                `The migration would leave ${dangling.length} rows whose foreign keys point nowhere (${pairs}); it was rolled back. Fix or delete those rows in the migration first.`,
              );
            }
            return result;
          });
        } catch (error) {
          // Failing to begin means another connection holds the write lock past the timeout.
          throw !begun && engineCode(error)?.startsWith('SQLITE_BUSY') ? lockTimeout(lockTimeoutMs, error) : error;
        } finally {
          if (enforced) await run(db, sql`pragma foreign_keys = on`);
          await run(db, sql.raw(`pragma busy_timeout = ${Number(busyTimeout)}`));
        }
      }),
  };
}
