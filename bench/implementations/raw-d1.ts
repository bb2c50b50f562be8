// `raw` on D1: the binding's own API with hand-written SQL, as a Worker on D1 writes it. Each
// statement is prepared once (`binding.prepare(text)`) and bound per call; a bulk insert is
// multi-row INSERTs of at most 100 bound values each (D1's limit: 16 rows of `item`), all sent in
// one `batch` (atomic). Rows come back as D1 gives them (SQL column names, integers as numbers).
import type { D1Binding, D1StatementLike } from '@strata/d1';
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

const valuesList = (rows: number) =>
  Array.from({ length: rows }, () => `(${Array.from({ length: ITEM_COLUMNS }, () => '?').join(', ')})`).join(', ');

/** One row's values in COLUMNS order; timestamps as epoch milliseconds, Strata's encoding. */
const rowValues = (v: ItemValues) => [v.id, v.category, v.rank, v.title, v.price, v.createdAt.getTime()];

/** `binding` is the D1 binding itself (as miniflare hands it out), not Strata's wrapper of it. */
export function rawD1(binding: D1Binding): Implementation {
  const byId = binding.prepare('select * from item where id = ?');
  const byCategory = binding.prepare('select * from item where category = ? order by rank limit ?');
  const insertOne = binding.prepare(`insert into item (${COLUMNS}) values (?, ?, ?, ?, ?, ?) returning *`);
  const update = binding.prepare('update item set price = ? where id = ? returning *');
  // One prepared multi-row statement per chunk size (10,000 rows: 625 chunks of 16).
  const bulkStatement = perKey((rows: number) =>
    binding.prepare(`insert into item (${COLUMNS}) values ${valuesList(rows)}`),
  );
  const perChunk = Math.floor(MAX_PARAMETERS.d1 / ITEM_COLUMNS);
  const ops: ItemOps = {
    findById: async (id) => (await byId.bind(id).first<ReadRow>()) ?? undefined,
    findByCategory: async (category, limit) => (await byCategory.bind(category, limit).all<ReadRow>()).results,
    insertOne: async (v) => (await insertOne.bind(...rowValues(v)).all<ReadRow>()).results[0],
    insertMany: async (rows) => {
      const statements: D1StatementLike[] = chunks(rows, perChunk).map((part) =>
        bulkStatement(part.length).bind(...part.flatMap(rowValues)),
      );
      return statements.length === 1 ? (statements[0] as D1StatementLike).run() : binding.batch(statements);
    },
    updatePrice: async (id, price) => (await update.bind(price, id).all<ReadRow>()).results[0],
  };
  return { name: 'raw', ops, close: async () => {} };
}
