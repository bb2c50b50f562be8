// Opens each engine the way an application would (Strata's createDatabase), creates the table
// with Strata's DDL, seeds it through the raw driver (fast, and independent of the libraries under
// test: every implementation then reads rows another one wrote), and hands out the implementations that share it, plus a "probe":
// plain driver queries the workloads use, untimed, to check what the timed operations did.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDatabase as createPgliteDatabase } from '@strata/pglite';
import { createDatabase as createPostgresDatabase } from '@strata/postgres';
import { createDatabase as createSqliteDatabase } from '@strata/sqlite';
import postgres from 'postgres';
import type { Implementation } from './contract.js';
import type { SeedData } from './data.js';
import { drizzlePg, drizzleSqlite } from './implementations/drizzle.js';
import { drizzlePreparedPg, drizzlePreparedSqlite } from './implementations/drizzle-prepared.js';
import { knexPostgres, knexSqlite } from './implementations/knex.js';
import { rawPglite, rawPostgres, rawSqlite } from './implementations/raw.js';
import { strata } from './implementations/strata.js';
import * as schema from './schema.js';

export const ENGINES = ['sqlite', 'libsql', 'd1', 'pglite', 'postgres', 'pgbouncer'] as const;
export type Engine = (typeof ENGINES)[number];

/** Untimed driver queries that check the timed ones and reset the table between rounds. */
export interface Probe {
  count(category: string): Promise<number>;
  /** The stored price and timestamp (epoch ms) of a row, read with plain SQL: checks every implementation's encoding. */
  stored(id: string): Promise<StoredRow | undefined>;
  /** Deletes a category's rows (an insert workload's), then vacuums on PostgreSQL so dead rows do not pile up. */
  clear(category: string): Promise<void>;
  /**
   * Before each turn: on SQLite, checkpoints and empties the WAL, so no implementation starts with
   * (or pays the checkpoint of) another's writes. Nothing to do on PostgreSQL.
   */
  settle(): Promise<void>;
}

export interface StoredRow {
  readonly price: number | null;
  readonly createdAtMs: number;
}

/** An implementation that does not run on an engine, and why. */
export interface Skip {
  readonly implementation: string;
  readonly reason: string;
}

/** One engine, seeded, with its implementations. */
export interface EngineRun {
  readonly engine: Engine;
  /** Settings worth printing next to the numbers. */
  readonly notes: readonly string[];
  readonly implementations: readonly Implementation[];
  readonly skipped: readonly Skip[];
  readonly probe: Probe;
  close(): Promise<void>;
}

/** Closes the implementations (knex pools), then the database; ends every connection it opened. */
async function closeAll(implementations: readonly Implementation[], close: () => Promise<void>) {
  try {
    for (const implementation of implementations) await implementation.close();
  } finally {
    await close();
  }
}

/** Runs `work`; if it fails, runs `undo` (closing what was opened) and rethrows. */
async function orUndo<T>(work: () => Promise<T>, undo: () => Promise<void>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    await undo();
    throw error;
  }
}

/**
 * SQLite: a file in a temp directory, WAL, and `synchronous = NORMAL` for every connection
 * (Strata's default is FULL: a commit waits for fsync). NORMAL keeps the insert workloads about the
 * libraries rather than the disk; all implementations run with the same setting.
 */
