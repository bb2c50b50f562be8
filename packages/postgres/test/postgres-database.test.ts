// What @strata/postgres promises on top of postgres-js: a required url (with an error that leaks no
// secret), lazy connections that fail at the first query when the server cannot be reached, a pool
// bounded by maxConnections, idle and connect timeouts, and a safe close. Runs against the real
// PostgreSQL server started by `node scripts/with-postgres.mjs`; without it, a named skip.
import { createServer, type Server, type Socket } from 'node:net';
import { inspect } from 'node:util';
import { bigint, DatabaseClosedError, defineTable, id, isStrataError, text, timestamps, uuid } from '@strata/core';
import { createDatabase, type PostgresDatabase, type PostgresDatabaseOptions } from '@strata/postgres';
import { caught, engineCases, POSTGRES_URL_VARIABLE } from '@strata/testing';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';

const author = defineTable('author', { id: id(), name: text().notNull(), ...timestamps() });
const book = defineTable('book', {
  id: id(),
  authorId: uuid()
    .notNull()
    .references(() => author.id),
  title: text().notNull(),
  copies: bigint().notNull().default(0n),
});
const schema = { author, book };

type Db = PostgresDatabase<typeof schema>;
type Options = Omit<PostgresDatabaseOptions<typeof schema>, 'schema' | 'url'>;

const skip = engineCases().find((c) => c.engine === 'postgres')?.skip;
const it = test.skipIf(skip !== undefined);

/** A password that must never appear in an error. */
const SECRET = 'S3cr3t-Sentinel-pw';

/** Every message, code and stack along an error's cause chain, for leak checks. */
function describeError(error: unknown): string {
  const parts: string[] = [];
  for (let e = error, depth = 0; e && depth < 10; e = (e as { cause?: unknown }).cause, depth++) {
    if (e instanceof Error) parts.push(e.message, e.stack ?? '', String((e as { code?: unknown }).code));
    else parts.push(String(e));
    try {
      parts.push(JSON.stringify(e, (_key, value) => (typeof value === 'bigint' ? String(value) : value)));
    } catch {
      // circular: the messages are enough
    }
  }
  return parts.join('\n');
}

