// `raw` on libSQL: `@libsql/client`'s own API with hand-written SQL, as an application on libSQL
// writes it: `execute({ sql, args })` per call (the local client prepares each statement anew: it
// keeps no statement cache) and one `batch` (a single transaction) for a bulk insert's chunks.
// Integers come back as numbers (the client's default `intMode`), as a plain client has it.
import type { Client, InArgs, InStatement } from '@libsql/client';
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

function flatten(rows: readonly ItemValues[]): InArgs {
  const params: (string | number | null)[] = [];
  for (const row of rows) params.push(row.id, row.category, row.rank, row.title, row.price, row.createdAt.getTime());
  return params;
}

/** The first row of a result as a plain object (libSQL's rows are indexed too; the checks read names). */
const first = (rows: readonly unknown[]) => rows[0] as ReadRow | undefined;

/** `client` is a plain libSQL client on the benchmark's file (not Strata's, whose integers are bigint). */
export function rawLibsql(client: Client): Implementation {
  const bulkText = perKey((rows: number) => `insert into item (${COLUMNS}) values ${valuesList(rows)}`);
  const perChunk = Math.floor(MAX_PARAMETERS.sqlite / ITEM_COLUMNS);
  const ops: ItemOps = {
    findById: async (id) => first((await client.execute({ sql: 'select * from item where id = ?', args: [id] })).rows),
    findByCategory: async (category, limit) =>
      (
        await client.execute({
          sql: 'select * from item where category = ? order by rank limit ?',
          args: [category, limit],
        })
      ).rows as unknown as ReadRow[],
    insertOne: async (v) =>
      first(
        (
          await client.execute({
            sql: `insert into item (${COLUMNS}) values (?, ?, ?, ?, ?, ?) returning *`,
            args: [v.id, v.category, v.rank, v.title, v.price, v.createdAt.getTime()],
          })
        ).rows,
      ),
    insertMany: async (rows) => {
      const statements: InStatement[] = chunks(rows, perChunk).map((part) => ({
        sql: bulkText(part.length),
        args: flatten(part),
      }));
      return statements.length === 1 ? client.execute(statements[0] as InStatement) : client.batch(statements, 'write');
    },
    updatePrice: async (id, price) =>
      first(
        (await client.execute({ sql: 'update item set price = ? where id = ? returning *', args: [price, id] })).rows,
      ),
  };
  // The engine closes the client (its probe uses it too).
  return { name: 'raw', ops, close: async () => {} };
}
