// What @strata/libsql promises on top of libSQL's client: foreign keys enforced, write-ahead
// logging for files, the busy timeout, 64-bit integers without loss, files that outlive the
// database, typed configuration errors, Drizzle's own transactions, and how connections to one
// file behave: in one process they take turns; another connection's lock is a `busy` error after
// busyTimeoutMs, and the database is fully usable once the lock is gone.
import { mkdtempSync, rmSync } from 'node:fs';
import { type AddressInfo, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from '@libsql/client';
import { bigint, DatabaseClosedError, defineTable, id, isStrataError, text } from '@strata/core';
import { createDatabase, type LibSQLStrataDatabase, parseLibsqlUrl } from '@strata/libsql';
import type { QueryEvent } from '@strata/sql';
import { caught } from '@strata/testing';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, test } from 'vitest';

const counter = defineTable('counter', { id: id(), name: text().notNull(), value: bigint().notNull() });
const schema = { counter };
type Db = LibSQLStrataDatabase<typeof schema>;

const dir = mkdtempSync(join(tmpdir(), 'strata-libsql-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;
const fileUrl = () => `file:${join(dir, `db-${++files}.db`)}`;

/** A loopback port that was free a moment ago. */
function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** One PRAGMA's value, read through Drizzle. */
async function pragma(db: Db, name: string): Promise<unknown> {
  const [row] = await db.drizzle.all<Record<string, unknown>>(sql.raw(`pragma ${name}`));
  return row ? Object.values(row)[0] : undefined;
}

describe('@strata/libsql createDatabase', () => {
  test('a file: WAL, foreign keys on, the busy timeout; engine libsql on the sqlite dialect', async () => {
    const db = await createDatabase({ schema, url: fileUrl(), busyTimeoutMs: 1234 });
    try {
      expect(db.engine).toBe('libsql');
      expect(db.dialect).toBe('sqlite');
      expect((db.drizzle as unknown as { $client: unknown }).$client).toBe(db.client);
      expect(await pragma(db, 'journal_mode')).toBe('wal');
      expect(await pragma(db, 'foreign_keys')).toBe(1n);
      expect(await pragma(db, 'busy_timeout')).toBe(1234n);
    } finally {
      await db.close();
    }
  });

  test(':memory: works without a file, and each database is its own', async () => {
    const a = await createDatabase({ schema, url: ':memory:' });
    const b = await createDatabase({ schema, url: ':memory:' });
    try {
      await a.createTables();
      await b.createTables();
      await a.repos.counter.create({ name: 'a', value: 1n });
      expect(await b.repos.counter.count()).toBe(0);
      expect(await pragma(a, 'foreign_keys')).toBe(1n);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });

  test('64-bit integers keep every digit, in the repository and in raw SQL', async () => {
    const db = await createDatabase({ schema, url: ':memory:' });
    try {
      await db.createTables();
      const max = 9_223_372_036_854_775_807n;
      const row = await db.repos.counter.create({ name: 'max', value: max });
      expect((await db.repos.counter.findById(row.id))?.value).toBe(max);
      expect(await db.drizzle.all(sql`select value from counter`)).toEqual([{ value: max }]);
    } finally {
      await db.close();
    }
  });

  test('a file outlives its database; Drizzle transactions commit and roll back', async () => {
    const url = fileUrl();
    const db = await createDatabase({ schema, url });
    await db.createTables();
    await db.drizzle.transaction(async (tx) => {
      await tx.insert(db.tables.counter).values({ id: crypto.randomUUID(), name: 'kept', value: 1n });
    });
    await caught(() =>
      db.drizzle.transaction(async (tx) => {
        await tx.insert(db.tables.counter).values({ id: crypto.randomUUID(), name: 'undone', value: 2n });
        throw new Error('roll back');
      }),
    );
    await db.close();
    const reopened = await createDatabase({ schema, url });
    try {
      expect((await reopened.repos.counter.findMany()).map((r) => r.name)).toEqual(['kept']);
    } finally {
      await reopened.close();
    }
  });

  test('log.onQuery hears the repository’s statements, inside transactions too, as engine libsql', async () => {
    const events: QueryEvent[] = [];
    const db = await createDatabase({ schema, url: ':memory:', log: { onQuery: (event) => events.push(event) } });
    try {
      await db.createTables();
      await db.repos.counter.create({ name: 'outside', value: 1n });
      await db.transaction((tx) => tx.repos.counter.create({ name: 'inside', value: 2n }));
      const inserts = events.filter((event) => /^insert into "counter"/.test(event.sql));
      expect(inserts).toHaveLength(2);
      expect(inserts.every((event) => event.engine === 'libsql' && event.rowCount === 1)).toBe(true);
    } finally {
      await db.close();
    }
  });

  test('closing refuses new work with DatabaseClosedError, and closes the client', async () => {
    const db = await createDatabase({ schema, url: ':memory:' });
    await db.createTables();
    await Promise.all([db.close(), db.close()]);
    expect(await caught(() => db.repos.counter.count())).toBeInstanceOf(DatabaseClosedError);
    expect(db.client.closed).toBe(true);
  });

  test.each([
    ['', /needs a libSQL url/],
    ['./app.db', /write a local file as "file:\.\/app\.db"/],
    ['postgres://localhost/app', /cannot open a "postgres:" URL/],
    ['file://server/app.db', /names a host/],
    ['file:', /names no file/],
    ['file:./app.db?mode=ro', /takes no query/],
  ])('the url %j is a CONFIG_INVALID naming what to write', async (url, message) => {
    const error = await caught(() => createDatabase({ schema, url }));
    expect(isStrataError(error) && error.code).toBe('CONFIG_INVALID');
    expect((error as Error).message).toMatch(message);
  });

  test('an authToken for a local database, a bad busy timeout, a missing directory: CONFIG_INVALID', async () => {
    const token = await caught(() => createDatabase({ schema, url: ':memory:', authToken: 'secret' }));
    expect((token as Error).message).toMatch(/authToken is for libsql:\/\/ servers/);
    const timeout = await caught(() => createDatabase({ schema, url: ':memory:', busyTimeoutMs: -1 }));
    expect(isStrataError(timeout) && timeout.code).toBe('CONFIG_INVALID');
    const missing = await caught(() => createDatabase({ schema, url: `file:${join(dir, 'no', 'such', 'dir.db')}` }));
    expect(isStrataError(missing) && missing.code).toBe('CONFIG_INVALID');
    expect((missing as Error).message).toMatch(/does its directory exist/);
  });

  test('remote URLs are accepted as they are; with no server there, a query is a connection error', async () => {
    expect(parseLibsqlUrl('libsql://db.example.com', 'token')).toEqual({
      kind: 'remote',
      url: 'libsql://db.example.com',
    });
    // A loopback port nothing listens on: the client fails when it first sends.
    const db = await createDatabase({ schema, url: `http://127.0.0.1:${await closedPort()}`, authToken: 'token' });
    try {
      const error = await caught(() => db.repos.counter.count());
      expect(error).toMatchObject({ kind: 'connection' });
    } finally {
      await db.close();
    }
  });
});

describe('connections to one file', () => {
  test('two databases of one process take turns: a write waits for the other one’s transaction', async () => {
    const url = fileUrl();
    const a = await createDatabase({ schema, url, busyTimeoutMs: 200 });
    const b = await createDatabase({ schema, url, busyTimeoutMs: 200 });
    try {
      await a.createTables();
      const order: string[] = [];
      let release = () => {};
      const held = new Promise<void>((resolve) => {
        release = resolve;
      });
      const transaction = a.transaction(async (tx) => {
        await tx.repos.counter.create({ name: 'a', value: 1n });
        await held;
        order.push('a commits');
      });
      await new Promise((resolve) => setTimeout(resolve, 20));
      const write = b.repos.counter.create({ name: 'b', value: 2n }).then(() => order.push('b writes'));
      // Longer than the busy timeout: b waited in JavaScript, not on SQLite's lock.
      await new Promise((resolve) => setTimeout(resolve, 400));
      release();
      await Promise.all([transaction, write]);
      expect(order).toEqual(['a commits', 'b writes']);
      expect(await b.repos.counter.count()).toBe(2);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });

  test('another connection’s write lock: busy after busyTimeoutMs, then everything works again', async () => {
    const path = join(dir, `db-${++files}.db`);
    const db = await createDatabase({ schema, url: `file:${path}`, busyTimeoutMs: 100 });
    const other = createClient({ url: `file:${path}` });
    try {
      await db.createTables();
      const holder = await other.transaction('write');
      const write = await caught(() => db.repos.counter.create({ name: 'x', value: 1n }));
      expect(write).toMatchObject({ kind: 'busy', transient: true });
      const transaction = await caught(() => db.transaction((tx) => tx.repos.counter.create({ name: 'y', value: 1n })));
      expect(transaction).toMatchObject({ kind: 'busy' });
      await holder.rollback();
      // libSQL keeps a statement that failed busy open on its connection (every later COMMIT
      // would fail); the database replaced the connection.
      await db.transaction(async (tx) => {
        await tx.repos.counter.create({ name: 'after', value: 1n });
      });
      await db.repos.counter.create({ name: 'plain', value: 2n });
      expect((await db.repos.counter.findMany({ orderBy: { name: 'asc' } })).map((r) => r.name)).toEqual([
        'after',
        'plain',
      ]);
      expect(await pragma(db, 'foreign_keys')).toBe(1n);
    } finally {
      other.close();
      await db.close();
    }
  });

  test('Drizzle queries during one of the database’s transactions fail at once (one connection)', async () => {
    const db = await createDatabase({ schema, url: fileUrl() });
    try {
      await db.createTables();
      const error = await db.transaction(async (tx) => {
        await tx.repos.counter.create({ name: 'in', value: 1n });
        return caught(() => db.drizzle.select().from(db.tables.counter));
      });
      // Drizzle's "Failed query" error, caused by the client's TRANSACTION_ACTIVE.
      expect((error as Error).cause).toMatchObject({ code: 'TRANSACTION_ACTIVE' });
      expect(await db.repos.counter.count()).toBe(1);
    } finally {
      await db.close();
    }
  });
});
