// D1 in the benchmark: miniflare's local D1 (workerd's own D1, the one `wrangler dev` runs), opened
// from Node. Strata (`@strata/d1`) and Drizzle's D1 driver run on one binding, the raw floor (the
// binding's prepared statements) and the probe on the same binding. Every call crosses from Node
// to workerd and back, so the rates are far below an in-process engine's: the ratios compare.
import { createDatabase, type D1Binding, type D1StrataDatabase } from '@strata/d1';
import { Miniflare } from 'miniflare';
import type { SeedData } from './data.js';
import type { EngineRun, StoredRow } from './engines.js';
import { drizzleD1 } from './implementations/drizzle.js';
import { rawD1 } from './implementations/raw-d1.js';
import { strata } from './implementations/strata.js';
import * as schema from './schema.js';

/** D1 through miniflare: one Worker that does nothing, and its `DB` binding handed to Node. */
export async function openD1(seed: SeedData): Promise<EngineRun> {
  const miniflare = new Miniflare({
    modules: true,
    script: 'export default { fetch() { return new Response("") } }',
    d1Databases: ['DB'],
  });
  const close = () => miniflare.dispose();
  let binding: D1Binding;
  let db: D1StrataDatabase<typeof schema>;
  try {
    binding = (await miniflare.getD1Database('DB')) as unknown as D1Binding;
    db = await createDatabase({ schema, binding });
    // createTables() needs drizzle-kit: it runs here, in Node, as an app's setup would.
    await db.createTables();
    await rawD1(binding).ops.insertMany(seed.rows);
    await binding.prepare('analyze').run();
  } catch (error) {
    await close();
    throw error;
  }
  const implementations = [rawD1(binding), drizzleD1(db), strata(db)];
  return {
    engine: 'd1',
    notes: [
      `miniflare's local D1 (workerd's D1, in memory), not Cloudflare's hosted D1: every call crosses from Node to workerd and back, so rates are low and the ratios are what compares`,
      "raw (the binding's prepared statements), drizzle (drizzle-orm/d1) and strata (@strata/d1) share one binding; bulk inserts are batches of 16-row INSERTs (D1's 100 bound values)",
    ],
    implementations,
    skipped: [
      { implementation: 'drizzle-prepared', reason: 'not written for D1' },
      { implementation: 'knex', reason: 'knex has no D1 client' },
    ],
    probe: {
      count: async (category) =>
        (
          await binding
            .prepare('select count(*) as n from item where category = ?')
            .bind(category)
            .first<{ n: number }>()
        )?.n ?? 0,
      stored: async (id) =>
        (await binding
          .prepare('select price, created_at as createdAtMs from item where id = ?')
          .bind(id)
          .first<StoredRow>()) ?? undefined,
      clear: async (category) => {
        await binding.prepare('delete from item where category = ?').bind(category).run();
      },
      settle: async () => {},
    },
    close: () =>
      (async () => {
        for (const implementation of implementations) await implementation.close();
        await db.close();
      })().finally(close),
  };
}
