// create, createMany, update, updateMany, upsert, delete, deleteMany and hardDelete on tables
// without soft deletes: what each returns, and what is stored afterwards.
import { findDatabaseError, isUniqueViolation, QueryError } from '@strata/core';
import { expect } from 'vitest';
import { type ConformanceContext, caught, fixedId, sleep } from './harness.js';

export function defineWriteTests(context: ConformanceContext): void {
  const { it } = context;
  const repos = () => context.db().repos;

  it('create returns the stored row with every default, and stores exactly that', async () => {
    const created = await repos().item.create({ label: 'new', rank: 3, note: null });
    expect(created).toMatchObject({ label: 'new', rank: 3, note: null, size: null, priority: null });
    expect(await repos().item.findById(created.id)).toEqual(created);
    expect(await repos().item.count()).toBe(1);
  });

  it('createMany returns the rows in input order, stores them, and accepts rows with different fields', async () => {
    const created = await repos().item.createMany([
      { id: fixedId(3), label: 'c', rank: 3 },
      { id: fixedId(1), label: 'a', note: 'only a note' },
      { id: fixedId(2), label: 'b', rank: null, priority: 'high' },
    ]);
    expect(created.map((row) => row.label)).toEqual(['c', 'a', 'b']);
    expect(created[1]).toMatchObject({ note: 'only a note', rank: null, priority: null });
    expect(created[2]).toMatchObject({ note: null, rank: null, priority: 'high' });
    expect(await repos().item.findMany()).toEqual([created[1], created[2], created[0]]);
  });

  it('createMany and insertMany take rows with the same fields in any key order', async () => {
    const created = await repos().item.createMany([
      { id: fixedId(1), label: 'a', rank: 1 },
      { rank: 2, label: 'b', id: fixedId(2) },
      { label: 'c', id: fixedId(3), rank: 3 },
    ]);
    expect(created.map((row) => [row.label, row.rank])).toEqual([
      ['a', 1],
      ['b', 2],
      ['c', 3],
    ]);
    expect(
      await repos().item.insertMany([
        { label: 'd', rank: 4 },
        { rank: 5, label: 'e' },
      ]),
    ).toBe(2);
    const stored = await repos().item.findMany({ where: { label: { in: ['d', 'e'] } }, orderBy: { rank: 'asc' } });
    expect(stored.map((row) => [row.label, row.rank])).toEqual([
      ['d', 4],
      ['e', 5],
    ]);
  });

  it('writes copy their input: undefined fields are left out, ids stored lower-case, later changes ignored', async () => {
    const upper = fixedId(7).toUpperCase();
    const input = { id: upper, label: 'copied', rank: 1, note: undefined, nope: undefined } as never as {
      id: string;
      label: string;
      rank: number;
    };
    const pending = repos().item.create(input);
    input.label = 'changed after the call';
    const created = await pending;
    expect(created).toMatchObject({ id: fixedId(7), label: 'copied', rank: 1, note: null });
    expect(await repos().item.findById(upper)).toEqual(created);
    const rows = [{ label: 'bulk', rank: 2, note: undefined }];
    const loading = repos().item.insertMany(rows);
    rows[0] = { label: 'replaced', rank: 3, note: undefined };
    expect(await loading).toBe(1);
    expect(await repos().item.findMany({ where: { rank: { gte: 2 } } })).toEqual([
      expect.objectContaining({ label: 'bulk', rank: 2, note: null }),
    ]);
  });

  it('createMany of no rows returns [] and writes nothing', async () => {
    expect(await repos().item.createMany([])).toEqual([]);
    expect(await repos().item.count()).toBe(0);
  });

  it('update changes only the patched fields, returns the row, and sets a field to null', async () => {
    const before = await repos().item.create({ id: fixedId(1), label: 'a', rank: 1, note: 'keep', score: 1.5 });
    const other = await repos().item.create({ id: fixedId(2), label: 'b', rank: 2 });
    const updated = await repos().item.update(fixedId(1), { rank: 10, score: null, note: undefined });
    expect(updated).toEqual({ ...before, rank: 10, score: null, updatedAt: expect.any(Date) });
    expect(await repos().item.findById(fixedId(1))).toEqual(updated);
    expect(await repos().item.findById(fixedId(2))).toEqual(other);
  });

  it('update returns undefined for an unknown id and writes nothing', async () => {
    const row = await repos().item.create({ id: fixedId(1), label: 'a' });
    expect(await repos().item.update(fixedId(9), { label: 'b' })).toBeUndefined();
    expect(await repos().item.findMany()).toEqual([row]);
  });

  it('update and updateMany refresh updatedAt and leave createdAt alone; an explicit updatedAt wins', async () => {
    const created = await repos().item.create({ id: fixedId(1), label: 'a' });
    await repos().item.create({ id: fixedId(2), label: 'b' });
    const untouched = await repos().item.create({ id: fixedId(3), label: 'c' });
    await sleep(15);
    const updated = await repos().item.update(fixedId(1), { label: 'a2' });
    expect(updated?.createdAt).toEqual(created.createdAt);
    expect(updated?.updatedAt.getTime()).toBeGreaterThan(created.updatedAt.getTime());
    expect(updated?.updatedAt.getTime()).toBeLessThanOrEqual(Date.now() + 1000);
    await sleep(15);
    expect(await repos().item.updateMany({ label: { in: ['a2', 'b'] } }, { rank: 5 })).toBe(2);
    const [first, second, third] = await repos().item.findMany();
    expect(first?.updatedAt.getTime()).toBeGreaterThan(updated?.updatedAt.getTime() ?? Number.POSITIVE_INFINITY);
    expect(second?.updatedAt.getTime()).toBeGreaterThan(created.updatedAt.getTime());
    expect(first?.createdAt).toEqual(created.createdAt);
    expect(third).toEqual(untouched);
    const explicit = new Date('2010-01-01T00:00:00.123Z');
    expect((await repos().item.update(fixedId(1), { rank: 6, updatedAt: explicit }))?.updatedAt).toEqual(explicit);
    expect((await repos().item.findById(fixedId(1)))?.updatedAt).toEqual(explicit);
  });

  it('updateMany returns how many rows changed, and changes only those', async () => {
    await repos().item.createMany([
      { id: fixedId(1), label: 'a', priority: 'low' },
      { id: fixedId(2), label: 'b', priority: 'low' },
      { id: fixedId(3), label: 'c', priority: 'high' },
      { id: fixedId(4), label: 'd' },
    ]);
    expect(await repos().item.updateMany({ priority: 'low' }, { note: 'was low', priority: 'medium' })).toBe(2);
    expect(await repos().item.updateMany({ priority: 'low' }, { note: 'again' })).toBe(0);
    expect(await repos().item.updateMany({ label: { in: [] } }, { note: 'never' })).toBe(0);
    const rows = await repos().item.findMany({ select: ['label', 'note', 'priority'] });
    expect(rows).toEqual([
      { label: 'a', note: 'was low', priority: 'medium' },
      { label: 'b', note: 'was low', priority: 'medium' },
      { label: 'c', note: null, priority: 'high' },
      { label: 'd', note: null, priority: null },
    ]);
    expect(await repos().item.updateMany({}, { rank: 1 })).toBe(4);
    expect(await repos().item.count({ rank: 1 })).toBe(4);
  });

  it('an empty patch on a table without updatedAt changes nothing and fails with no raw driver error', async () => {
    const tags = repos().tag;
    const row = await tags.create({ id: fixedId(1), name: 'same', uses: 3 });
    const single = await tags.update(fixedId(1), {}).then(
      (value) => ({ value }),
      (error: unknown) => ({ error }),
    );
    if ('error' in single) expect(single.error, String(single.error)).toBeInstanceOf(QueryError);
    else expect(single.value).toEqual(row);
    const many = await Promise.resolve()
      .then(() => tags.updateMany({}, {}))
      .then(
        (value) => ({ value }),
        (error: unknown) => ({ error }),
      );
    if ('error' in many) expect(many.error, String(many.error)).toBeInstanceOf(QueryError);
    else expect(many.value).toBeGreaterThanOrEqual(0);
    expect(await tags.findMany()).toEqual([row]);
  });

  it('upsert inserts when no row holds the key', async () => {
    const settings = repos().setting;
    const row = await settings.upsert({
      target: ['key'],
      create: { key: 'theme', value: 'dark' },
      update: { value: 'light' },
    });
    expect(row).toMatchObject({ key: 'theme', value: 'dark' });
    expect(row.updatedAt).toEqual(row.createdAt);
    expect(await settings.findMany()).toEqual([row]);
  });

  it('upsert updates the existing row on a conflict: same id and createdAt, update applied, updatedAt refreshed', async () => {
    const settings = repos().setting;
    const existing = await settings.create({ id: fixedId(1), key: 'theme', value: 'dark' });
    await settings.create({ id: fixedId(2), key: 'other', value: 'x' });
    await sleep(15);
    const row = await settings.upsert({
      target: ['key'],
      create: { id: fixedId(3), key: 'theme', value: 'from create' },
      update: { value: 'from update' },
    });
    expect(row).toMatchObject({ id: fixedId(1), key: 'theme', value: 'from update', createdAt: existing.createdAt });
    expect(row.updatedAt.getTime()).toBeGreaterThan(existing.updatedAt.getTime());
    expect(await settings.findById(fixedId(1))).toEqual(row);
    expect(await settings.findById(fixedId(3))).toBeUndefined();
    expect(await settings.count()).toBe(2);
    expect((await settings.findById(fixedId(2)))?.value).toBe('x');
  });

  it('upsert on the primary key, and with an empty update on a table without updatedAt', async () => {
    const tags = repos().tag;
    const inserted = await tags.upsert({ target: ['id'], create: { id: fixedId(1), name: 'a' }, update: { uses: 9 } });
    expect(inserted).toEqual({ id: fixedId(1), name: 'a', uses: 0 });
    const updated = await tags.upsert({ target: ['id'], create: { id: fixedId(1), name: 'b' }, update: { uses: 9 } });
    expect(updated).toEqual({ id: fixedId(1), name: 'a', uses: 9 });
    const unchanged = await tags.upsert({ target: ['name'], create: { id: fixedId(2), name: 'a' }, update: {} });
    expect(unchanged).toEqual(updated);
    expect(await tags.findMany()).toEqual([updated]);
  });

  it('upsert fails, writing nothing, when the conflict is on a unique key other than the target', async () => {
    const tags = repos().tag;
    const row = await tags.create({ id: fixedId(1), name: 'taken' });
    await caught(() => tags.upsert({ target: ['id'], create: { id: fixedId(2), name: 'taken' }, update: { uses: 1 } }));
    expect(await tags.findMany()).toEqual([row]);
  });

  it('ten concurrent upserts of the same key leave one row', async () => {
    const settings = repos().setting;
    const rows = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        settings.upsert({
          target: ['key'],
          create: { key: 'shared', value: `v${i}` },
          update: { value: `u${i}` },
        }),
      ),
    );
    expect(await settings.count()).toBe(1);
    const [stored] = await settings.findMany();
    expect(new Set(rows.map((row) => row.id))).toEqual(new Set([stored?.id]));
    const written = Array.from({ length: 10 }, (_, i) => [`v${i}`, `u${i}`]).flat();
    expect(written).toContain(stored?.value);
    expect(rows.filter((row) => row.value.startsWith('v'))).toHaveLength(1);
  });

  it('delete removes the row and returns it; a second delete returns undefined', async () => {
    const settings = repos().setting;
    const row = await settings.create({ id: fixedId(1), key: 'a', value: '1' });
    const kept = await settings.create({ id: fixedId(2), key: 'b', value: '2' });
    expect(await settings.delete(fixedId(1))).toEqual(row);
    expect(await settings.findById(fixedId(1))).toBeUndefined();
    expect(await settings.delete(fixedId(1))).toBeUndefined();
    expect(await settings.findMany()).toEqual([kept]);
  });

  it('deleteMany returns how many rows went, and removes only those', async () => {
    await repos().item.createMany([
      { id: fixedId(1), label: 'a', rank: 1 },
      { id: fixedId(2), label: 'b', rank: 2 },
      { id: fixedId(3), label: 'c', rank: 3 },
      { id: fixedId(4), label: 'd' },
    ]);
    expect(await repos().item.deleteMany({ rank: { gte: 2 } })).toBe(2);
    expect(await repos().item.deleteMany({ rank: { gte: 2 } })).toBe(0);
    expect(await repos().item.deleteMany({ label: { in: [] } })).toBe(0);
    expect((await repos().item.findMany()).map((row) => row.label)).toEqual(['a', 'd']);
    expect(await repos().item.deleteMany({})).toBe(2);
    expect(await repos().item.count()).toBe(0);
  });

  it('hardDelete removes a row of a table without soft deletes, like delete', async () => {
    const row = await repos().item.create({ id: fixedId(1), label: 'a' });
    expect(await repos().item.hardDelete(fixedId(1))).toEqual(row);
    expect(await repos().item.hardDelete(fixedId(1))).toBeUndefined();
    expect(await repos().item.count()).toBe(0);
  });

  it('works on a table with a composite primary key through filters', async () => {
    const members = repos().membership;
    await members.createMany([
      { groupId: fixedId(1), userId: fixedId(1), role: 'owner' },
      { groupId: fixedId(1), userId: fixedId(2), role: 'member' },
    ]);
    expect(await members.updateMany({ groupId: fixedId(1), userId: fixedId(2) }, { role: 'admin' })).toBe(1);
    expect(await members.findOne({ userId: fixedId(2) })).toEqual({
      groupId: fixedId(1),
      userId: fixedId(2),
      role: 'admin',
    });
    const upserted = await members.upsert({
      target: ['groupId', 'userId'],
      create: { groupId: fixedId(1), userId: fixedId(1), role: 'x' },
      update: { role: 'still owner' },
    });
    expect(upserted.role).toBe('still owner');
    expect(await members.deleteMany({ role: 'admin' })).toBe(1);
    expect(await members.count()).toBe(1);
  });

  it('refuses a duplicate key with a DatabaseError of kind unique_violation, writing nothing', async () => {
    const row = await repos().tag.create({ id: fixedId(1), name: 'unique' });
    const error = await caught(() => repos().tag.create({ name: 'unique' }));
    expect(findDatabaseError(error), String(error)).toBeDefined();
    expect(isUniqueViolation(error)).toBe(true);
    const primary = await caught(() => repos().tag.create({ id: fixedId(1), name: 'other' }));
    expect(isUniqueViolation(primary)).toBe(true);
    expect(await repos().tag.findMany()).toEqual([row]);
  });
}
