// @strata/postgres/neon against the real PostgreSQL server started by `node scripts/with-postgres.mjs`,
// through Neon's own driver (@neondatabase/serverless 1.2): its WebSocket path via a loopback
// WebSocket-to-TCP proxy, its HTTP path via a loopback stand-in for Neon's SQL-over-HTTP endpoint
// (both from @strata/testing). Neon's cloud itself (its proxy, TLS, endpoint, cold starts) is not
// reachable here and is not what these tests claim to cover. Without a server: named skips.
import { createServer } from 'node:net';
import { inspect } from 'node:util';
import { neonConfig } from '@neondatabase/serverless';
import {
  DatabaseClosedError,
  DatabaseError,
  defineTable,
  id,
  integer,
  isDatabaseError,
  isStrataError,
  type SchemaModule,
  text,
  timestamps,
  uuid,
} from '@strata/core';
import { createDatabase } from '@strata/postgres';
import {
  createNeonDatabase,
  type NeonHttpStrataDatabase,
  type NeonStrataDatabase,
  type NeonWebSocketStrataDatabase,
  TRANSACTION_UNSUPPORTED,
} from '@strata/postgres/neon';
import {
  caught,
  engineCases,
  type NeonHttpEndpoint,
  type NeonWebSocketProxy,
  POSTGRES_URL_VARIABLE,
  runConformanceSuite,
  startNeonHttpEndpoint,
  startNeonWebSocketProxy,
} from '@strata/testing';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { afterAll, describe, expect, expectTypeOf, test } from 'vitest';
import ws from 'ws';

const skip = engineCases().find((c) => c.engine === 'postgres')?.skip;
const it = test.skipIf(skip !== undefined);
const serverUrl = process.env[POSTGRES_URL_VARIABLE] ?? '';

/** A password that must never appear in an error. */
const SECRET = 'S3cr3t-Neon-Sentinel';

// ---------------------------------------------------------------------------------------------
// Fixtures shared by the whole file: started on first use, stopped after every test.

interface Fixtures {
  readonly admin: postgres.Sql;
  readonly proxy: NeonWebSocketProxy;
  readonly endpoint: NeonHttpEndpoint;
}

let fixtures: Promise<Fixtures> | undefined;
let databaseCounter = 0;

function fixturesReady(): Promise<Fixtures> {
  fixtures ??= (async () => {
    const server = new URL(serverUrl);
    const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
    const proxy = await startNeonWebSocketProxy({ host: server.hostname, port: Number(server.port) });
    const endpoint = await startNeonHttpEndpoint();
    return { admin, proxy, endpoint };
  })();
  return fixtures;
}

afterAll(async () => {
  if (!fixtures) return;
  const { admin, proxy, endpoint } = await fixtures;
  await Promise.all([proxy.close(), endpoint.close()]);
  await admin.end({ timeout: 5 });
});

/** A new empty database on the test server; `drop()` removes it (and any connection left to it). */
async function createTestDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const { admin } = await fixturesReady();
  const name = `strata_neon_${process.pid}_${++databaseCounter}_${Date.now().toString(36)}`;
  await admin`create database ${admin(name)}`;
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => admin`drop database if exists ${admin(name)} with (force)`.then(() => {}) };
}

/** Opens `url` through one of Neon's drivers, pointed at this file's fixtures. */
async function openNeon<S extends SchemaModule>(
  driver: 'http',
  schema: S,
  url: string,
): Promise<NeonHttpStrataDatabase<S>>;
async function openNeon<S extends SchemaModule>(
  driver: 'websocket',
  schema: S,
  url: string,
): Promise<NeonWebSocketStrataDatabase<S>>;
async function openNeon<S extends SchemaModule>(
  driver: 'http' | 'websocket',
  schema: S,
  url: string,
): Promise<NeonStrataDatabase<S>>;
async function openNeon<S extends SchemaModule>(
  driver: 'http' | 'websocket',
  schema: S,
  url: string,
): Promise<NeonStrataDatabase<S>> {
  const { proxy, endpoint } = await fixturesReady();
  if (driver === 'http') return createNeonDatabase({ schema, url, driver, fetchEndpoint: endpoint.url });
  return createNeonDatabase({
    schema,
    url,
    driver,
    maxConnections: 4,
    // Node 20 has no global WebSocket; on loopback there is no TLS, and the local server uses
    // SCRAM, which needs the driver to wait for the server's password request.
    webSocket: { webSocketConstructor: ws, proxy: proxy.wsProxy, secure: false, pipelineConnect: false },
  });
}

