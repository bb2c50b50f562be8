// Measures Strata Studio's first paint of a 10,000-row table in Chromium, per engine: the time
// from navigation to the first page of rows on screen (the page's own performance clock), and the
// server's answer time for one page. A measurement, not a test: run it on a quiet machine with
//   npm run measure --workspace packages/studio
// ENGINES=sqlite,pglite,libsql,postgres picks engines (postgres needs the test server: run it
// under `node scripts/with-postgres.mjs`).
import { existsSync } from 'node:fs';
import { createDatabase as createLibsql } from '@strata/libsql';
import { createDatabase as createPostgres } from '@strata/postgres';
import type { AnyStrataDatabase } from '@strata/sql';
import { createPostgresTestDatabase } from '@strata/testing';
import { chromium } from 'playwright-core';
import { startStudio } from '../../src/index.js';
import { type Engine, openTestDatabase, seed } from '../support/databases.js';
import * as schema from '../support/schema.js';

const CHROMIUM = process.env.STRATA_CHROMIUM ?? '/usr/bin/chromium';
const ROWS = 10_000;
const RUNS = 5;

if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing (bash scripts/install-browser.sh)`);
const browser = await chromium.launch({
  executablePath: CHROMIUM,
  headless: true,
  args: ['--no-sandbox', '--disable-dev-shm-usage'],
});
type MeasuredEngine = Engine | 'libsql' | 'postgres';
const engines = (process.env.ENGINES?.split(',') ?? ['sqlite', 'pglite']) as MeasuredEngine[];

/** The engine's empty database of the test schema; a server database is dropped by `drop`. */
async function open(engine: MeasuredEngine): Promise<{ db: AnyStrataDatabase<typeof schema>; drop(): Promise<void> }> {
  if (engine === 'sqlite' || engine === 'pglite') return { db: await openTestDatabase(engine), drop: async () => {} };
  if (engine === 'libsql') {
    const db = await createLibsql({ schema, url: ':memory:' });
    await db.createTables();
    return { db: db as unknown as AnyStrataDatabase<typeof schema>, drop: async () => {} };
  }
  const server = await createPostgresTestDatabase();
  const db = await createPostgres({ schema, url: server.url });
  await db.createTables();
  return { db: db as unknown as AnyStrataDatabase<typeof schema>, drop: server.drop };
}

for (const engine of engines) {
  const { db, drop } = await open(engine);
  await seed(db, ROWS);
  const studio = await startStudio({ databases: [{ name: 'blog', db }] });
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await page.goto(studio.url); // trades the token for the cookie
  const paints: number[] = [];
  const answers: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    await page.goto('about:blank');
    await page.goto(studio.url.replace(/\?token=.*$/, '#/db/blog/t/post?orderBy=views:desc'));
    await page.getByTestId('row').first().waitFor();
    paints.push(await page.evaluate(() => performance.now()));
    const started = performance.now();
    await page.evaluate(() =>
      fetch('/api/db/blog/tables/post/rows?orderBy=views:desc&page=100&pageSize=50').then((r) => r.json()),
    );
    answers.push(performance.now() - started);
  }
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;
  console.log(
    `${engine}: ${ROWS} rows, first paint of the table page median ${Math.round(median(paints))} ms ` +
      `(runs: ${paints.map(Math.round).join(', ')}); one page of 50 from the API median ${Math.round(median(answers))} ms; ` +
      `server RSS ${Math.round(process.memoryUsage().rss / 2 ** 20)} MiB`,
  );
  await context.close();
  await studio.close();
  await db.close();
  await drop();
}
await browser.close();
