// `raw`: the baseline. Each engine's driver with hand-written SQL and the driver's cheapest path:
// statements prepared once and reused, rows as the driver returns them (no mapping), bulk inserts
// as multi-row INSERT statements under the parameter limit, in one transaction when there are
// several. Single-row writes use RETURNING *, as Strata's create/update do, so the work compares.
import type { PGlite } from '@electric-sql/pglite';
import type { Database as SQLiteClient, Statement } from 'better-sqlite3';
import type { Sql } from 'postgres';
import {
  chunks,
  type Implementation,
  ITEM_COLUMNS,
  type ItemOps,
  type ItemValues,
  MAX_PARAMETERS,
  perKey,
  type ReadRow,
} from '../contract.js';

const COLUMNS = 'id, category, rank, title, price, created_at';

/** `(?, ?, ...), (...)` for SQLite or `($1, $2, ...), (...)` for PostgreSQL, `rows` tuples. */
function valuesList(rows: number, placeholder: (index: number) => string): string {
  const tuples: string[] = [];
  for (let row = 0; row < rows; row++) {
    const slots: string[] = [];
    for (let column = 0; column < ITEM_COLUMNS; column++) slots.push(placeholder(row * ITEM_COLUMNS + column));
    tuples.push(`(${slots.join(', ')})`);
  }
  return tuples.join(', ');
}

const insertText = (rows: number, placeholder: (index: number) => string) =>
  `insert into item (${COLUMNS}) values ${valuesList(rows, placeholder)}`;

const pgPlaceholder = (index: number) => `$${index + 1}`;

/** Flattens rows into one parameter array, in COLUMNS order; `time` encodes the timestamp for the engine. */
function flatten<T>(rows: readonly ItemValues[], time: (date: Date) => T): unknown[] {
  const params: unknown[] = [];
  for (const row of rows) params.push(row.id, row.category, row.rank, row.title, row.price, time(row.createdAt));
  return params;
}

/**
 * better-sqlite3. Strata's connection turns on safe integers (INTEGER reads as bigint); these
 * statements turn it off again, as a plain better-sqlite3 connection has it. Timestamps are stored
 * as epoch milliseconds, the encoding Strata uses, so every implementation reads the others' rows.
 *
 * Writes with RETURNING use `.all()`, not `.get()`: `.get()` resets the statement after the first
 * row, so it never steps to completion, and SQLite runs its WAL auto-checkpoint only when a step
 * completes. With `.get()` the WAL grows without bound (84 MB after 20,000 updates here) and the
 * next implementation whose statement completes pays the whole checkpoint: not a fair baseline.
 */
export function rawSqlite(client: SQLiteClient): Implementation {
  const prepare = (text: string): Statement => client.prepare(text).safeIntegers(false);
  const byId = prepare('select * from item where id = ?');
  const byCategory = prepare('select * from item where category = ? order by rank limit ?');
  const insertOne = prepare(`insert into item (${COLUMNS}) values (?, ?, ?, ?, ?, ?) returning *`);
  const update = prepare('update item set price = ? where id = ? returning *');
  // One prepared multi-row statement per chunk size (10,000 rows: one of 5,461 and one of 4,539).
  const bulkStatement = perKey((rows: number) => prepare(insertText(rows, () => '?')));
  const insertMany = client.transaction((rows: readonly ItemValues[]) => {
    let changes = 0;
    for (const part of chunks(rows, Math.floor(MAX_PARAMETERS.sqlite / ITEM_COLUMNS))) {
      changes += bulkStatement(part.length).run(flatten(part, (date) => date.getTime())).changes;
    }
    return changes;
  });
  const ops: ItemOps = {
    findById: async (id) => byId.get(id) as ReadRow | undefined,
    findByCategory: async (category, limit) => byCategory.all(category, limit) as ReadRow[],
    insertOne: async (v) =>
      (insertOne.all(v.id, v.category, v.rank, v.title, v.price, v.createdAt.getTime()) as ReadRow[])[0],
    insertMany: async (rows) => insertMany(rows),
    updatePrice: async (id, price) => (update.all(price, id) as ReadRow[])[0],
  };
  return { name: 'raw', ops, close: async () => {} };
}

/**
 * PGlite's `query(text, params)`: PGlite runs in this process and keeps no statement cache, so
 * this is its cheapest parameterised path. Timestamps go as ISO strings.
 */
export function rawPglite(client: PGlite): Implementation {
  const bulk = perKey((rows: number) => insertText(rows, pgPlaceholder));
  const iso = (date: Date) => date.toISOString();
  const ops: ItemOps = {
    findById: async (id) => (await client.query<ReadRow>('select * from item where id = $1', [id])).rows[0],
    findByCategory: async (category, limit) =>
      (await client.query<ReadRow>('select * from item where category = $1 order by rank limit $2', [category, limit]))
        .rows,
    insertOne: async (v) =>
      (
        await client.query<ReadRow>(`insert into item (${COLUMNS}) values ($1, $2, $3, $4, $5, $6) returning *`, [
          v.id,
          v.category,
          v.rank,
          v.title,
          v.price,
          iso(v.createdAt),
        ])
      ).rows[0],
    insertMany: async (rows) => {
      const parts = chunks(rows, Math.floor(MAX_PARAMETERS.postgres / ITEM_COLUMNS));
      if (parts.length === 1) return client.query(bulk(rows.length), flatten(rows, iso));
      return client.transaction(async (tx) => {
        for (const part of parts) await tx.query(bulk(part.length), flatten(part, iso));
      });
    },
    updatePrice: async (id, price) =>
      (await client.query<ReadRow>('update item set price = $1 where id = $2 returning *', [price, id])).rows[0],
  };
  return { name: 'raw', ops, close: async () => {} };
}

/**
 * postgres-js `sql.unsafe(text, params, { prepare: true })`: a named server-side statement per
 * connection, parsed and planned once. Timestamps go as ISO strings (Drizzle replaces the client's
 * timestamp serializers when it wraps it, so a Date would not be encoded by postgres-js itself).
 */
export function rawPostgres(sql: Sql): Implementation {
  const prepared = { prepare: true } as const;
  const iso = (date: Date) => date.toISOString();
  const bulk = perKey((rows: number) => insertText(rows, pgPlaceholder));
  type Params = Parameters<Sql['unsafe']>[1];
  const ops: ItemOps = {
    findById: async (id) => (await sql.unsafe<ReadRow[]>('select * from item where id = $1', [id], prepared))[0],
    findByCategory: async (category, limit) =>
      sql.unsafe<ReadRow[]>(
        'select * from item where category = $1 order by rank limit $2',
        [category, limit],
        prepared,
      ),
    insertOne: async (v) =>
      (
        await sql.unsafe<ReadRow[]>(
          `insert into item (${COLUMNS}) values ($1, $2, $3, $4, $5, $6) returning *`,
          [v.id, v.category, v.rank, v.title, v.price, iso(v.createdAt)],
          prepared,
        )
      )[0],
    insertMany: async (rows) => {
      const parts = chunks(rows, Math.floor(MAX_PARAMETERS.postgres / ITEM_COLUMNS));
      if (parts.length === 1) return sql.unsafe(bulk(rows.length), flatten(rows, iso) as Params, prepared);
      return sql.begin(async (tx) => {
        for (const part of parts) await tx.unsafe(bulk(part.length), flatten(part, iso) as Params, prepared);
      });
    },
    updatePrice: async (id, price) =>
      (await sql.unsafe<ReadRow[]>('update item set price = $1 where id = $2 returning *', [price, id], prepared))[0],
  };
  return { name: 'raw', ops, close: async () => {} };
}
