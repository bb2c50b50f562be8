// PostgreSQL going away under a steady load, seen through a loopback proxy that cuts every
// connection (a restart) and then refuses new ones (an outage): queries fail with typed
// connection errors or succeed, none hangs, the load recovers, and no acknowledged write is lost.
// And a client killed mid-transaction commits nothing.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { isDatabaseError } from '@strata/core';
import { createPostgresTestDatabase, engineCases, startFaultProxy } from '@strata/testing';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { connect } from '../src/index.js';
import { authSchema } from './fixtures.js';

const postgres = engineCases().find((c) => c.engine === 'postgres');
const QUERY_DEADLINE_MS = 15_000;

function deadline<T>(work: Promise<T>): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`a query hung for more than ${QUERY_DEADLINE_MS} ms`)),
      QUERY_DEADLINE_MS,
    );
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.skipIf(postgres?.skip)('PostgreSQL outages', () => {
  let database: Awaited<ReturnType<typeof createPostgresTestDatabase>>;

  beforeAll(async () => {
    database = await createPostgresTestDatabase();
    const db = await connect(database.url, { schema: authSchema });
    await db.createTables();
    await db.close();
  });
  afterAll(async () => {
    await database?.drop();
  });

  test('a restart and an outage under load: typed errors, no hang, recovery, no acknowledged write lost', async () => {
    const proxy = await startFaultProxy(database.url);
    const db = await connect(proxy.url, { schema: authSchema, pool: { max: 4, connectTimeoutSeconds: 2 } });
    const acknowledged: string[] = [];
    const failures: unknown[] = [];
    let attempts = 0;
    let running = true;
    const worker = async (id: number) => {
      for (let n = 0; running; n++) {
        const email = `w${id}-${n}@example.com`;
        attempts++;
        try {
          await deadline(db.repos.user.create({ email }));
          acknowledged.push(email);
          if (n % 5 === 0) await deadline(db.repos.user.count());
        } catch (error) {
          failures.push(error);
          await sleep(50);
        }
      }
    };
    const workers = [0, 1, 2, 3].map(worker);
    await sleep(800);
    const beforeRestart = acknowledged.length;
    proxy.reset(); // every connection cut, as by a server restart
    await sleep(500);
    await proxy.down(); // the server is gone for a while
    await sleep(1500);
    const duringOutage = acknowledged.length;
    await proxy.up();
    await sleep(1500);
    running = false;
    await Promise.all(workers);

    expect(beforeRestart).toBeGreaterThan(0);
    expect(acknowledged.length).toBeGreaterThan(duringOutage); // recovered after the outage
    expect(failures.length).toBeGreaterThan(0);
    for (const failure of failures) {
      expect(isDatabaseError(failure) ? failure.kind : String(failure)).toMatch(/^(connection|timeout)$/);
    }
    await db.close();
    await proxy.close();

    const direct = await connect(database.url, { schema: authSchema });
    const stored = new Set((await direct.repos.user.findMany()).map((user) => user.email));
    for (const email of acknowledged) expect(stored.has(email)).toBe(true);
    // A write whose acknowledgement was lost may still have committed: never more rows than tries.
    expect(stored.size).toBeLessThanOrEqual(attempts);
    await direct.close();
  }, 60_000);

  test('a client killed with SIGKILL in the middle of a transaction commits nothing of it', async () => {
    const script = fileURLToPath(new URL('./fixtures/hold-transaction.ts', import.meta.url));
    const child = spawn(
      process.execPath,
      ['--conditions=source', '--import', 'tsx', script, database.url, 'killed@example.com'],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        if (chunk.toString().includes('inserted')) resolve();
      });
      child.on('exit', (code) => reject(new Error(`the client exited early (${code})`)));
    });
    child.kill('SIGKILL');
    await new Promise((resolve) => child.on('exit', resolve));
    const db = await connect(database.url, { schema: authSchema });
    // The server rolls the transaction back when it sees the connection gone; give it a moment.
    let found = 1;
    for (let i = 0; i < 50 && found > 0; i++) {
      found = await db.repos.user.count({ email: 'killed@example.com' });
      if (found > 0) await sleep(100);
    }
    expect(found).toBe(0);
    await db.close();
  }, 60_000);
});
