// `knex`: the query builder many teams pick instead of an ORM, as its docs show it, on its own
// connection (knex manages its pool and has no way to adopt Strata's). No PGlite client exists for
// knex, so it runs on SQLite (client 'better-sqlite3') and PostgreSQL (client 'pg') only.
// knex has no column mapping: rows and inserts use the SQL names (`created_at`).
import knex, { type Knex } from 'knex';
import type { Implementation, ItemOps, ItemValues, ReadRow } from '../contract.js';

/** knex's row for `item`: SQL column names. */
const toRow = (v: ItemValues) => ({
  id: v.id,
  category: v.category,
  rank: v.rank,
  title: v.title,
  price: v.price,
  created_at: v.createdAt,
});

function knexOps(k: Knex, bulkChunk: number): ItemOps {
  return {
    findById: async (id) => (await k<ReadRow>('item').where('id', id).first()) as ReadRow | undefined,
    findByCategory: async (category, limit) =>
      (await k<ReadRow>('item').where('category', category).orderBy('rank').limit(limit)) as ReadRow[],
    insertOne: async (values) => ((await k('item').insert(toRow(values)).returning('*')) as ReadRow[])[0],
    // knex's own bulk helper: chunks in one transaction.
    insertMany: async (rows) => k.batchInsert('item', rows.map(toRow), bulkChunk),
    updatePrice: async (id, price) =>
      ((await k('item').where('id', id).update({ price }).returning('*')) as ReadRow[])[0],
  };
}

/**
 * knex on the same SQLite file, with the pragmas Strata's connection has (WAL is a property of the
 * file; synchronous is per connection, so it is set here too). knex writes a multi-row insert on
 * SQLite as `select ... union all select ...`, which SQLite caps at 500 terms: chunks of 500.
 */
export function knexSqlite(filename: string, synchronous: 'NORMAL' | 'FULL'): Implementation {
  const k = knex({
    client: 'better-sqlite3',
    connection: { filename },
    useNullAsDefault: true,
    pool: {
      afterCreate: (connection: { pragma(source: string): unknown }, done: (error: Error | null) => void) => {
        connection.pragma('busy_timeout = 5000');
        connection.pragma(`synchronous = ${synchronous}`);
        connection.pragma('foreign_keys = ON');
        done(null);
      },
    },
  });
  return { name: 'knex', ops: knexOps(k, 500), close: () => k.destroy() };
}

/** knex with node-postgres on the benchmark database: 10,000 rows × 6 columns fit one statement. */
export function knexPostgres(url: string): Implementation {
  const k = knex({ client: 'pg', connection: url, pool: { min: 1, max: 10 } });
  return { name: 'knex', ops: knexOps(k, 10_000), close: () => k.destroy() };
}
