// Crash reliability (issue 8): a writer process and a migrating process are killed with SIGKILL
// at random moments, on every engine, and the database is reopened after each kill. Nothing
// acknowledged may be lost, no transaction may be half there, the database must open, and a
// migration must have happened entirely or not at all (and a second `migrate` must finish it).
//
// Runs with `npm run test:reliability` (not part of `npm test`); RELIABILITY_LONG=1 runs ×10.
// Counts are printed as `RELIABILITY {...}` lines and written to reliability/results/crash.json.
//
// PGlite runs without fsync: these kills prove it survives a process crash, not a power loss
// (README, Known limits). Power loss is not simulated here.
import { type ChildProcessByStdio, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { migrate, rollback } from '@strata/sql';
import {
  createPostgresTestDatabase,
  engineCases,
  rawRows,
  type TestDatabase,
  type TestEngineName,
} from '@strata/testing';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, test } from 'vitest';
import {
  BATCH_SIZE,
  type CrashSchema,
  crashMigrations,
  dialectOf,
  GROW_MIGRATION,
  ITEM_ROWS,
  openCrashDatabase,
} from './fixtures/crash-support.js';

const SCALE = process.env.RELIABILITY_LONG === '1' ? 10 : 1;
// PGlite starts in about a second from a directory, in the child and again in the parent after
// every kill: fewer runs keep the CI step short.
const WRITER_RUNS: Record<TestEngineName, number> = { sqlite: 20, pglite: 8, postgres: 20 };
const MIGRATION_RUNS: Record<TestEngineName, number> = { sqlite: 10, pglite: 4, postgres: 10 };
// Budget per run on a loaded 2-core machine (spawn + tsx + engine start + check), for timeouts only.
const RUN_BUDGET_MS: Record<TestEngineName, number> = { sqlite: 15_000, pglite: 30_000, postgres: 15_000 };

const results: { writer: Record<string, object>; migration: Record<string, object> } = { writer: {}, migration: {} };
const suiteStarted = performance.now();

afterAll(() => {
  const folder = fileURLToPath(new URL('./results/', import.meta.url));
  mkdirSync(folder, { recursive: true });
  const report = {
    scale: SCALE,
    durationMs: Math.round(performance.now() - suiteStarted),
    finishedAt: new Date().toISOString(),
    ...results,
  };
  writeFileSync(join(folder, 'crash.json'), `${JSON.stringify(report, null, 2)}\n`);
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const randomBetween = (low: number, high: number) => low + Math.random() * (high - low);

/** A fixture process, spawned as outage.test.ts spawns hold-transaction.ts, with its stdout as lines. */
class Fixture {
  readonly lines: string[] = [];
  stderr = '';
  readonly closed: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  readonly #child: ChildProcessByStdio<null, Readable, Readable>;
  #partial = '';
  #waiters: Array<{ match: (line: string) => boolean; resolve: () => void }> = [];

  constructor(name: string, args: readonly string[]) {
    const script = fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));
    this.#child = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', script, ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.#child.stdout.on('data', (chunk: Buffer) => this.#read(chunk.toString()));
    this.#child.stderr.on('data', (chunk: Buffer) => {
      this.stderr += chunk.toString();
    });
    // 'close' (not 'exit'): every byte the child wrote before dying has been read by then.
    this.closed = new Promise((resolve) => this.#child.on('close', (code, signal) => resolve({ code, signal })));
  }

  #read(text: string) {
    const parts = (this.#partial + text).split('\n');
    this.#partial = parts.pop() ?? '';
    for (const line of parts) {
      this.lines.push(line);
      this.#waiters = this.#waiters.filter((waiter) => {
        if (!waiter.match(line)) return true;
        waiter.resolve();
        return false;
      });
    }
  }

  /** Resolves at the first line `match` accepts; rejects if the process ends first. */
  waitFor(match: (line: string) => boolean): Promise<void> {
    if (this.lines.some(match)) return Promise.resolve();
    return new Promise((resolve, reject) => {
      this.#waiters.push({ match, resolve });
      void this.closed.then(({ code, signal }) =>
        reject(
          new Error(`the fixture ended (code ${code}, signal ${signal}) before the line awaited:\n${this.stderr}`),
        ),
      );
    });
  }

  async kill(): Promise<void> {
    this.#child.kill('SIGKILL');
    await this.closed;
  }
}

