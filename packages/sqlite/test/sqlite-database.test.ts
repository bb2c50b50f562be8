// What @strata/sqlite promises on top of better-sqlite3: write-ahead logging for files, foreign keys
// enforced, a busy timeout, the chosen synchronous level, 64-bit integers without loss, files that
// outlive the process, read-only opening, and a safe close. Real SQLite only.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  bigint,
  DatabaseClosedError,
  defineTable,
  id,
  integer,
  isStrataError,
  text,
  timestamps,
  uuid,
} from '@strata/core';
import { createDatabase, type SQLiteDatabase } from '@strata/sqlite';
import { caught, engineCases } from '@strata/testing';
import type BetterSqlite3 from 'better-sqlite3';
import { eq, sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';

const author = defineTable('author', { id: id(), name: text().notNull(), ...timestamps() });
const book = defineTable('book', {
  id: id(),
  authorId: uuid()
    .notNull()
    .references(() => author.id),
  title: text().notNull(),
  copies: bigint().notNull().default(0n),
  pages: integer(),
});
const schema = { author, book };

type Db = SQLiteDatabase<typeof schema>;

const skip = engineCases().find((c) => c.engine === 'sqlite')?.skip;
const it = test.skipIf(skip !== undefined);

/** Reads one PRAGMA through Drizzle; numeric results come back as bigint (safe integers). */
function pragma(db: Db, name: string): unknown {
  const row = db.drizzle.get<Record<string, unknown>>(sql.raw(`pragma ${name}`));
  return row ? Object.values(row)[0] : undefined;
}

/** The better-sqlite3 connection under a database: the same object Drizzle uses. */
function clientOf(db: Db): BetterSqlite3.Database {
  expect(db.client).toBe((db.drizzle as unknown as { $client: unknown }).$client);
  return db.client;
}

describe('@strata/sqlite createDatabase', () => {
  if (skip) test.skip(`sqlite: ${skip}`, () => {});

  let dir: string;
  const opened: Db[] = [];
  /** Opens a database and closes it after the test, whatever happens. */
  async function open(options: Omit<Parameters<typeof createDatabase<typeof schema>>[0], 'schema'> = {}) {
    const db = await createDatabase({ schema, ...options });
    opened.push(db);
    return db;
  }
  const file = (name: string) => join(dir, name);

  beforeAll(() => {
    if (skip) return;
    dir = mkdtempSync(join(tmpdir(), 'strata-sqlite-test-'));
  });
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((db) => db.close()));
  });
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('a file it cannot open is a CONFIG_INVALID error naming the file', async () => {
    const missing = file('no-such-dir/app.sqlite3');
    const error = await caught(() => open({ filename: missing }));
    expect(error).toMatchObject({ name: 'StrataError', code: 'CONFIG_INVALID' });
    expect((error as Error).message).toBe(
      `Cannot open the SQLite database file "${missing}": Cannot open database because the directory does not exist`,
    );
  });

  it('names its engine and dialect', async () => {
    const db = await open();
    expect(db.engine).toBe('sqlite');
    expect(db.dialect).toBe('sqlite');
    expect(db.closed).toBe(false);
    expect(Object.keys(db.tables).sort()).toEqual(['author', 'book']);
  });

  it('puts a file database in write-ahead logging mode', async () => {
    const db = await open({ filename: file('wal.sqlite3') });
    expect(pragma(db, 'journal_mode')).toBe('wal');
    expect(clientOf(db).memory).toBe(false);
    expect(clientOf(db).name).toBe(file('wal.sqlite3'));
  });

  it('opens an in-memory database by default and with :memory:', async () => {
    for (const db of [await open(), await open({ filename: ':memory:' })]) {
      expect(clientOf(db).memory).toBe(true);
      // WAL does not apply to memory databases.
      expect(pragma(db, 'journal_mode')).toBe('memory');
      await db.createTables();
      db.drizzle.insert(db.tables.author).values({ name: 'Ada' }).run();
      expect(
        db.drizzle
          .select()
          .from(db.tables.author)
          .all()
          .map((a) => a.name),
      ).toEqual(['Ada']);
    }
  });

  it('keeps separate in-memory databases apart', async () => {
    const first = await open();
    const second = await open();
    await first.createTables();
    expect(() => second.drizzle.select().from(second.tables.author).all()).toThrow(/no such table/);
  });

  it('enforces foreign keys', async () => {
    const db = await open();
    expect(pragma(db, 'foreign_keys')).toBe(1n);
    await db.createTables();
    const orphan = () =>
      db.drizzle
        .insert(db.tables.book)
        .values({ authorId: '01890a5d-ac96-774b-bcce-b302099a8057', title: 'Orphan' })
        .run();
    expect(orphan).toThrow(expect.objectContaining({ code: 'SQLITE_CONSTRAINT_FOREIGNKEY' }));
    expect(db.drizzle.select().from(db.tables.book).all()).toEqual([]);
    // A valid reference goes through, and the parent can no longer be deleted from under it.
    const [ada] = db.drizzle.insert(db.tables.author).values({ name: 'Ada' }).returning().all();
    db.drizzle.insert(db.tables.book).values({ authorId: ada!.id, title: 'Notes' }).run();
    expect(() => db.drizzle.delete(db.tables.author).where(eq(db.tables.author.id, ada!.id)).run()).toThrow(
      expect.objectContaining({ code: 'SQLITE_CONSTRAINT_FOREIGNKEY' }),
    );
  });

  it('sets busy_timeout to 5000 ms by default and to busyTimeoutMs when given', async () => {
    expect(pragma(await open(), 'busy_timeout')).toBe(5000n);
    expect(pragma(await open({ busyTimeoutMs: 1234 }), 'busy_timeout')).toBe(1234n);
    expect(pragma(await open({ filename: file('busy-pragma.sqlite3'), busyTimeoutMs: 0 }), 'busy_timeout')).toBe(0n);
  });

  it('waits busyTimeoutMs for a locked file, then fails with SQLITE_BUSY', async () => {
    const holder = await open({ filename: file('busy.sqlite3') });
    await holder.createTables();
    const waiter = await open({ filename: file('busy.sqlite3'), busyTimeoutMs: 300 });
    holder.drizzle.run(sql`begin immediate`);
    try {
      const started = performance.now();
      expect(() => waiter.drizzle.insert(waiter.tables.author).values({ name: 'blocked' }).run()).toThrow(
        expect.objectContaining({ code: 'SQLITE_BUSY' }),
      );
      const waited = performance.now() - started;
      expect(waited).toBeGreaterThanOrEqual(250);
      expect(waited).toBeLessThan(3000);
    } finally {
      holder.drizzle.run(sql`rollback`);
    }
    // Once the lock is gone, the same write succeeds.
    waiter.drizzle.insert(waiter.tables.author).values({ name: 'unblocked' }).run();
    expect(
      holder.drizzle
        .select()
        .from(holder.tables.author)
        .all()
        .map((a) => a.name),
    ).toEqual(['unblocked']);
  });

  it('syncs FULL by default and NORMAL when asked', async () => {
    expect(pragma(await open({ filename: file('sync-default.sqlite3') }), 'synchronous')).toBe(2n);
    expect(pragma(await open({ filename: file('sync-full.sqlite3'), synchronous: 'full' }), 'synchronous')).toBe(2n);
    expect(pragma(await open({ filename: file('sync-normal.sqlite3'), synchronous: 'normal' }), 'synchronous')).toBe(
      1n,
    );
    expect(pragma(await open({ synchronous: 'normal' }), 'synchronous')).toBe(1n);
  });

  it('round-trips 64-bit integers above 2^53 exactly', async () => {
    const db = await open();
    await db.createTables();
    const [ada] = db.drizzle.insert(db.tables.author).values({ name: 'Ada' }).returning().all();
    const values = [2n ** 53n + 1n, 9_223_372_036_854_775_807n, -9_223_372_036_854_775_808n];
    const inserted = db.drizzle
      .insert(db.tables.book)
      .values(values.map((copies, i) => ({ authorId: ada!.id, title: `b${i}`, copies, pages: i })))
      .returning()
      .all();
    expect(inserted.map((b) => b.copies)).toEqual(values);
    const read = db.drizzle.select().from(db.tables.book).orderBy(db.tables.book.pages).all();
    expect(read.map((b) => b.copies)).toEqual(values);
    for (const row of read) {
      expect(typeof row.copies).toBe('bigint');
      // Strata turns INTEGER columns declared as integer() back into numbers.
      expect(typeof row.pages).toBe('number');
    }
    // The value stored is the exact integer, not a rounded double.
    const raw = db.drizzle.get<{ copies: unknown; exact: unknown }>(
      sql`select copies, copies = 9007199254740993 as exact from book where pages = 0`,
    );
    expect(raw).toEqual({ copies: 9_007_199_254_740_993n, exact: 1n });
    expect(
      db.drizzle
        .select()
        .from(db.tables.book)
        .where(eq(db.tables.book.copies, 2n ** 53n + 1n))
        .all(),
    ).toHaveLength(1);
  });

  it('keeps the data of a file across close and reopen', async () => {
    const filename = file('persist.sqlite3');
    const writer = await open({ filename });
    await writer.createTables();
    const [ada] = writer.drizzle.insert(writer.tables.author).values({ name: 'Ada' }).returning().all();
    writer.drizzle
      .insert(writer.tables.book)
      .values({ authorId: ada!.id, title: 'Notes', copies: 2n ** 62n })
      .run();
    await writer.close();

    const reader = await open({ filename });
    expect(pragma(reader, 'journal_mode')).toBe('wal');
    expect(reader.drizzle.select().from(reader.tables.author).all()).toEqual([ada]);
    const [notes] = reader.drizzle.select().from(reader.tables.book).all();
    expect(notes).toMatchObject({ authorId: ada!.id, title: 'Notes', copies: 2n ** 62n });
  });

  it('refuses writes when opened read-only, and still reads', async () => {
    const filename = file('readonly.sqlite3');
    const writer = await open({ filename });
    await writer.createTables();
    writer.drizzle.insert(writer.tables.author).values({ name: 'Ada' }).run();
    await writer.close();

    const reader = await open({ filename, readonly: true });
    expect(clientOf(reader).readonly).toBe(true);
    expect(
      reader.drizzle
        .select()
        .from(reader.tables.author)
        .all()
        .map((a) => a.name),
    ).toEqual(['Ada']);
    expect(() => reader.drizzle.insert(reader.tables.author).values({ name: 'Grace' }).run()).toThrow(
      expect.objectContaining({ code: 'SQLITE_READONLY' }),
    );
    await expect(reader.dropTables()).rejects.toMatchObject({ cause: { code: 'SQLITE_READONLY' } });
    expect(
      reader.drizzle
        .select()
        .from(reader.tables.author)
        .all()
        .map((a) => a.name),
    ).toEqual(['Ada']);
  });

  it('rejects a read-only in-memory database as a configuration error', async () => {
    await expect(open({ readonly: true })).rejects.toMatchObject({ code: 'CONFIG_INVALID' });
  });

  it('rejects a read-only open of a file that does not exist', async () => {
    const missing = file('missing.sqlite3');
    const error = await caught(() => open({ filename: missing, readonly: true }));
    expect(error).toMatchObject({ code: 'CONFIG_INVALID', cause: { code: 'SQLITE_CANTOPEN' } });
    expect((error as Error).message).toContain(missing);
  });

  it('closes once: a second close resolves, and use after close fails with DATABASE_CLOSED', async () => {
    const db = await createDatabase({ schema, filename: file('closed.sqlite3') });
    await db.createTables();
    const client = clientOf(db);
    expect(client.open).toBe(true);

    const first = db.close();
    expect(db.closed).toBe(true);
    await expect(first).resolves.toBeUndefined();
    await expect(db.close()).resolves.toBeUndefined();
    expect(db.closed).toBe(true);
    expect(client.open).toBe(false);

    const drizzleError = await caught(() => db.drizzle);
    expect(drizzleError).toBeInstanceOf(DatabaseClosedError);
    expect(isStrataError(drizzleError) && drizzleError.code).toBe('DATABASE_CLOSED');
    expect((drizzleError as Error).message).toContain('sqlite');
    for (const action of [() => db.createTables(), () => db.dropTables()]) {
      const error = await caught(action);
      expect(isStrataError(error) && error.code).toBe('DATABASE_CLOSED');
    }
    // Tables stay available: they hold no connection.
    expect(db.tables.author).toBeDefined();
  });

  it('closes every database it opened when many are open at once', async () => {
    const dbs = await Promise.all([1, 2, 3].map(() => createDatabase({ schema })));
    const clients = dbs.map((db) => clientOf(db));
    await Promise.all(dbs.flatMap((db) => [db.close(), db.close()]));
    expect(clients.map((c) => c.open)).toEqual([false, false, false]);
    expect(dbs.map((db) => db.closed)).toEqual([true, true, true]);
  });
});
