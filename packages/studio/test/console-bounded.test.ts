// The SQL console keeps at most 1,000 rows of a result, and never takes more from the engine: on
// PostgreSQL engines (PGlite, and the PostgreSQL server when `npm test` runs one) a query goes
// through a cursor of which 1,001 rows are fetched; on SQLite better-sqlite3's iterator stops at
// row 1,001. A million-row query answers its first 1,000 rows, marked as cut.
import { createDatabase as createPglite } from '@strata/pglite';
import { createDatabase as createPostgres } from '@strata/postgres';
import type { AnyStrataDatabase } from '@strata/sql';
import { createDatabase as createSqlite } from '@strata/sqlite';
import { createPostgresTestDatabase, engineCases, type PostgresTestDatabase, pgliteSnapshot } from '@strata/testing';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type StudioHandle, startStudio } from '../src/index.js';
import { type Answer, authorized } from './support/client.js';
import * as schema from './support/schema.js';

const MILLION: Record<string, string> = {
  pglite: 'select n, n * 2 as twice from generate_series(1, 1000000) as n',
  postgres: 'select n, n * 2 as twice from generate_series(1, 1000000) as n',
  sqlite:
    'with recursive series(n) as (select 1 union all select n + 1 from series where n < 1000000) select n, n * 2 as twice from series',
};

describe.each(engineCases())('SQL console on $engine: bounded results', ({ engine, skip }) => {
  let db: AnyStrataDatabase | undefined;
  let server: PostgresTestDatabase | undefined;
  let studio: StudioHandle | undefined;
  let api: (path: string, options?: { method?: string; body?: unknown }) => Promise<Answer>;
  const run = (sql: string, explain = false) => api('/api/db/blog/sql', { method: 'POST', body: { sql, explain } });

  beforeAll(async () => {
    if (skip) return;
    if (engine === 'postgres') {
      server = await createPostgresTestDatabase();
      db = (await createPostgres({ schema, url: server.url })) as unknown as AnyStrataDatabase;
    } else if (engine === 'pglite') {
      db = (await createPglite({ schema, loadDataDir: await pgliteSnapshot() })) as unknown as AnyStrataDatabase;
    } else {
      db = (await createSqlite({ schema })) as unknown as AnyStrataDatabase;
    }
    await db.createTables();
    studio = await startStudio({ databases: [{ name: 'blog', db }] });
    api = authorized(studio.port, studio.token);
  }, 60_000);

  afterAll(async () => {
    await studio?.close();
    await db?.close();
    await server?.drop();
  });

  test.skipIf(skip)('a million-row query returns its first 1,000 rows, marked as cut', async () => {
    const { status, json } = await run(MILLION[engine] as string);
    expect(status).toBe(200);
    expect(json.columns).toEqual(['n', 'twice']);
    expect(json.rows).toHaveLength(1000);
    expect(json.truncated).toBe(true);
    expect(json.rows[0].map(Number)).toEqual([1, 2]);
    expect(json.rows[999].map(Number)).toEqual([1000, 2000]);
  });

  test.skipIf(skip)('exactly 1,000 rows is not cut; 1,001 is; none keeps its columns', async () => {
    const series = (count: number) =>
      engine === 'sqlite'
        ? `with recursive s(n) as (select 1 union all select n + 1 from s where n < ${count}) select n from s`
        : `select n from generate_series(1, ${count}) as n`;
    const exact = (await run(series(1000))).json;
    expect([exact.rows.length, exact.truncated]).toEqual([1000, false]);
    const over = (await run(series(1001))).json;
    expect([over.rows.length, over.truncated]).toEqual([1000, true]);
    const none = (await run('select id, title from post where views < 0')).json;
    expect(none).toMatchObject({ columns: ['id', 'title'], rows: [], truncated: false });
  });

  test.skipIf(skip)('VALUES, TABLE, a leading comment and plans still answer', async () => {
    const values = (await run('-- two rows\nvalues (1, 2), (3, 4)')).json;
    expect(values.rows.map((row: unknown[]) => row.map(Number))).toEqual([
      [1, 2],
      [3, 4],
    ]);
    const plan = await run(MILLION[engine] as string, true);
    expect(plan.status).toBe(200);
    expect(plan.json.rows.length).toBeGreaterThan(0);
    expect(plan.json.truncated).toBe(false);
    if (engine !== 'sqlite') {
      expect((await run('table post')).json.rows).toEqual([]);
      expect((await run('show transaction_read_only')).json.rows).toEqual([['on']]);
      // A write hidden in a WITH cannot reach the cursor, nor run: refused before or by the engine.
      const write = await run('with gone as (delete from post returning id) select count(*) from gone');
      expect(write.status).toBe(400);
    }
  });
});