async function count(db: TestDatabase<CrashSchema>, query: ReturnType<typeof sql>): Promise<number> {
  const [row] = await rawRows(db, query);
  return Number(row?.n ?? 0);
}

/** Where the growing migration stands, read from the catalog and the history table. */
async function migrationState(db: TestDatabase<CrashSchema>) {
  const history = (await rawRows(db, sql`select "id" from "strata_migrations" order by "id"`)).map((row) =>
    String(row.id),
  );
  const sqlite = db.engine === 'sqlite';
  const table = await count(
    db,
    sqlite
      ? sql`select count(*) as n from sqlite_master where type = 'table' and name = 'crash_item'`
      : sql`select count(*) as n from pg_tables where schemaname = current_schema() and tablename = 'crash_item'`,
  );
  const index = await count(
    db,
    sqlite
      ? sql`select count(*) as n from sqlite_master where type = 'index' and name = 'crash_item_n_idx'`
      : sql`select count(*) as n from pg_indexes where schemaname = current_schema() and indexname = 'crash_item_n_idx'`,
  );
  const column = await count(
    db,
    sqlite
      ? sql`select count(*) as n from pragma_table_info('crash_base') where name = 'note'`
      : sql`select count(*) as n from information_schema.columns where table_schema = current_schema() and table_name = 'crash_base' and column_name = 'note'`,
  );
  const items = table ? await count(db, sql`select count(*) as n from "crash_item"`) : 0;
  const applied = history.includes(GROW_MIGRATION);
  const isNew = applied && table === 1 && index === 1 && column === 1 && items === ITEM_ROWS && history.length === 2;
  const isOld = !applied && table === 0 && index === 0 && column === 0 && history.length === 1;
  const version = isNew ? 'new' : isOld ? 'old' : 'between';
  return { version, history, table, index, column, items } as const;
}