/** The innermost cause of an error (the driver's own error under Drizzle's wrapper). */
function rootCause(error: unknown): unknown {
  let e = error;
  while ((e as { cause?: unknown })?.cause) e = (e as { cause?: unknown }).cause;
  return e;
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

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('@strata/postgres createDatabase', () => {
  if (skip) test.skip(`postgres: ${skip}`, () => {});

  const serverUrl = process.env[POSTGRES_URL_VARIABLE] ?? '';
  const databaseName = `strata_pkg_test_${process.pid}_${Date.now().toString(36)}`;
  let admin: postgres.Sql;
  let databaseUrl: string;
  const opened: Db[] = [];

  /** Opens a Strata database on this file's fresh PostgreSQL database; closed after the test. */
  async function open(options: Options = {}, url = databaseUrl): Promise<Db> {
    const db = await createDatabase({ schema, url, ...options });
    opened.push(db);
    return db;
  }

  /** Backends connected to this file's database, seen from the admin connection (another database). */
  async function backendPids(): Promise<number[]> {
    const rows = await admin<{ pid: number }[]>`select pid from pg_stat_activity where datname = ${databaseName}`;
    return rows.map((r) => r.pid);
  }

  /** Waits (up to 3 s) until no backend is connected to this file's database. */
  async function noBackends(): Promise<void> {
    const deadline = performance.now() + 3000;
    while ((await backendPids()).length > 0 && performance.now() < deadline) await sleep(50);
  }

  /** The URL of this file's database with other credentials, database, host or port. */
  function variant(change: { username?: string; password?: string; port?: number; pathname?: string }): string {
    const url = new URL(databaseUrl);
    if (change.username !== undefined) url.username = change.username;
    if (change.password !== undefined) url.password = change.password;
    if (change.port !== undefined) url.port = String(change.port);
    if (change.pathname !== undefined) url.pathname = change.pathname;
    return url.toString();
  }

  beforeAll(async () => {
    if (skip) return;
    admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
    await admin`create database ${admin(databaseName)}`;
    const url = new URL(serverUrl);
    url.pathname = `/${databaseName}`;
    databaseUrl = url.toString();
  });
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((db) => db.close()));
    // The server lets go of a backend shortly after its client hangs up: start each test from none.
    if (!skip) await noBackends();
  });
  afterAll(async () => {
    if (!admin) return;
    await admin`drop database if exists ${admin(databaseName)} with (force)`;
    await admin.end({ timeout: 5 });
  });

  it('creates tables, inserts and selects on the pg dialect', async () => {
    const db = await open();
    expect(db.engine).toBe('postgres');
    expect(db.dialect).toBe('pg');
    expect(db.closed).toBe(false);
    await db.createTables();
    const [ada] = await db.drizzle.insert(db.tables.author).values({ name: 'Ada' }).returning();
    const [notes] = await db.drizzle
      .insert(db.tables.book)
      .values({ authorId: ada!.id, title: 'Notes', copies: 2n ** 62n + 1n })
      .returning();
    expect(notes).toMatchObject({ authorId: ada!.id, title: 'Notes', copies: 2n ** 62n + 1n });
    expect(await db.drizzle.select().from(db.tables.author)).toEqual([ada]);
    const found = await db.drizzle.query.author.findFirst({ where: (a, { eq }) => eq(a.name, 'Ada') });
    expect(found?.createdAt).toBeInstanceOf(Date);
    // The tables are in this database, as the catalog sees them.
    const tables = await db.drizzle.execute<{ name: string }>(
      sql`select table_name as name from information_schema.tables where table_schema = 'public' order by 1`,
    );
    expect([...tables].map((r) => r.name)).toEqual(['author', 'book']);
    // Foreign keys hold.
    await expect(
      db.drizzle.insert(db.tables.book).values({ authorId: '01890a5d-ac96-774b-bcce-b302099a8057', title: 'Orphan' }),
    ).rejects.toMatchObject({ cause: { code: '23503' } }); // foreign_key_violation
    await db.dropTables();
    const after = await db.drizzle.execute(
      sql`select table_name from information_schema.tables where table_schema = 'public'`,
    );
    expect([...after]).toEqual([]);
  });

  // Needs no server: runs even when PostgreSQL is skipped.
  test('rejects a missing url with CONFIG_INVALID before connecting, naming no password', async () => {
    for (const url of [undefined, '']) {
      const error = await caught(() => createDatabase({ schema, url }));
      expect(isStrataError(error) && error.code).toBe('CONFIG_INVALID');
      const message = (error as Error).message;
      expect(message).toMatch(/url/i);
      // The message shows the shape of a url; no real credential can be in it.
      expect(message).not.toContain(SECRET);
      const serverPassword = serverUrl ? new URL(serverUrl).password : '';
      if (serverPassword) expect(message).not.toContain(serverPassword);
      for (const value of [process.env.DATABASE_URL, process.env.PGPASSWORD]) {
        if (value) expect(message).not.toContain(value);
      }
    }
  });

  // Needs no server either. The driver's own URL parser would throw a TypeError whose `input` is
  // the whole url, password included, which util.inspect (console.error, most loggers) prints.
  test('a malformed url rejects with CONFIG_INVALID and does not carry its password', async () => {
    const error = await caught(() =>
      createDatabase({ schema, url: `postgres://app:${SECRET}@db.example.com:54x32/app` }),
    );
    expect(inspect(error)).not.toContain(SECRET);
    expect(isStrataError(error) && error.code).toBe('CONFIG_INVALID');
  });

  it('connects lazily: an unused port fails at the first query, without the password in the error', async () => {
    const port = await unusedPort();
    const url = variant({ port, password: SECRET });
    const started = performance.now();
    const db = await open({ connectTimeoutSeconds: 5 }, url);
    // Opening did not connect.
    expect(db.closed).toBe(false);
    const error = await caught(() => db.drizzle.execute(sql`select 1`));
    expect(performance.now() - started).toBeLessThan(5000);
    expect(rootCause(error)).toMatchObject({ code: 'ECONNREFUSED' });
    expect(describeError(error)).not.toContain(SECRET);
    await expect(db.close()).resolves.toBeUndefined();
    expect(db.closed).toBe(true);
  });

  it('fails at the first query for an unknown role or database, without the password in the error', async () => {
    const unknownRole = await open({}, variant({ username: 'strata_no_such_role', password: SECRET }));
    const roleError = await caught(() => unknownRole.drizzle.execute(sql`select 1`));
    // 28000: invalid_authorization_specification (role does not exist); 28P01 if the server asks a password.
    expect(['28000', '28P01']).toContain((rootCause(roleError) as { code?: string }).code);
    expect(describeError(roleError)).not.toContain(SECRET);

    // Right credentials, wrong database name.
    const unknownDatabase = await open({}, variant({ pathname: '/strata_no_such_database' }));
    const databaseError = await caught(() => unknownDatabase.createTables());
    expect(rootCause(databaseError)).toMatchObject({ code: '3D000' });
    const serverPassword = new URL(serverUrl).password;
    if (serverPassword) expect(describeError(databaseError)).not.toContain(serverPassword);

    await expect(Promise.all([unknownRole.close(), unknownDatabase.close()])).resolves.toBeDefined();
  });

  it('fails at the first query for a wrong password, without the password in the error', async (ctx) => {
    const rules = await admin<{ method: string }[]>`
      select auth_method as method from pg_hba_file_rules where type in ('host', 'hostssl', 'hostnossl')`;
    if (rules.some((r) => r.method === 'trust')) {
      ctx.skip('the test server trusts loopback connections (initdb --auth=trust), so no password is checked');
    }
    const role = `strata_pw_${process.pid}`;
    // CREATE ROLE takes no bound parameters; the password is a constant literal.
    await admin.unsafe(`create role "${role}" login password 'the-right-one'`);
    try {
      const db = await open({}, variant({ username: role, password: SECRET }));
      const error = await caught(() => db.drizzle.execute(sql`select 1`));
      expect(rootCause(error)).toMatchObject({ code: '28P01' });
      expect(describeError(error)).not.toContain(SECRET);
      await db.close();
    } finally {
      await admin`drop role if exists ${admin(role)}`;
    }
  });

  it('gives up connecting after connectTimeoutSeconds when the server does not answer', async () => {
    // A TCP server that accepts and never speaks PostgreSQL.
    const sockets: Socket[] = [];
    const silent: Server = createServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const address = silent.address();
    if (!address || typeof address === 'string') throw new Error('no port');
    try {
      const db = await open({ connectTimeoutSeconds: 1 }, variant({ port: address.port, password: SECRET }));
      const started = performance.now();
      const error = await caught(() => db.drizzle.execute(sql`select 1`));
      const waited = performance.now() - started;
      expect(rootCause(error)).toMatchObject({ code: 'CONNECT_TIMEOUT' });
      expect(describeError(error)).not.toContain(SECRET);
      expect(waited).toBeGreaterThanOrEqual(900);
      expect(waited).toBeLessThan(5000);
      await db.close();
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => silent.close(resolve));
    }
  });

  it('opens no more than maxConnections connections under concurrent load', async () => {
    const db = await open({ maxConnections: 2 });
    expect(await backendPids()).toEqual([]);
    let running = true;
    let mostSeen = 0;
    const observer = (async () => {
      while (running) {
        mostSeen = Math.max(mostSeen, (await backendPids()).length);
        await sleep(25);
      }
    })();
    const started = performance.now();
    const results = await Promise.all(
      Array.from({ length: 6 }, () =>
        db.drizzle.execute<{ pid: number }>(sql`select pg_backend_pid() as pid, pg_sleep(0.2)`),
      ),
    );
    const elapsed = performance.now() - started;
    running = false;
    await observer;
    const pids = new Set(results.map((rows) => rows[0]?.pid));
    expect(pids.size).toBe(2);
    expect(mostSeen).toBe(2);
    // Six 0.2 s queries over two connections take at least three rounds.
    expect(elapsed).toBeGreaterThanOrEqual(550);
  });

  it('opens up to 10 connections by default', async () => {
    const db = await open();
    const results = await Promise.all(
      Array.from({ length: 14 }, () =>
        db.drizzle.execute<{ pid: number }>(sql`select pg_backend_pid() as pid, pg_sleep(0.3)`),
      ),
    );
    const pids = new Set(results.map((rows) => rows[0]?.pid));
    expect(pids.size).toBe(10);
    expect(await backendPids()).toEqual(expect.arrayContaining([...pids]));
  });

  it('closes idle connections after idleTimeoutSeconds, and keeps them by default', async () => {
    const brief = await open({ idleTimeoutSeconds: 1 });
    const lasting = await open();
    const pidOf = async (db: Db) =>
      (await db.drizzle.execute<{ pid: number }>(sql`select pg_backend_pid() as pid`))[0]?.pid;
    const briefPid = await pidOf(brief);
    const lastingPid = await pidOf(lasting);
    expect(await backendPids()).toEqual(expect.arrayContaining([briefPid, lastingPid]));
    const deadline = performance.now() + 6000;
    while ((await backendPids()).includes(briefPid!) && performance.now() < deadline) await sleep(100);
    const remaining = await backendPids();
    expect(remaining).not.toContain(briefPid);
    expect(remaining).toContain(lastingPid);
    // The pool reconnects on demand.
    expect(await pidOf(brief)).toEqual(expect.any(Number));
  });

  it('closes once: a second close resolves, connections end, use after close fails with DATABASE_CLOSED', async () => {
    const db = await createDatabase({ schema, url: databaseUrl, maxConnections: 3 });
    await db.createTables();
    await Promise.all([1, 2, 3].map(() => db.drizzle.execute(sql`select pg_sleep(0.05)`)));
    expect((await backendPids()).length).toBeGreaterThan(0);

    const first = db.close();
    expect(db.closed).toBe(true);
    await expect(first).resolves.toBeUndefined();
    await expect(db.close()).resolves.toBeUndefined();
    expect(db.closed).toBe(true);
    await noBackends();
    expect(await backendPids()).toEqual([]);

    const drizzleError = await caught(() => db.drizzle);
    expect(drizzleError).toBeInstanceOf(DatabaseClosedError);
    expect(isStrataError(drizzleError) && drizzleError.code).toBe('DATABASE_CLOSED');
    expect((drizzleError as Error).message).toContain('postgres');
    for (const action of [() => db.createTables(), () => db.dropTables()]) {
      const error = await caught(action);
      expect(isStrataError(error) && error.code).toBe('DATABASE_CLOSED');
    }
  });

  it('waits for running queries when closing', async () => {
    const db = await createDatabase({ schema, url: databaseUrl });
    // Drizzle queries start when awaited: start this one now, and give it time to reach the server.
    const running = Promise.resolve(db.drizzle.execute<{ done: boolean }>(sql`select true as done from pg_sleep(0.3)`));
    await sleep(50);
    expect(await backendPids()).toHaveLength(1);
    await db.close();
    await expect(running).resolves.toEqual([{ done: true }]);
  });
});