export async function openSqlite(seed: SeedData): Promise<EngineRun> {
  const dir = mkdtempSync(join(tmpdir(), 'strata-bench-'));
  const filename = join(dir, 'bench.sqlite3');
  const db = await createSqliteDatabase({ schema, filename, synchronous: 'normal' });
  const raw = await orUndo(
    async () => {
      await db.createTables();
      // Created after the table: better-sqlite3 compiles its statements right away.
      const raw = rawSqlite(db.client);
      await raw.ops.insertMany(seed.rows);
      db.client.exec('analyze');
      return raw;
    },
    async () => {
      await db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  );
  const client = db.client;
  const count = client.prepare('select count(*) as n from item where category = ?').pluck().safeIntegers(false);
  const stored = client.prepare('select price, created_at as createdAtMs from item where id = ?').safeIntegers(false);
  const clear = client.prepare('delete from item where category = ?');
  const version = client.prepare('select sqlite_version()').pluck().get() as string;
  const implementations = [
    raw,
    drizzleSqlite(db),
    drizzlePreparedSqlite(db),
    strata(db),
    knexSqlite(filename, 'NORMAL'),
  ];
  return {
    engine: 'sqlite',
    notes: [
      `SQLite ${version} (better-sqlite3), file in ${tmpdir()}, journal_mode=WAL, synchronous=NORMAL on every connection (Strata's default is FULL)`,
      "raw, drizzle, drizzle-prepared and strata share Strata's connection; knex opens its own to the same file",
    ],
    implementations,
    skipped: [],
    probe: {
      count: async (category) => count.get(category) as number,
      stored: async (id) => stored.get(id) as StoredRow | undefined,
      clear: async (category) => {
        clear.run(category);
      },
      settle: async () => {
        client.pragma('wal_checkpoint(TRUNCATE)');
      },
    },
    close: () =>
      closeAll(implementations, async () => {
        await db.close();
        rmSync(dir, { recursive: true, force: true });
      }),
  };
}

const STORED = `select price, (extract(epoch from created_at) * 1000)::float8 as "createdAtMs" from item where id = $1`;

/** PGlite in memory; raw, Drizzle and Strata share its one instance (it has a single connection). */
export async function openPglite(seed: SeedData): Promise<EngineRun> {
  const db = await createPgliteDatabase({ schema });
  const raw = rawPglite(db.client);
  await orUndo(
    async () => {
      await db.createTables();
      await raw.ops.insertMany(seed.rows);
      await db.client.exec('analyze item');
    },
    () => db.close(),
  );
  const client = db.client;
  const version = (await client.query<{ server_version: string }>('show server_version')).rows[0]?.server_version;
  const implementations = [
    raw,
    drizzlePg(db.drizzle, db.tables.item),
    drizzlePreparedPg(db.drizzle, db.tables.item),
    strata(db),
  ];
  return {
    engine: 'pglite',
    notes: [`PGlite (PostgreSQL ${version}) in memory, in this process`],
    implementations,
    skipped: [{ implementation: 'knex', reason: 'knex has no PGlite client' }],
    probe: {
      count: async (category) =>
        (await client.query<{ n: number }>('select count(*)::int as n from item where category = $1', [category]))
          .rows[0]?.n ?? 0,
      stored: async (id) => (await client.query<StoredRow>(STORED, [id])).rows[0],
      clear: async (category) => {
        await client.query('delete from item where category = $1', [category]);
        await client.exec('vacuum item');
      },
      settle: async () => {},
    },
    close: () => closeAll(implementations, () => db.close()),
  };
}

/**
 * PostgreSQL: a database of its own on the given server (created here, dropped in `close`), so the
 * benchmark never touches anything else there. Strata's pool and knex's pool both connect to it,
 * directly or (`pgbouncerUrl`) through a PgBouncer in transaction mode, where Strata runs with
 * `pooler: 'transaction'` and every postgres-js implementation shares its unnamed statements.
 */
export async function openPostgres(seed: SeedData, serverUrl: string, pgbouncerUrl?: string): Promise<EngineRun> {
  const name = `strata_bench_${process.pid}${pgbouncerUrl ? '_pooled' : ''}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  const drop = async () => {
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end({ timeout: 5 });
  };
  await admin.unsafe(`drop database if exists ${name} with (force)`);
  await admin.unsafe(`create database ${name}`);
  const url = new URL(pgbouncerUrl ?? serverUrl);
  url.pathname = `/${name}`;
  const db = await orUndo(
    () => createPostgresDatabase({ schema, url: url.toString(), ...(pgbouncerUrl && { pooler: 'transaction' }) }),
    drop,
  );
  await orUndo(
    async () => {
      await db.createTables();
      await rawPostgres(db.client).ops.insertMany(seed.rows);
      await db.client.unsafe('analyze item');
    },
    async () => {
      await db.close();
      await drop();
    },
  );
  const sql = db.client;
  const version = (await sql.unsafe<{ server_version: string }[]>('show server_version'))[0]?.server_version;
  const implementations = [
    rawPostgres(sql),
    drizzlePg(db.drizzle, db.tables.item),
    drizzlePreparedPg(db.drizzle, db.tables.item),
    strata(db),
    knexPostgres(url.toString()),
  ];
  return {
    engine: pgbouncerUrl ? 'pgbouncer' : 'postgres',
    notes: [
      `PostgreSQL ${version} on ${url.host} (loopback${pgbouncerUrl ? ', through PgBouncer in transaction mode: no named statements' : ''}), database ${name}, default server settings`,
      "raw, drizzle, drizzle-prepared and strata share Strata's postgres-js pool (10 connections); knex uses pg with its own pool",
    ],
    implementations,
    skipped: [],
    probe: {
      count: async (category) =>
        (await sql.unsafe<{ n: number }[]>('select count(*)::int as n from item where category = $1', [category]))[0]
          ?.n ?? 0,
      stored: async (id) => (await sql.unsafe<StoredRow[]>(STORED, [id]))[0],
      clear: async (category) => {
        await sql.unsafe('delete from item where category = $1', [category]);
        await sql.unsafe('vacuum item');
      },
      settle: async () => {},
    },
    close: () =>
      closeAll(implementations, async () => {
        try {
          await db.close();
        } finally {
          await drop();
        }
      }),
  };
}