/** `openNeon` on a fresh database that its `close()` drops. */
async function openFresh<S extends SchemaModule>(driver: 'http' | 'websocket', schema: S) {
  const { url, drop } = await createTestDatabase();
  const db = await openNeon(driver, schema, url);
  const close = db.close.bind(db);
  let closing: Promise<void> | undefined;
  return Object.assign(db, {
    close: () => {
      closing ??= close().then(drop);
      return closing;
    },
  });
}

// ---------------------------------------------------------------------------------------------
// The repository conformance suite on both drivers. HTTP skips, by name, the tests that need an
// interactive transaction.

runConformanceSuite({
  engines: [
    { engine: 'neon-websocket', skip },
    {
      engine: 'neon-http',
      skip,
      noTransactions: "Neon's HTTP driver sends one statement per request: no interactive transactions",
    },
  ],
  open: (engine, schema) => openFresh(engine === 'neon-http' ? 'http' : 'websocket', schema),
});

// ---------------------------------------------------------------------------------------------
// What is particular to Neon's drivers.

const author = defineTable('author', { id: id(), name: text().notNull().unique(), ...timestamps() });
const book = defineTable('book', {
  id: id(),
  authorId: uuid()
    .notNull()
    .references(() => author.id),
  title: text().notNull(),
  copies: integer().notNull().default(0),
});
const schema = { author, book };

/** Every message, code and stack along an error's cause chain, for leak checks. */
function describeError(error: unknown): string {
  const parts: string[] = [inspect(error, { depth: 10 })];
  for (let e = error, depth = 0; e && depth < 10; e = (e as { cause?: unknown }).cause, depth++) {
    if (e instanceof Error) parts.push(e.message, e.stack ?? '', String((e as { code?: unknown }).code));
    else parts.push(String(e));
    try {
      parts.push(JSON.stringify(e));
    } catch {
      // circular: the messages are enough
    }
  }
  return parts.join('\n');
}

/** A loopback port with nothing listening on it. */
function unusedPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      if (!address || typeof address === 'string') return reject(new Error('no port'));
      server.close(() => resolve(address.port));
    });
  });
}

/** The url of `url`'s database with another password. */
function withPassword(url: string, password: string): string {
  const changed = new URL(url);
  changed.password = password;
  return changed.toString();
}

