// Per-user scoping (`forUser` / `repo.forUser`) on every engine: every read and write of a scoped
// repository is confined to one user's rows, and another user's row behaves exactly like a
// missing one. One database per engine for the whole file.
import { forUser, QueryError } from '@strata/core';
import { engineCases, openTestDatabase, type TestDatabase } from '@strata/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import * as app from './app-schema.js';

type Db = TestDatabase<typeof app>;

const MISSING_ID = '01900000-0000-7000-8000-000000000000';

describe.each(engineCases())('forUser on $engine', ({ engine, skip }) => {
  const it = test.skipIf(skip !== undefined);
  if (skip) test.skip(`${engine}: ${skip}`, () => {});

  let db: Db;
  let aliceCollection: string;
  let bobCollection: string;
  let bobEntry: string;

  beforeAll(async () => {
    if (skip) return;
    db = await openTestDatabase(engine, app);
    await db.createTables();
  });
  afterAll(async () => {
    await db?.close();
  });
  beforeEach(async () => {
    if (skip) return;
    await db.repos.collection.deleteMany({});
    const alice = db.repos.collection.forUser('alice');
    const bob = forUser(db.repos.collection, 'bob');
    aliceCollection = (await alice.create({ name: 'Notes' })).id;
    bobCollection = (await bob.create({ name: 'Notes' })).id;
    bobEntry = (await db.repos.entry.forUser('bob').create({ title: 'Bob’s', collectionId: bobCollection })).id;
    await db.repos.entry.forUser('alice').createMany([
      { title: 'One', collectionId: aliceCollection },
      { title: 'Two', collectionId: aliceCollection, userId: 'alice' },
    ]);
  });

  it('fills in the owner on create and refuses another owner', async () => {
    const alice = db.repos.entry.forUser('alice');
    const created = await alice.create({ title: 'Mine', collectionId: aliceCollection });
    expect(created.userId).toBe('alice');
    await expect(alice.create({ title: 'Theirs', collectionId: aliceCollection, userId: 'bob' })).rejects.toThrow(
      QueryError,
    );
    await expect(alice.createMany([{ title: 'x', collectionId: aliceCollection, userId: 'bob' }])).rejects.toThrow(
      QueryError,
    );
    expect(await db.repos.entry.count({ userId: 'bob' })).toBe(1);
  });

  it('reads only the user’s rows: another user’s row is a missing row', async () => {
    const alice = db.repos.entry.forUser('alice');
    expect(await alice.findById(bobEntry)).toBeUndefined();
    expect(await alice.findById(MISSING_ID)).toBeUndefined();
    expect(await db.repos.entry.forUser('bob').findById(bobEntry)).toMatchObject({ title: 'Bob’s' });
    expect((await alice.findMany({ orderBy: { title: 'asc' } })).map((e) => e.title)).toEqual(['One', 'Two']);
    expect(await alice.findMany({ where: { title: 'Bob’s' } })).toEqual([]);
    expect(await alice.findOne({ collectionId: bobCollection })).toBeUndefined();
    expect(await alice.findBy('title', 'Bob’s')).toBeUndefined();
    expect(await alice.count()).toBe(2);
    expect(await alice.exists({ title: 'Bob’s' })).toBe(false);
    // An `or` in the filter cannot widen the scope.
    expect(await alice.count({ or: [{ userId: 'bob' }, { title: 'One' }] })).toBe(1);
    const page = await alice.paginate({ pageSize: 1, orderBy: { title: 'asc' } });
    expect(page).toMatchObject({ total: 2, pageCount: 2, items: [{ title: 'One' }] });
    const first = await alice.findPage({ orderBy: { title: 'asc' }, limit: 1 });
    const second = await alice.findPage({ orderBy: { title: 'asc' }, limit: 1, after: first.nextCursor ?? '' });
    expect(second).toMatchObject({ items: [{ title: 'Two' }], nextCursor: null });
  });

  it('updates only the user’s rows and never moves a row to another user', async () => {
    const alice = db.repos.entry.forUser('alice');
    expect(await alice.update(bobEntry, { title: 'Hijacked' })).toBeUndefined();
    expect(await alice.update(MISSING_ID, { title: 'Hijacked' })).toBeUndefined();
    expect((await db.repos.entry.findById(bobEntry))?.title).toBe('Bob’s');
    const [one] = await alice.findMany({ where: { title: 'One' } });
    expect(await alice.update(one?.id ?? '', { title: 'Uno' })).toMatchObject({ title: 'Uno', userId: 'alice' });
    await expect(alice.update(one?.id ?? '', { userId: 'bob' })).rejects.toThrow(QueryError);
    await expect(alice.update(one?.id ?? '', { userId: null })).rejects.toThrow(QueryError);
    expect(await alice.updateMany({}, { content: 'edited' })).toBe(2);
    expect((await db.repos.entry.findById(bobEntry))?.content).toBeNull();
    await expect(alice.updateMany({}, { userId: 'bob' })).rejects.toThrow(QueryError);
  });

  it('deletes only the user’s rows; soft deletes and restores stay scoped', async () => {
    const alice = db.repos.entry.forUser('alice');
    expect(await alice.delete(bobEntry)).toBeUndefined();
    expect(await alice.hardDelete(bobEntry)).toBeUndefined();
    expect(await db.repos.entry.findById(bobEntry)).toBeDefined();
    const [one] = await alice.findMany({ where: { title: 'One' } });
    const deleted = await alice.delete(one?.id ?? '');
    expect(deleted?.deletedAt).toBeInstanceOf(Date);
    expect(await alice.count()).toBe(1);
    expect(await db.repos.entry.forUser('bob').restore(one?.id ?? '')).toBeUndefined();
    expect((await alice.restore(one?.id ?? ''))?.deletedAt).toBeNull();
    expect(await alice.deleteMany({})).toBe(2);
    expect(await db.repos.entry.count()).toBe(1);
    // Without soft deletes: the row is gone and returned as it was.
    const collections = db.repos.collection.forUser('alice');
    expect(await collections.delete(bobCollection)).toBeUndefined();
    expect(await collections.delete(aliceCollection)).toMatchObject({ id: aliceCollection, userId: 'alice' });
    expect(await db.repos.collection.count()).toBe(1);
  });

  it('upserts within the user’s rows only', async () => {
    const alice = db.repos.collection.forUser('alice');
    await expect(
      alice.upsert({ target: ['name'], create: { name: 'Notes' }, update: { color: 'red' } }),
    ).rejects.toThrow(QueryError);
    const updated = await alice.upsert({
      target: ['userId', 'name'],
      create: { name: 'Notes' },
      update: { color: 'red' },
    });
    expect(updated).toMatchObject({ id: aliceCollection, color: 'red', userId: 'alice' });
    expect((await db.repos.collection.findById(bobCollection))?.color).toBeNull();
    await expect(
      alice.upsert({ target: ['userId', 'name'], create: { name: 'Notes' }, update: { userId: 'bob' } }),
    ).rejects.toThrow(QueryError);
  });

  it('needs a real owner field and user id', () => {
    expect(() => forUser(db.repos.collection, 'alice', { field: 'nope' as 'userId' })).toThrow(QueryError);
    expect(() => forUser(db.repos.collection, null as unknown as string)).toThrow(QueryError);
  });
});
