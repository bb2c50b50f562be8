// libSQL in the benchmark: a file in a temp directory opened with @strata/libsql, and a plain
// `@libsql/client` on the same file as the `raw` floor (and the probe). Both run one connection
// at a time on the file, in turns, as the SQLite engine's implementations do.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from '@libsql/client';
import { createDatabase } from '@strata/libsql';
import type { SeedData } from './data.js';
import type { EngineRun, StoredRow } from './engines.js';
import { drizzleLibsql } from './implementations/drizzle.js';
import { rawLibsql } from './implementations/raw-libsql.js';
import { strata } from './implementations/strata.js';
import * as schema from './schema.js';

/**
 * libSQL: WAL (Strata's setting for files) and `synchronous = NORMAL` on both clients' connections,
 * as on the SQLite engine, so the insert workloads are about the libraries rather than the disk.
 */
export async function openLibsql(seed: SeedData): Promise<EngineRun> {
  const dir = mkdtempSync(join(tmpdir(), 'strata-bench-libsql-'));
  const url = `file:${join(dir, 'bench.db')}`;
  const db = await createDatabase({ schema, url });
  const client = createClient({ url, concurrency: 1 });
  const close = async () => {
    client.close();
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  };
  const raw = rawLibsql(client);
  try {
    await db.client.execute('pragma synchronous = normal');
    await client.execute('pragma synchronous = normal');
    await db.createTables();
    await raw.ops.insertMany(seed.rows);
    await client.execute('analyze');
  } catch (error) {
    await close();
    throw error;
  }
  const version = (await client.execute('select sqlite_version() as v')).rows[0]?.v;
  const implementations = [raw, drizzleLibsql(db), strata(db)];
  return {
    engine: 'libsql',
    notes: [
      `libSQL (SQLite ${String(version)}, @libsql/client's local driver), file in ${tmpdir()}, journal_mode=WAL, synchronous=NORMAL (Strata's default is FULL)`,
      "drizzle and strata share Strata's client (64-bit integers as bigint); raw is a plain client of its own on the same file",
    ],
    implementations,
    skipped: [
      {
        implementation: 'drizzle-prepared',
        reason: 'not written for libSQL (Drizzle prepares nothing on it: the client has no statement cache)',
      },
      { implementation: 'knex', reason: 'knex has no libSQL client of its own' },
    ],
    probe: {
      count: async (category) =>
        Number(
          (await client.execute({ sql: 'select count(*) as n from item where category = ?', args: [category] })).rows[0]
            ?.n ?? 0,
        ),
      stored: async (id) =>
        (await client.execute({ sql: 'select price, created_at as createdAtMs from item where id = ?', args: [id] }))
          .rows[0] as unknown as StoredRow | undefined,
      clear: async (category) => {
        await client.execute({ sql: 'delete from item where category = ?', args: [category] });
      },
      settle: async () => {
        await client.execute('pragma wal_checkpoint(TRUNCATE)');
      },
    },
    close: () =>
      (async () => {
        for (const implementation of implementations) await implementation.close();
      })().finally(close),
  };
}
