// connect() for real on every engine, and what happens when the PostgreSQL server is not there:
// retries while it comes up, typed errors during an outage, recovery afterwards.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isDatabaseError } from '@strata/core';
import { health } from '@strata/sql';
import {
  createPostgresTestDatabase,
  engineCases,
  POSTGRES_URL_VARIABLE,
  startFaultProxy,
  startNeonHttpEndpoint,
  startNeonWebSocketProxy,
} from '@strata/testing';
import { afterAll, describe, expect, expectTypeOf, test } from 'vitest';
import ws from 'ws';
import { connect, connectFromEnv } from '../src/index.js';
import { appSchema, authSchema } from './fixtures.js';

const postgres = engineCases().find((c) => c.engine === 'postgres');
const serverUrl = (process.env[POSTGRES_URL_VARIABLE] ?? '') as `postgres://${string}`;
const scratch = mkdtempSync(join(tmpdir(), 'strata-connect-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

async function createTables(db: { createTables(): Promise<void> }) {
  await db.createTables();
}

describe('connect() opens the engine its URL names', () => {
  test('sqlite: memory and file; the engine is typed from the URL', async () => {
    const memory = await connect('sqlite::memory:', { schema: appSchema });
    expectTypeOf(memory.engine).toEqualTypeOf<'sqlite'>();
    expect(memory.engine).toBe('sqlite');
    await createTables(memory);
    const created = await memory.repos.note.create({ userId: '018f0000-0000-7000-8000-000000000001', body: 'hi' });
    expect(created.views).toBe(0);
    await memory.close();

    const file = join(scratch, 'app.sqlite3');
    const first = await connect(`sqlite:${file}`, { schema: appSchema });
    await createTables(first);
    await first.repos.note.create({ userId: '018f0000-0000-7000-8000-000000000001', body: 'kept' });
    await first.close();
    const second = await connect({ engine: 'sqlite', filename: file }, { schema: appSchema });
    expect((await second.repos.note.findMany()).map((n) => n.body)).toEqual(['kept']);
    await second.close();
  });

  test('pglite: a directory keeps its data across opens', async () => {
    const dir = join(scratch, 'pglite');
    const first = await connect(`pglite:${dir}`, { schema: appSchema });
    expectTypeOf(first.engine).toEqualTypeOf<'pglite'>();
    await createTables(first);
    await first.repos.note.create({ userId: '018f0000-0000-7000-8000-000000000001', body: 'kept' });
    await first.close();
    const second = await connect(`pglite:${dir}`, { schema: appSchema });
    expect(await second.repos.note.count()).toBe(1);
    await second.close();
  });

  test('idb:// outside a browser is a clear error, not a crash', async () => {
    await expect(connect('idb://typyst', { schema: appSchema })).rejects.toThrow(/IndexedDB, which only browsers have/);
  });

  test('connectFromEnv follows the environment and never reads .env files', async () => {
    const file = join(scratch, 'env.sqlite3');
    const seen: string[] = [];
    const db = await connectFromEnv({
      schema: appSchema,
      env: { NODE_ENV: 'development', SQLITE_PATH: file },
      onResolved: (connection) => seen.push(connection.description),
    });
    expect(db.engine).toBe('sqlite');
    expect(seen).toEqual([`SQLITE_PATH: sqlite:${file}`]);
    await db.close();
  });
});

describe.skipIf(postgres?.skip)('PostgreSQL through connect()', () => {
  test('two databases in one app are typed apart: app tables cannot be queried through auth', async () => {
    const auth = await connect(serverUrl, { schema: authSchema });
    const app = await connect('sqlite::memory:', { schema: appSchema });
    expectTypeOf(auth.engine).toEqualTypeOf<'postgres'>();
    // @ts-expect-error the note table belongs to the app database
    expect(() => auth.repo(appSchema.note)).toThrow();
    expect(Object.keys(auth.repos)).toEqual(['user']);
    await auth.close();
    await app.close();
  });

  test('a server that is down: retries with backoff, then a connection error without the password', async () => {
    const proxy = await startFaultProxy(serverUrl);
    await proxy.down();
    const retries: number[] = [];
    const started = Date.now();
    const error = await connect(proxy.url, {
      schema: authSchema,
      retry: { attempts: 3, initialDelayMs: 50, onRetry: (event) => retries.push(event.attempt) },
    }).then(
      () => undefined,
      (failure: unknown) => failure,
    );
    expect(retries).toEqual([1, 2]);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(isDatabaseError(error) && error.kind).toBe('connection');
    const password = new URL(serverUrl).password;
    expect(String((error as Error).message)).not.toContain(password);
    await proxy.close();
  });

  test('an app started while the server is down connects by itself once it is up; health goes from down to up', async () => {
    const proxy = await startFaultProxy(serverUrl);
    await proxy.down();
    const retries: number[] = [];
    setTimeout(() => void proxy.up(), 1200);
    const db = await connect(proxy.url, {
      schema: authSchema,
      retry: { attempts: 10, initialDelayMs: 100, maxDelayMs: 500, onRetry: (event) => retries.push(event.attempt) },
    });
    expect(retries.length).toBeGreaterThan(0);
    expect((await health(db)).ok).toBe(true);
    await proxy.down();
    const down = await health(db, { timeoutMs: 2000 });
    expect(down.ok).toBe(false);
    expect(down.error).toBeTruthy();
    await proxy.up();
    const up = await health(db);
    expect(up).toMatchObject({ ok: true, engine: 'postgres' });
    expect(up.serverVersion).toMatch(/^PostgreSQL \d+/);
    await db.close();
    await proxy.close();
  });

  test('wrong password: an authentication error at once (no retries), password masked', async () => {
    const wrong = new URL(serverUrl);
    wrong.password = 'not-the-password';
    const retries: number[] = [];
    const error = await connect(wrong.toString(), {
      schema: authSchema,
      retry: { attempts: 5, initialDelayMs: 50, onRetry: (event) => retries.push(event.attempt) },
    }).then(
      () => undefined,
      (failure: unknown) => failure,
    );
    expect(retries).toEqual([]);
    expect(isDatabaseError(error) && error.kind).toBe('authentication');
    expect(String((error as Error).message)).not.toContain('not-the-password');
  });
});

describe.skipIf(postgres?.skip)('Neon through connect()', () => {
  test('neon+ws:// (transactions) and neon+http:// (one request per statement), against local stand-ins', async () => {
    const database = await createPostgresTestDatabase();
    const server = new URL(database.url);
    const proxy = await startNeonWebSocketProxy({ host: server.hostname, port: Number(server.port) });
    const endpoint = await startNeonHttpEndpoint();
    const rest = database.url.replace(/^postgres(ql)?:\/\//, '');
    const viaWebSocket = await connect(`neon+ws://${rest}`, {
      schema: appSchema,
      neon: { webSocket: { webSocketConstructor: ws, proxy: proxy.wsProxy, secure: false, pipelineConnect: false } },
    });
    expectTypeOf(viaWebSocket.engine).toEqualTypeOf<'neon'>();
    await viaWebSocket.createTables();
    await viaWebSocket.transaction(async (tx) => {
      await tx.repos.note.create({ userId: '018f0000-0000-7000-8000-000000000001', body: 'over a websocket' });
    });
    const viaHttp = await connect(`neon+http://${rest}`, { schema: appSchema, neon: { fetchEndpoint: endpoint.url } });
    expect((await viaHttp.repos.note.findMany()).map((note) => note.body)).toEqual(['over a websocket']);
    await expect(viaHttp.transaction(async () => 1)).rejects.toThrow(/websocket/i);
    expect(await health(viaHttp)).toMatchObject({ ok: true, engine: 'neon' });
    await viaHttp.close();
    await viaWebSocket.close();
    await proxy.close();
    await endpoint.close();
    await database.drop();
  });
});
