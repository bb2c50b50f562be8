import { type AppliedMigration, MigrationError } from '@strata/core';
import {
  HISTORY_TABLE,
  type MigrationDriver,
  type MigrationSession,
  rootMessage,
  type SchemaDump,
  serializeDump,
} from '@strata/sql';
import { dumpSQLite, type SQLiteSession, sqliteGeneration } from '@strata/sql/sqlite';
import { type SQL, sql } from 'drizzle-orm';
import { cascadingLosses } from './d1-cascades.js';

/** Where `strata push` keeps its snapshot (`PUSH_TABLE` of `@strata/sql`). */
const PUSH_TABLE = 'strata_push';

/** The Drizzle D1 database, as migrations use it: statements now, and a way to send several as one batch. */
export interface D1MigrationDrizzle extends SQLiteSession {
  run(query: SQL): Promise<unknown>;
  all(query: SQL): Promise<unknown>;
}

/** Runs queries as one D1 batch: all of them, or (on a failure) none. */
export type D1Batch = (queries: readonly SQL[]) => Promise<void>;

const history = sql.identifier(HISTORY_TABLE);
const pushed = sql.identifier(PUSH_TABLE);

const all = async <T>(db: D1MigrationDrizzle, query: SQL) => (await db.all(query)) as T[];

const readHistory = (db: D1MigrationDrizzle) =>
  all<AppliedMigration>(
    db,
    sql`select "id", "checksum", "applied_at" as "appliedAt", "schema_dump" as "schemaDump" from ${history} order by "applied_at", "id"`,
  );

const tableExists = async (db: D1MigrationDrizzle, name: string) =>
  (await all(db, sql`select 1 from sqlite_master where type = 'table' and name = ${name}`)).length > 0;

/** The schema as SQLite's catalog describes it, without D1's own tables (`_cf_METADATA`, …). */
const dumpD1 = (db: D1MigrationDrizzle): Promise<SchemaDump> => dumpSQLite(db, { hidden: '\\_cf\\_%' });

/**
 * Migrations on D1, which has no interactive transaction to run them in: each migration's
 * statements and its history row go to D1 as **one batch**, which D1 runs atomically — a failing
 * statement leaves nothing of the migration applied and no history row. What the migration reads
 * (the history, the schema) is read before the batch; what it writes is queued for it.
 *
 * - Foreign keys: D1 enforces them always (`PRAGMA foreign_keys = off` is ignored), so the batch
 *   starts with `PRAGMA defer_foreign_keys = on`: a table rebuild may drop and recreate a parent
 *   table, and references are checked when the batch commits (a dangling one rolls it back:
 *   `MIGRATION_FOREIGN_KEYS`). Dropping a parent still runs its children's `ON DELETE CASCADE`
 *   (or `SET NULL`) actions, which would delete (or orphan) their rows: a migration that drops a
 *   table whose such children have rows is refused before anything runs (`MIGRATION_DATA_LOSS`).
 * - The history row's schema dump is the schema after the batch: it is read, and written into
 *   the row, right after the batch commits.
 * - No lock: D1 has none to take. Two processes applying one migration at once cannot both record
 *   it (the history's primary key fails one batch, which then applies nothing); apply migrations
 *   from one place (a deploy step).
 *
 * @example
 * ```ts
 * attachMigrationDriver(database, d1MigrationDriver(drizzleDb, runBatch));
 * ```
 */
export function d1MigrationDriver(db: D1MigrationDrizzle, runBatch: D1Batch): MigrationDriver {
  return {
    dialect: 'sqlite',
    generation: sqliteGeneration,
    history: async () => ((await tableExists(db, HISTORY_TABLE)) ? readHistory(db) : []),
    dump: () => dumpD1(db),
    ping: async () => {
      // D1 does not let queries call sqlite_version().
      await all(db, sql`select 1`);
      return { serverVersion: 'Cloudflare D1 (SQLite)' };
    },
    locked: async (work) => {
      await db.run(
        sql`create table if not exists ${history} ("id" text primary key, "checksum" text not null, "applied_at" text not null, "schema_dump" text)`,
      );
      const batch = new MigrationBatch(db, runBatch);
      const result = await work(batch.session());
      await batch.commit();
      return result;
    },
  };
}