// The engines' tests run at once: each kills and reopens its own database, and most of a run is
// spent starting child processes, so this keeps the CI step to a few minutes.
describe.concurrent('SIGKILL', () => {
  for (const { engine, skip } of engineCases()) {
    describe.skipIf(skip)(engine, () => {
      const dir = mkdtempSync(join(tmpdir(), `strata-crash-${engine}-`));
      const drops: Array<() => Promise<void>> = [];
      afterAll(async () => {
        for (const drop of drops) await drop();
        rmSync(dir, { recursive: true, force: true });
      });

      /** A new, empty database for this engine: a file, a directory, or a database on the test server. */
      async function newLocation(name: string): Promise<string> {
        if (engine === 'sqlite') return join(dir, `${name}.sqlite3`);
        if (engine === 'pglite') return join(dir, name);
        const database = await createPostgresTestDatabase();
        drops.push(() => database.drop());
        return database.url;
      }

      const writerRuns = WRITER_RUNS[engine] * SCALE;
      test(
        `a writer killed ${writerRuns} times: every acknowledged write is there, no transaction is half there`,
        async () => {
          const location = await newLocation('writer');
          const setup = await openCrashDatabase(engine, location);
          await setup.createTables();
          await setup.close();

          const acknowledged = new Map<string, number>(); // batch → rows it wrote
          const problems: string[] = [];
          let kills = 0;
          let lost = 0;
          let halfTransactions = 0;
          let rows = 0;
          for (let run = 0; run < writerRuns; run++) {
            const writer = new Fixture('writer.ts', [engine, location, String(run)]);
            await writer.waitFor((line) => line.startsWith('ack '));
            await sleep(randomBetween(50, 400));
            await writer.kill();
            kills++;
            for (const line of writer.lines) {
              const [word, batch, size] = line.split(' ');
              if (word === 'ack' && batch && size) acknowledged.set(batch, Number(size));
            }

            // Opening must work after every kill: a failure here fails the test as it is.
            const db = await openCrashDatabase(engine, location);
            try {
              const stored = new Map<string, number>();
              for (const row of await rawRows(
                db,
                sql`select "batch", "size", count(*) as n from "crash_row" group by "batch", "size"`,
              )) {
                const n = Number(row.n);
                stored.set(String(row.batch), n);
                if (n !== Number(row.size)) {
                  halfTransactions++;
                  problems.push(`run ${run}: batch ${row.batch} has ${n} of its ${row.size} rows`);
                }
              }
              rows = [...stored.values()].reduce((sum, n) => sum + n, 0);
              lost = 0;
              for (const [batch, size] of acknowledged) {
                if (stored.get(batch) !== size) {
                  lost += size - (stored.get(batch) ?? 0);
                  problems.push(
                    `run ${run}: acknowledged batch ${batch} has ${stored.get(batch) ?? 0} of ${size} rows`,
                  );
                }
              }
            } finally {
              await db.close();
            }
            if (problems.length > 0) break;
          }

          const acknowledgedRows = [...acknowledged.values()].reduce((sum, n) => sum + n, 0);
          const summary = {
            kills,
            acknowledgedWrites: acknowledged.size,
            acknowledgedRows,
            storedRows: rows,
            // Committed, but killed before its acknowledgement was printed: at most one write per kill.
            unacknowledgedRows: rows - acknowledgedRows,
            lost,
            halfTransactions,
          };
          results.writer[engine] = summary;
          console.log(`RELIABILITY ${JSON.stringify({ suite: 'crash', part: 'writer', engine, ...summary })}`);
          expect(problems).toEqual([]);
          expect(rows).toBeGreaterThanOrEqual(acknowledgedRows);
          // More would mean acknowledgements went missing on their way to this process, and with
          // them the test's power to see a lost write.
          expect(rows - acknowledgedRows).toBeLessThanOrEqual(kills * BATCH_SIZE);
          expect(acknowledged.size).toBeGreaterThan(0);
        },
        writerRuns * RUN_BUDGET_MS[engine] + 60_000,
      );

      const migrationRuns = MIGRATION_RUNS[engine] * SCALE;
      test(
        `a migration killed ${migrationRuns} times: the database is at the old or the new version, and migrate finishes it`,
        async () => {
          const location = await newLocation('migrate');
          const migrations = await crashMigrations(dialectOf(engine));
          // The base migration is the "old version"; timing the growing one here gives the window
          // to aim the kills at.
          const setup = await openCrashDatabase(engine, location);
          await migrate(setup, { migrations, to: 1 });
          const timed = performance.now();
          await migrate(setup, { migrations });
          let windowMs = performance.now() - timed;
          await rollback(setup, { migrations, to: 1 });
          await setup.close();

          // killedWhileApplying: after `migrate` began the migration and before it returned.
          const outcomes = { old: 0, new: 0, between: 0, killedWhileApplying: 0, finishedBeforeKill: 0 };
          const problems: string[] = [];
          let kills = 0;
          for (let run = 0; run < migrationRuns; run++) {
            const migrator = new Fixture('migrator.ts', [engine, location]);
            await migrator.waitFor((line) => line === 'applying');
            // Anywhere from before the first statement to just after the commit.
            await sleep(randomBetween(0, windowMs * 1.2 + 10));
            await migrator.kill();
            kills++;
            const done = migrator.lines.find((line) => line.startsWith('done '));
            if (done) {
              outcomes.finishedBeforeKill++;
              // The child took this long (slower than the parent when the machine is busy): aim
              // the next kills inside it.
              windowMs = Number(done.split(' ')[1]);
            } else outcomes.killedWhileApplying++;

            const db = await openCrashDatabase(engine, location);
            try {
              const state = await migrationState(db);
              outcomes[state.version]++;
              if (state.version === 'between') problems.push(`run ${run}: between versions ${JSON.stringify(state)}`);
              await migrate(db, { migrations });
              const after = await migrationState(db);
              if (after.version !== 'new')
                problems.push(`run ${run}: migrate after the kill left ${JSON.stringify(after)}`);
              // Back to the old version for the next kill.
              await rollback(db, { migrations, to: 1 });
            } finally {
              await db.close();
            }
            if (problems.length > 0) break;
          }

          const summary = { kills, windowMs: Math.round(windowMs), ...outcomes };
          results.migration[engine] = summary;
          console.log(`RELIABILITY ${JSON.stringify({ suite: 'crash', part: 'migration', engine, ...summary })}`);
          expect(problems).toEqual([]);
        },
        migrationRuns * RUN_BUDGET_MS[engine] + 60_000,
      );
    });
  }
});
