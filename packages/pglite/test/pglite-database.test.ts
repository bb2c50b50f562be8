// What @strata/pglite promises on top of PGlite: memory and directory databases, starting from a
// data directory archive, sharing a PGlite instance it does not own (and leaving it open), and a
// safe close. Real PGlite only.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { bigint, DatabaseClosedError, defineTable, id, isStrataError, text, timestamps, uuid } from '@strata/core';
import { createDatabase, type PgliteStrataDatabase } from '@strata/pglite';
import { caught, engineCases, pgliteSnapshot } from '@strata/testing';
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

type Db = PgliteStrataDatabase<typeof schema>;

const skip = engineCases().find((c) => c.engine === 'pglite')?.skip;
const it = test.skipIf(skip !== undefined);

async function authorNames(db: Db): Promise<string[]> {
  const rows = await db.drizzle.select().from(db.tables.author).orderBy(db.tables.author.name);
  return rows.map((a) => a.name);
}

describe('@strata/pglite createDatabase', () => {
  if (skip) test.skip(`pglite: ${skip}`, () => {});

  let dir: string;
  let snapshot: Blob;
  const opened: Db[] = [];
  const clients: PGlite[] = [];
  /** Opens an in-memory database from the cached snapshot; closed after the test. */
  async function openMemory(): Promise<Db> {
    const db = await createDatabase({ schema, loadDataDir: snapshot });
    opened.push(db);
    return db;
  }

  beforeAll(async () => {
    if (skip) return;
    dir = mkdtempSync(join(tmpdir(), 'strata-pglite-test-'));
    snapshot = await pgliteSnapshot();
  });
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((db) => db.close()));
    await Promise.all(clients.splice(0).map((client) => (client.closed ? undefined : client.close())));
  });
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('opens an in-memory database on the pg dialect and exposes its PGlite instance', async () => {
    const db = await openMemory();
    expect(db.engine).toBe('pglite');
    expect(db.dialect).toBe('pg');
    expect(db.closed).toBe(false);
    expect(db.client).toBeInstanceOf(PGlite);
    expect(db.client.closed).toBe(false);
    expect(db.client.dataDir).toBe('memory://');
    await db.createTables();
    const [ada] = await db.drizzle.insert(db.tables.author).values({ name: 'Ada' }).returning();
    await db.drizzle.insert(db.tables.book).values({ authorId: ada!.id, title: 'Notes', copies: 2n ** 62n + 1n });
    // Drizzle and the PGlite instance talk to the same database.
    const viaClient = await db.client.query<{ title: string; copies: string }>(
      'select title, copies::text as copies from book',
    );
    expect(viaClient.rows).toEqual([{ title: 'Notes', copies: String(2n ** 62n + 1n) }]);
    const [notes] = await db.drizzle.select().from(db.tables.book);
    expect(notes?.copies).toBe(2n ** 62n + 1n);
  });

  it('keeps separate in-memory databases apart', async () => {
    const first = await openMemory();
    const second = await openMemory();
    expect(first.client).not.toBe(second.client);
    await first.createTables();
    await first.drizzle.insert(first.tables.author).values({ name: 'only in first' });
    // 42P01: undefined_table.
    await expect(second.drizzle.select().from(second.tables.author)).rejects.toMatchObject({
      cause: { code: '42P01' },
    });
    expect(await authorNames(first)).toEqual(['only in first']);
  });

  it('enforces foreign keys', async () => {
    const db = await openMemory();
    await db.createTables();
    await expect(
      db.drizzle.insert(db.tables.book).values({ authorId: '01890a5d-ac96-774b-bcce-b302099a8057', title: 'Orphan' }),
    ).rejects.toMatchObject({ cause: { code: '23503' } }); // foreign_key_violation
    expect(await db.drizzle.select().from(db.tables.book)).toEqual([]);
  });

  it('starts from a data directory archive with its tables and rows', async () => {
    const source = await openMemory();
    await source.createTables();
    await source.drizzle.insert(source.tables.author).values([{ name: 'Ada' }, { name: 'Grace' }]);
    const archive = await source.client.dumpDataDir('gzip');

    const copy = await createDatabase({ schema, loadDataDir: archive });
    opened.push(copy);
    expect(await authorNames(copy)).toEqual(['Ada', 'Grace']);
    // A copy, not a view: writes to it do not reach the source.
    await copy.drizzle.insert(copy.tables.author).values({ name: 'Linus' });
    expect(await authorNames(source)).toEqual(['Ada', 'Grace']);
  });

  it('keeps the rows of a directory database across close and reopen', async () => {
    const dataDir = join(dir, 'data');
    const writer = await createDatabase({ schema, dataDir });
    opened.push(writer);
    expect(writer.client.dataDir).toBe(dataDir);
    await writer.createTables();
    const [ada] = await writer.drizzle.insert(writer.tables.author).values({ name: 'Ada' }).returning();
    await writer.drizzle.insert(writer.tables.book).values({ authorId: ada!.id, title: 'Notes', copies: 2n ** 60n });
    await writer.close();
    expect(writer.client.closed).toBe(true);
    expect(existsSync(join(dataDir, 'PG_VERSION'))).toBe(true);

    const reader = await createDatabase({ schema, dataDir });
    opened.push(reader);
    expect(await reader.drizzle.select().from(reader.tables.author)).toEqual([ada]);
    const [notes] = await reader.drizzle.select().from(reader.tables.book);
    expect(notes).toMatchObject({ authorId: ada!.id, title: 'Notes', copies: 2n ** 60n });
  });

  it('uses a PGlite instance it is given, and leaves it open on close', async () => {
    const client = await PGlite.create({ loadDataDir: snapshot });
    clients.push(client);
    const db = await createDatabase({ schema, client });
    expect(db.client).toBe(client);
    await db.createTables();
    await db.drizzle.insert(db.tables.author).values({ name: 'Ada' });
    // The instance sees what Strata wrote: it is the same database.
    expect((await client.query<{ name: string }>('select name from author')).rows).toEqual([{ name: 'Ada' }]);

    await db.close();
    expect(db.closed).toBe(true);
    expect(client.closed).toBe(false);
    expect((await client.query<{ n: number }>('select count(*)::int as n from author')).rows).toEqual([{ n: 1 }]);
    expect(isStrataError(await caught(() => db.drizzle))).toBe(true);

    // Another Strata database can share the same instance afterwards.
    const again = await createDatabase({ schema, client });
    opened.push(again);
    expect(await authorNames(again)).toEqual(['Ada']);
    await again.close();
    expect(client.closed).toBe(false);

    await expect(createDatabase({ schema, client, dataDir: 'memory://' })).rejects.toMatchObject({
      code: 'CONFIG_INVALID',
    });
    await client.close();
    expect(client.closed).toBe(true);
  });

  it('passes PGlite’s own options to the instance it starts', async () => {
    const db = await createDatabase({ schema, loadDataDir: snapshot, pglite: { relaxedDurability: true, debug: 0 } });
    opened.push(db);
    expect(db.client.debug).toBe(0);
    await db.createTables();
    await db.repos.author.create({ name: 'Ada' });
    expect(await authorNames(db)).toEqual(['Ada']);
    const client = await PGlite.create({ loadDataDir: snapshot });
    clients.push(client);
    await expect(createDatabase({ schema, client, pglite: { debug: 1 } })).rejects.toMatchObject({
      code: 'CONFIG_INVALID',
    });
  });

  it('closes once: a second close resolves, the instance it started is closed, use after close fails', async () => {
    const db = await createDatabase({ schema, loadDataDir: snapshot });
    opened.push(db);
    await db.createTables();
    const first = db.close();
    expect(db.closed).toBe(true);
    await expect(first).resolves.toBeUndefined();
    await expect(db.close()).resolves.toBeUndefined();
    expect(db.closed).toBe(true);
    expect(db.client.closed).toBe(true);

    const drizzleError = await caught(() => db.drizzle);
    expect(drizzleError).toBeInstanceOf(DatabaseClosedError);
    expect(isStrataError(drizzleError) && drizzleError.code).toBe('DATABASE_CLOSED');
    expect((drizzleError as Error).message).toContain('pglite');
    for (const action of [() => db.createTables(), () => db.dropTables()]) {
      const error = await caught(action);
      expect(isStrataError(error) && error.code).toBe('DATABASE_CLOSED');
    }
  });

  it('closes concurrently without error', async () => {
    const db = await createDatabase({ schema, loadDataDir: snapshot });
    await expect(Promise.all([db.close(), db.close(), db.close()])).resolves.toEqual([undefined, undefined, undefined]);
    expect(db.client.closed).toBe(true);
  });
});