/** The writes of one migration step, sent to D1 as one batch. */
class MigrationBatch {
  readonly #db: D1MigrationDrizzle;
  readonly #runBatch: D1Batch;
  /** The migration's own statements, and the tables dropped by name: read for cascading drops. */
  readonly #statements: string[] = [];
  readonly #dropped: string[] = [];
  readonly #queries: SQL[] = [];
  /** A dump was read after statements were queued: it is stale, and the history row gets the fresh one. */
  #staleDump = false;
  /** History rows whose schema dump is written after the batch. */
  readonly #dumpLater: string[] = [];

  constructor(db: D1MigrationDrizzle, runBatch: D1Batch) {
    this.#db = db;
    this.#runBatch = runBatch;
  }

  session(): MigrationSession {
    const db = this.#db;
    const queue = (query: SQL) => {
      this.#queries.push(query);
    };
    return {
      history: () => readHistory(db),
      run: async (statement) => {
        this.#statements.push(statement);
        queue(sql.raw(statement));
      },
      record: async (row) => {
        const dump = this.#staleDump ? null : row.schemaDump;
        if (this.#staleDump) this.#dumpLater.push(row.id);
        queue(
          sql`insert into ${history} ("id", "checksum", "applied_at", "schema_dump") values (${row.id}, ${row.checksum}, ${row.appliedAt}, ${dump})`,
        );
      },
      forget: async (id) => queue(sql`delete from ${history} where "id" = ${id}`),
      dump: async () => {
        if (this.#queries.length > 0) this.#staleDump = true;
        return dumpD1(db);
      },
      execute: async (query) => {
        if (this.#queries.length > 0) {
          throw new MigrationError(
            'MIGRATION_TARGET_INVALID',
            "D1 runs a migration's statements as one batch at its end: a query cannot read what they wrote",
          );
        }
        return all<Record<string, unknown>>(db, query);
      },
      dropTable: async (name) => {
        this.#dropped.push(name);
        queue(sql`drop table if exists ${sql.identifier(name)}`);
      },
      pushedSnapshot: async () => {
        if (!(await tableExists(db, PUSH_TABLE))) return null;
        const [row] = await all<{ snapshot: string }>(db, sql`select "snapshot" from ${pushed} where "id" = 1`);
        return row?.snapshot ?? null;
      },
      savePushedSnapshot: async (snapshot) => {
        queue(sql`create table if not exists ${pushed} ("id" integer primary key, "snapshot" text not null)`);
        queue(
          sql`insert into ${pushed} ("id", "snapshot") values (1, ${snapshot}) on conflict ("id") do update set "snapshot" = excluded."snapshot"`,
        );
      },
    };
  }

  /** Sends the queued writes as one batch (nothing when there are none), then the late dumps. */
  async commit(): Promise<void> {
    if (this.#queries.length === 0) return;
    const db = this.#db;
    const losses = await cascadingLosses(db, this.#statements, this.#dropped);
    if (losses.length > 0) {
      throw new MigrationError(
        'MIGRATION_DATA_LOSS',
        `D1 cannot turn foreign keys off, so dropping ${losses.map((loss) => `${loss.parent}`).join(', ')} here would run ` +
          `ON DELETE actions on the rows of ${losses.map((loss) => `${loss.child} (${loss.action})`).join(', ')}. ` +
          'Nothing was applied. Copy those rows aside in the migration (or empty those tables) before rebuilding the table.',
      );
    }
    try {
      // Checked when the batch commits: a table rebuild may drop and recreate a referenced table.
      await this.#runBatch([sql`pragma defer_foreign_keys = on`, ...this.#queries]);
    } catch (error) {
      const message = rootMessage(error);
      if (/FOREIGN KEY constraint failed/.test(message)) {
        throw new MigrationError(
          'MIGRATION_FOREIGN_KEYS',
          'The migration would leave rows whose foreign keys point nowhere; nothing of it was applied. Fix or delete those rows in the migration first.',
          { cause: error },
        );
      }
      throw new MigrationError(
        'MIGRATION_FAILED',
        `a statement failed: ${message}. D1 ran the migration as one batch, so nothing of it was applied.`,
        { cause: error },
      );
    }
    if (this.#dumpLater.length > 0) {
      const dump = serializeDump(await dumpD1(db));
      for (const id of this.#dumpLater) {
        await db.run(sql`update ${history} set "schema_dump" = ${dump} where "id" = ${id}`);
      }
    }
  }
}
