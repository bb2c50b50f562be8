// `drizzle-prepared`: the same queries built once with `sql.placeholder()` and `.prepare()`, then
// executed with new values. The gap between `drizzle` and this column is Drizzle's per-call query
// building (and, on better-sqlite3 and postgres-js, statement compilation); Strata's repository
// builds per call too, so this column shows what statement reuse could be worth there.
import type { PgTablesOf } from '@strata/sql/postgres';
import type { SQLiteDatabase } from '@strata/sqlite';
import { asc, eq, sql } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { chunks, type Implementation, ITEM_COLUMNS, type ItemValues, MAX_PARAMETERS, perKey } from '../contract.js';
import type * as schema from '../schema.js';

type Schema = typeof schema;

const FIELDS = ['id', 'category', 'rank', 'title', 'price', 'createdAt'] as const;

/** `{ id: placeholder('id'), ... }`: one row of placeholders named after its fields and a prefix. */
const placeholders = (prefix: string) =>
  Object.fromEntries(FIELDS.map((field) => [field, sql.placeholder(`${prefix}${field}`)])) as unknown as ItemValues;

/**
 * A bulk insert prepared once per chunk size: `rows` rows of placeholders `r0_id`, `r0_category`...
 * Executing it fills 60,000 placeholders from one object, with no SQL building.
 */
function bulkValues(rows: readonly ItemValues[]): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  rows.forEach((row, index) => {
    for (const field of FIELDS) values[`r${index}_${field}`] = row[field];
  });
  return values;
}

const bulkPlaceholders = (rows: number) => Array.from({ length: rows }, (_, index) => placeholders(`r${index}_`));

export function drizzlePreparedSqlite(db: SQLiteDatabase<Schema>): Implementation {
  const d = db.drizzle;
  const t = db.tables.item;
  const byId = d
    .select()
    .from(t)
    .where(eq(t.id, sql.placeholder('id')))
    .limit(1)
    .prepare();
  const byCategory = d
    .select()
    .from(t)
    .where(eq(t.category, sql.placeholder('category')))
    .orderBy(asc(t.rank))
    .limit(sql.placeholder('limit'))
    .prepare();
  const insertOne = d.insert(t).values(placeholders('')).returning().prepare();
  const update = d
    .update(t)
    .set({ price: sql.placeholder('price') as unknown as number })
    .where(eq(t.id, sql.placeholder('id')))
    .returning()
    .prepare();
  const bulkStatement = perKey((rows: number) => d.insert(t).values(bulkPlaceholders(rows)).prepare());
  const perChunk = Math.floor(MAX_PARAMETERS.sqlite / ITEM_COLUMNS);
  return {
    name: 'drizzle-prepared',
    ops: {
      findById: async (id) => byId.get({ id }),
      findByCategory: async (category, limit) => byCategory.all({ category, limit }),
      // `.all()` rather than `.get()` for writes: see the note on WAL checkpoints in raw.ts.
      insertOne: async (values) => insertOne.all({ ...values })[0],
      insertMany: async (rows) =>
        d.transaction(() => {
          for (const part of chunks(rows, perChunk)) bulkStatement(part.length).run(bulkValues(part));
        }),
      updatePrice: async (id, price) => update.all({ id, price })[0],
    },
    close: async () => {},
  };
}

/** PGlite and postgres-js. On postgres-js a named prepared query is also a server-side prepared statement. */
export function drizzlePreparedPg(
  d: PgDatabase<PgQueryResultHKT, Record<string, unknown>>,
  t: PgTablesOf<Schema>['item'],
): Implementation {
  const byId = d
    .select()
    .from(t)
    .where(eq(t.id, sql.placeholder('id')))
    .limit(1)
    .prepare('bench_item_by_id');
  const byCategory = d
    .select()
    .from(t)
    .where(eq(t.category, sql.placeholder('category')))
    .orderBy(asc(t.rank))
    .limit(sql.placeholder('limit'))
    .prepare('bench_item_by_category');
  const insertOne = d.insert(t).values(placeholders('')).returning().prepare('bench_item_insert');
  const update = d
    .update(t)
    .set({ price: sql.placeholder('price') as unknown as number })
    .where(eq(t.id, sql.placeholder('id')))
    .returning()
    .prepare('bench_item_update');
  const bulkStatement = perKey((rows: number) =>
    d.insert(t).values(bulkPlaceholders(rows)).prepare(`bench_item_bulk_${rows}`),
  );
  const perChunk = Math.floor(MAX_PARAMETERS.postgres / ITEM_COLUMNS);
  return {
    name: 'drizzle-prepared',
    ops: {
      findById: async (id) => (await byId.execute({ id }))[0],
      findByCategory: async (category, limit) => byCategory.execute({ category, limit }),
      insertOne: async (values) => (await insertOne.execute({ ...values }))[0],
      insertMany: async (rows) => {
        const parts = chunks(rows, perChunk);
        if (parts.length === 1) return bulkStatement(rows.length).execute(bulkValues(rows));
        // A prepared query runs on the database, outside any transaction: several chunks (more
        // than 10,922 rows; the benchmark's 10,000 are one) are built in a transaction instead.
        return d.transaction(async (tx) => {
          for (const part of parts) await tx.insert(t).values(part);
        });
      },
      updatePrice: async (id, price) => (await update.execute({ id, price }))[0],
    },
    close: async () => {},
  };
}