describe('@strata/postgres/neon createNeonDatabase', () => {
  if (skip) test.skip(`neon: ${skip}`, () => {});

  const opened: { close(): Promise<void> }[] = [];
  const track = <D extends { close(): Promise<void> }>(db: D): D => {
    opened.push(db);
    return db;
  };
  afterAll(async () => {
    await Promise.all(opened.map((db) => db.close()));
  });

  for (const driver of ['websocket', 'http'] as const) {
    it(`${driver}: creates tables, writes and reads through the repository and Drizzle`, async () => {
      const { proxy, endpoint } = await fixturesReady();
      const before = { requests: endpoint.requests, connections: proxy.connections };
      const db = track(await openFresh(driver, schema));
      expect(db.engine).toBe('neon');
      expect(db.dialect).toBe('pg');
      expect(db.driver).toBe(driver);
      await db.createTables();
      const ada = await db.repos.author.create({ name: 'Ada' });
      expect(ada.createdAt).toBeInstanceOf(Date);
      const notes = await db.repos.book.create({ authorId: ada.id, title: 'Notes', copies: 2 });
      expect(await db.repos.book.findMany({ where: { authorId: ada.id } })).toEqual([notes]);
      expect(await db.repos.book.update(notes.id, { copies: 3 })).toMatchObject({ copies: 3 });
      // Drizzle's own queries on the same database decode the same values.
      const found = await db.drizzle.query.author.findFirst();
      expect(found).toEqual(ada);
      const rows = await db.drizzle.select().from(db.tables.book);
      expect(rows).toEqual([await db.repos.book.findById(notes.id)]);
      const catalog = await db.drizzle.execute(
        sql`select table_name as name from information_schema.tables where table_schema = 'public' order by 1`,
      );
      expect(catalog.rows.map((row) => row.name)).toEqual(['author', 'book']);
      await db.dropTables();
      const after = await db.drizzle.execute(
        sql`select count(*)::int as n from information_schema.tables where table_schema = 'public'`,
      );
      expect(after.rows[0]?.n).toBe(0);
      // The queries went through Neon's driver to the fixture of this driver, and only there.
      const used = {
        requests: endpoint.requests - before.requests,
        connections: proxy.connections - before.connections,
      };
      if (driver === 'http') expect(used).toMatchObject({ requests: expect.any(Number), connections: 0 });
      else expect(used).toMatchObject({ requests: 0, connections: expect.any(Number) });
      expect(used.requests + used.connections).toBeGreaterThan(0);
    });
  }

  it('maps a unique violation to the same DatabaseError on both drivers as on postgres-js', async () => {
    const { url, drop } = await createTestDatabase();
    const direct = await createDatabase({ schema, url, maxConnections: 2 });
    const viaWebSocket = await openNeon('websocket', schema, url);
    const viaHttp = await openNeon('http', schema, url);
    try {
      await direct.createTables();
      await direct.repos.author.create({ name: 'Ada' });
      const summaries = [];
      for (const db of [direct, viaWebSocket, viaHttp]) {
        const error = await caught(() => db.repos.author.create({ name: 'Ada' }));
        expect(error, `${db.engine}: ${String(error)}`).toBeInstanceOf(DatabaseError);
        const { kind, table, columns, constraint, engineCode } = error as DatabaseError;
        summaries.push({ kind, table, columns, constraint, engineCode, message: (error as Error).message });
      }
      expect(summaries[0]).toMatchObject({ kind: 'unique_violation', table: 'author', columns: ['name'] });
      expect(summaries[1]).toEqual(summaries[0]);
      expect(summaries[2]).toEqual(summaries[0]);
      // The same for a foreign key: the referenced row is missing.
      const fkKinds = [];
      for (const db of [direct, viaWebSocket, viaHttp]) {
        const error = await caught(() =>
          db.repos.book.create({ authorId: '01890a5d-ac96-774b-bcce-b302099a8057', title: 'Orphan' }),
        );
        expect(isDatabaseError(error)).toBe(true);
        const { kind, table, columns } = error as DatabaseError;
        fkKinds.push({ kind, table, columns });
      }
      expect(fkKinds[1]).toEqual(fkKinds[0]);
      expect(fkKinds[2]).toEqual(fkKinds[0]);
    } finally {
      await Promise.all([direct.close(), viaWebSocket.close(), viaHttp.close()]);
      await drop();
    }
  });

  it('http: transaction() rejects with TRANSACTION_UNSUPPORTED, naming the WebSocket driver; nothing is written', async () => {
    const db = track(await openFresh('http', schema));
    // What generic code reads instead of the driver's name (Better Auth's adapter does).
    expect(db.capabilities).toEqual({ interactiveTransactions: false, drizzleTransactions: 'none' });
    await db.createTables();
    let ran = false;
    const error = await caught(() =>
      db.transaction(async (tx) => {
        ran = true;
        await tx.repos.author.create({ name: 'never' });
      }),
    );
    expect(isStrataError(error) && error.code).toBe(TRANSACTION_UNSUPPORTED);
    expect((error as Error).message).toMatch(/driver: 'websocket'/);
    expect(ran).toBe(false);
    // Drizzle's own transaction gets the same typed error, not the driver's bare one.
    const drizzleError = await caught(() => db.drizzle.transaction(async () => {}));
    expect(isStrataError(drizzleError) && drizzleError.code).toBe(TRANSACTION_UNSUPPORTED);
    // Single statements still work, and the database is untouched.
    expect(await db.repos.author.count()).toBe(0);
    await db.repos.author.create({ name: 'Ada' });
    expect(await db.repos.author.count()).toBe(1);
  });

  it('http: createTables is all or nothing (one batch): a failing statement leaves no table behind', async () => {
    const { url, drop } = await createTestDatabase();
    const db = await openNeon('http', schema, url);
    try {
      // `book` exists already with another shape: the batch fails at its create table.
      await db.client.query('create table book (x int)');
      const error = await caught(() => db.createTables());
      expect((error as { code?: string }).code).toBe('42P07'); // duplicate_table
      const tables = await db.client.query(
        "select table_name from information_schema.tables where table_schema = 'public' order by 1",
      );
      expect(tables.map((row) => row.table_name)).toEqual(['book']);
    } finally {
      await db.close();
      await drop();
    }
  });

  it('websocket: a transaction runs on its own connection, commits, rolls back and nests', async () => {
    const db = track(await openFresh('websocket', schema));
    await db.createTables();
    let seenOutside: number | undefined;
    await db.transaction(async (tx) => {
      await tx.repos.author.create({ name: 'inside' });
      // Another connection of the pool does not see the uncommitted row.
      seenOutside = await db.repos.author.count();
      expect(await tx.repos.author.count()).toBe(1);
      // A nested transaction is a savepoint: its failure rolls back only its own work.
      const nested = await caught(() =>
        tx.transaction(async (inner) => {
          await inner.repos.author.create({ name: 'nested' });
          throw new Error('undo the savepoint');
        }),
      );
      expect((nested as Error).message).toBe('undo the savepoint');
      await tx.transaction(async (inner) => {
        await inner.repos.author.create({ name: 'kept' });
      });
    });
    expect(seenOutside).toBe(0);
    expect((await db.repos.author.findMany({ orderBy: { name: 'asc' } })).map((a) => a.name)).toEqual([
      'inside',
      'kept',
    ]);
    const failure = new Error('roll back');
    const error = await caught(() =>
      db.transaction(async (tx) => {
        await tx.repos.author.create({ name: 'rolled back' });
        throw failure;
      }),
    );
    expect(error).toBe(failure);
    expect(await db.repos.author.count()).toBe(2);
    // A failed statement inside a transaction: the DatabaseError, and nothing committed.
    const duplicate = await caught(() =>
      db.transaction(async (tx) => {
        await tx.repos.author.create({ name: 'fresh' });
        await tx.repos.author.create({ name: 'inside' });
      }),
    );
    expect(duplicate).toMatchObject({ kind: 'unique_violation', table: 'author' });
    expect(await db.repos.author.count()).toBe(2);
  });

  for (const driver of ['websocket', 'http'] as const) {
    it(`${driver}: a wrong password fails with an authentication DatabaseError that never shows it`, async () => {
      const { url, drop } = await createTestDatabase();
      const db = await openNeon(driver, schema, withPassword(url, SECRET));
      try {
        const error = await caught(() => db.repos.author.findMany());
        expect(error, String(error)).toBeInstanceOf(DatabaseError);
        expect(error).toMatchObject({ kind: 'authentication', engineCode: '28P01' });
        expect(describeError(error)).not.toContain(SECRET);
        // Drizzle's own query fails the same way, without the password either.
        const drizzleError = await caught(() => db.drizzle.execute(sql`select 1`));
        expect(describeError(drizzleError)).not.toContain(SECRET);
      } finally {
        await db.close();
        await drop();
      }
    });
  }

  // Needs no server: nothing listens where the driver is sent.
  for (const driver of ['websocket', 'http'] as const) {
    test(`${driver}: an unreachable endpoint fails with a connection DatabaseError that never shows the password`, async () => {
      const port = await unusedPort();
      const url = `postgres://app:${SECRET}@127.0.0.1:5432/app`;
      const db =
        driver === 'http'
          ? await createNeonDatabase({ schema, url, driver, fetchEndpoint: `http://127.0.0.1:${port}/sql` })
          : await createNeonDatabase({
              schema,
              url,
              driver,
              connectTimeoutSeconds: 5,
              webSocket: { webSocketConstructor: ws, proxy: () => `127.0.0.1:${port}/v2`, secure: false },
            });
      try {
        const error = await caught(() => db.repos.author.findMany());
        expect(error, String(error)).toBeInstanceOf(DatabaseError);
        expect(error).toMatchObject({ kind: 'connection', engineCode: 'ECONNREFUSED' });
        expect(describeError(error)).not.toContain(SECRET);
        // Drizzle's own query rejects with an Error too (not the WebSocket's error event).
        const drizzleError = await caught(() => db.drizzle.execute(sql`select 1`));
        expect(drizzleError).toBeInstanceOf(Error);
        expect(describeError(drizzleError)).not.toContain(SECRET);
      } finally {
        await db.close();
      }
    });
  }

  // Needs no server: runs even when PostgreSQL is skipped.
  test('rejects a missing, malformed or incomplete url and an unknown driver with CONFIG_INVALID, naming no password', async () => {
    const bad = [
      undefined,
      '',
      `postgres://app:${SECRET}@db.example.com:54x32/app`,
      `mysql://app:${SECRET}@db.example.com/app`,
      `postgres://app:${SECRET}@db.example.com`,
    ];
    for (const url of bad) {
      for (const driver of ['http', 'websocket'] as const) {
        const error = await caught(() => createNeonDatabase({ schema, url, driver }));
        expect(isStrataError(error) && error.code, `${driver} ${url}`).toBe('CONFIG_INVALID');
        expect(inspect(error)).not.toContain(SECRET);
      }
    }
    const unknown = await caught(() =>
      createNeonDatabase({ schema, url: 'postgres://app@db.example.com/app', driver: 'tcp' as never }),
    );
    expect(isStrataError(unknown) && unknown.code).toBe('CONFIG_INVALID');
  });

  it('leaves Neon’s process-wide configuration as it found it', async () => {
    const before = {
      fetchEndpoint: neonConfig.fetchEndpoint,
      wsProxy: neonConfig.wsProxy,
      useSecureWebSocket: neonConfig.useSecureWebSocket,
      pipelineConnect: neonConfig.pipelineConnect,
      webSocketConstructor: neonConfig.webSocketConstructor,
    };
    const { url, drop } = await createTestDatabase();
    const first = await openNeon('http', schema, url);
    const second = await openNeon('http', schema, url);
    const viaWebSocket = await openNeon('websocket', schema, url);
    // The WebSocket settings are per connection: nothing global changed.
    expect(neonConfig.wsProxy).toBe(before.wsProxy);
    expect(neonConfig.useSecureWebSocket).toBe(before.useSecureWebSocket);
    expect(neonConfig.pipelineConnect).toBe(before.pipelineConnect);
    expect(neonConfig.webSocketConstructor).toBe(before.webSocketConstructor);
    // fetchEndpoint can only be global: it routes this host and port, and falls back for others.
    const host = new URL(url);
    const router = neonConfig.fetchEndpoint;
    expect(typeof router).toBe('function');
    const { endpoint } = await fixturesReady();
    if (typeof router === 'function') {
      expect(router(host.hostname, host.port)).toBe(endpoint.url);
      const neonDefault = typeof before.fetchEndpoint === 'function' ? before.fetchEndpoint('ep-x.neon.tech', '') : '';
      expect(router('ep-x.neon.tech', '')).toBe(neonDefault);
    }
    await first.close();
    // Still routed while a database needs it: the local server answers (this database has no tables).
    expect(await caught(() => second.repos.author.count())).toMatchObject({ engineCode: '42P01' });
    await Promise.all([second.close(), viaWebSocket.close()]);
    expect(neonConfig.fetchEndpoint).toBe(before.fetchEndpoint);
    await drop();
  });

  for (const driver of ['websocket', 'http'] as const) {
    it(`${driver}: close is idempotent and later use fails with DATABASE_CLOSED`, async () => {
      const db = await openFresh(driver, schema);
      await db.createTables();
      await db.repos.author.create({ name: 'Ada' });
      await Promise.all([db.close(), db.close()]);
      expect(db.closed).toBe(true);
      expect(await caught(() => db.repos.author.findMany())).toBeInstanceOf(DatabaseClosedError);
      expect(await caught(() => db.createTables())).toBeInstanceOf(DatabaseClosedError);
      expect(await caught(() => db.drizzle)).toBeInstanceOf(DatabaseClosedError);
    });
  }

  test('types: the driver narrows the Drizzle database and the client', () => {
    expectTypeOf<NeonHttpStrataDatabase<typeof schema>['engine']>().toEqualTypeOf<'neon'>();
    expectTypeOf<NeonHttpStrataDatabase<typeof schema>['driver']>().toEqualTypeOf<'http'>();
    expectTypeOf<NeonWebSocketStrataDatabase<typeof schema>['driver']>().toEqualTypeOf<'websocket'>();
    expectTypeOf<NeonWebSocketStrataDatabase<typeof schema>['client']['connect']>().toBeFunction();
  });
});
