// `drizzle`: the Drizzle query builder used the way its docs and most applications do, one
// builder chain per call and no `.prepare()`. Drizzle builds the SQL text on every call; on
// better-sqlite3 it also compiles a fresh SQLite statement each time, and on postgres-js it sends
// an unnamed (unprepared) statement. Tables are Strata's compiled Drizzle tables (`db.tables.item`).
import type { D1StrataDatabase } from '@strata/d1';
import type { LibSQLStrataDatabase } from '@strata/libsql';
import type { PgTablesOf } from '@strata/sql/postgres';
import type { SQLiteDatabase } from '@strata/sqlite';
import { asc, eq } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { chunks, type Implementation, ITEM_COLUMNS, MAX_PARAMETERS } from '../contract.js';
import type * as schema from '../schema.js';

type Schema = typeof schema;

export function drizzleSqlite(db: SQLiteDatabase<Schema>): Implementation {
  const d = db.drizzle;
  const t = db.tables.item;
  const perChunk = Math.floor(MAX_PARAMETERS.sqlite / ITEM_COLUMNS);
  return {
    name: 'drizzle',
    ops: {
      findById: async (id) => (await d.select().from(t).where(eq(t.id, id)).limit(1))[0],
      findByCategory: async (category, limit) =>
        d.select().from(t).where(eq(t.category, category)).orderBy(asc(t.rank)).limit(limit),
      insertOne: async (values) => (await d.insert(t).values(values).returning())[0],
      // 10,000 rows exceed SQLite's 32,766 parameters: chunks in one (synchronous) transaction.
      insertMany: async (rows) =>
        d.transaction((tx) => {
          for (const part of chunks(rows, perChunk)) tx.insert(t).values(part).run();
        }),
      updatePrice: async (id, price) => (await d.update(t).set({ price }).where(eq(t.id, id)).returning())[0],
    },
    close: async () => {},
  };
}

/** libSQL: the same builders, asynchronous; a bulk insert's chunks in one Drizzle transaction. */
export function drizzleLibsql(db: LibSQLStrataDatabase<Schema>): Implementation {
  const d = db.drizzle;
  const t = db.tables.item;
  const perChunk = Math.floor(MAX_PARAMETERS.sqlite / ITEM_COLUMNS);
  return {
    name: 'drizzle',
    ops: {
      findById: async (id) => (await d.select().from(t).where(eq(t.id, id)).limit(1))[0],
      findByCategory: async (category, limit) =>
        d.select().from(t).where(eq(t.category, category)).orderBy(asc(t.rank)).limit(limit),
      insertOne: async (values) => (await d.insert(t).values(values).returning())[0],
      insertMany: async (rows) =>
        d.transaction(async (tx) => {
          for (const part of chunks(rows, perChunk)) await tx.insert(t).values(part);
        }),
      updatePrice: async (id, price) => (await d.update(t).set({ price }).where(eq(t.id, id)).returning())[0],
    },
    close: async () => {},
  };
}

/**
 * D1: the same builders, asynchronous. D1 has no interactive transactions (Drizzle's
 * `transaction()` is refused), so a bulk insert's chunks of at most 100 values go in one
 * `batch`, as Drizzle's docs for D1 show.
 */
export function drizzleD1(db: D1StrataDatabase<Schema>): Implementation {
  const d = db.drizzle;
  const t = db.tables.item;
  const perChunk = Math.floor(MAX_PARAMETERS.d1 / ITEM_COLUMNS);
  return {
    name: 'drizzle',
    ops: {
      findById: async (id) => (await d.select().from(t).where(eq(t.id, id)).limit(1))[0],
      findByCategory: async (category, limit) =>
        d.select().from(t).where(eq(t.category, category)).orderBy(asc(t.rank)).limit(limit),
      insertOne: async (values) => (await d.insert(t).values(values).returning())[0],
      insertMany: async (rows) => {
        const [first, ...rest] = chunks(rows, perChunk).map((part) => d.insert(t).values(part));
        return first && d.batch([first, ...rest]);
      },
      updatePrice: async (id, price) => (await d.update(t).set({ price }).where(eq(t.id, id)).returning())[0],
    },
    close: async () => {},
  };
}

/** PGlite and postgres-js share Drizzle's PostgreSQL builder, so one implementation serves both. */
export function drizzlePg(
  d: PgDatabase<PgQueryResultHKT, Record<string, unknown>>,
  t: PgTablesOf<Schema>['item'],
): Implementation {
  const perChunk = Math.floor(MAX_PARAMETERS.postgres / ITEM_COLUMNS);
  return {
    name: 'drizzle',
    ops: {
      findById: async (id) => (await d.select().from(t).where(eq(t.id, id)).limit(1))[0],
      findByCategory: async (category, limit) =>
        d.select().from(t).where(eq(t.category, category)).orderBy(asc(t.rank)).limit(limit),
      insertOne: async (values) => (await d.insert(t).values(values).returning())[0],
      insertMany: async (rows) => {
        const parts = chunks(rows, perChunk);
        if (parts.length === 1) return d.insert(t).values([...rows]);
        return d.transaction(async (tx) => {
          for (const part of parts) await tx.insert(t).values(part);
        });
      },
      updatePrice: async (id, price) => (await d.update(t).set({ price }).where(eq(t.id, id)).returning())[0],
    },
    close: async () => {},
  };
}
