// Soft deletes: delete sets deletedAt and hides the row from every read unless asked;
// restore brings it back; hardDelete removes it for good.
import { beforeEach, expect } from 'vitest';
import { type ConformanceContext, fixedId, sleep } from './harness.js';

const CREATED = new Date('2020-01-01T00:00:00.000Z');

export function defineSoftDeleteTests(context: ConformanceContext): void {
  const { it } = context;
  const docs = () => context.db().repos.doc;
  const titles = (rows: readonly { title: string }[]) => rows.map((row) => row.title);

  beforeEach(async () => {
    if (context.skip !== undefined) return;
    await docs().createMany(
      ['a', 'b', 'c'].map((title, i) => ({
        id: fixedId(i + 1),
        title,
        slug: `slug-${title}`,
        createdAt: CREATED,
        updatedAt: CREATED,
      })),
    );
  });

  it('countBy leaves deleted rows out unless asked', async () => {
    await docs().delete(fixedId(2));
    expect(await docs().countBy('createdAt')).toEqual([{ value: CREATED, count: 2 }]);
    expect(await docs().countBy('createdAt', {}, { withDeleted: true })).toEqual([{ value: CREATED, count: 3 }]);
    expect(await docs().countBy('title', {}, { onlyDeleted: true })).toEqual([{ value: 'b', count: 1 }]);
  });

  it('delete sets deletedAt and updatedAt to now, keeps createdAt, and returns the row', async () => {
    const before = Date.now();
    const deleted = await docs().delete(fixedId(2));
    const after = Date.now();
    expect(deleted).toMatchObject({ id: fixedId(2), title: 'b', createdAt: CREATED });
    expect(deleted?.deletedAt).toBeInstanceOf(Date);
    expect(deleted?.deletedAt?.getTime()).toBeGreaterThanOrEqual(before - 1000);
    expect(deleted?.deletedAt?.getTime()).toBeLessThanOrEqual(after + 1000);
    expect(deleted?.updatedAt).toEqual(deleted?.deletedAt);
    expect(await docs().findById(fixedId(2), { withDeleted: true })).toEqual(deleted);
  });

  it('a soft-deleted row is hidden from findById, findOne, findBy, findMany, count, exists, paginate and findPage', async () => {
    await docs().delete(fixedId(2));
    expect(await docs().findById(fixedId(2))).toBeUndefined();
    expect(await docs().findOne({ title: 'b' })).toBeUndefined();
    expect(await docs().findBy('slug', 'slug-b')).toBeUndefined();
    expect(titles(await docs().findMany())).toEqual(['a', 'c']);
    expect(await docs().count()).toBe(2);
    expect(await docs().count({ title: 'b' })).toBe(0);
    expect(await docs().exists({ title: 'b' })).toBe(false);
    const page = await docs().paginate({ pageSize: 10 });
    expect(titles(page.items)).toEqual(['a', 'c']);
    expect(page.total).toBe(2);
    expect(titles((await docs().findPage({ limit: 10, orderBy: { title: 'asc' } })).items)).toEqual(['a', 'c']);
  });

  it('withDeleted includes soft-deleted rows and onlyDeleted returns only them', async () => {
    await docs().delete(fixedId(2));
    expect(titles(await docs().findMany({ withDeleted: true }))).toEqual(['a', 'b', 'c']);
    expect(titles(await docs().findMany({ onlyDeleted: true }))).toEqual(['b']);
    expect(await docs().count({}, { withDeleted: true })).toBe(3);
    expect(await docs().count({}, { onlyDeleted: true })).toBe(1);
    expect(await docs().exists({ title: 'b' }, { withDeleted: true })).toBe(true);
    expect(await docs().exists({ title: 'a' }, { onlyDeleted: true })).toBe(false);
    expect((await docs().findById(fixedId(2), { onlyDeleted: true }))?.title).toBe('b');
    expect(await docs().findById(fixedId(1), { onlyDeleted: true })).toBeUndefined();
    expect((await docs().findOne({ title: 'b' }, { withDeleted: true }))?.id).toBe(fixedId(2));
    const page = await docs().paginate({ pageSize: 2, page: 2, withDeleted: true });
    expect(titles(page.items)).toEqual(['c']);
    expect(page.total).toBe(3);
    expect((await docs().paginate({ onlyDeleted: true })).total).toBe(1);
  });

  it('deleting or updating a soft-deleted row returns undefined and changes nothing', async () => {
    const deleted = await docs().delete(fixedId(2));
    expect(await docs().delete(fixedId(2))).toBeUndefined();
    expect(await docs().update(fixedId(2), { title: 'changed' })).toBeUndefined();
    expect(await docs().updateMany({ title: 'b' }, { title: 'changed' })).toBe(0);
    expect(await docs().updateMany({}, { title: 'all' })).toBe(2);
    expect(await docs().findById(fixedId(2), { withDeleted: true })).toEqual(deleted);
  });

  it('deleteMany soft-deletes the matching live rows and returns how many', async () => {
    expect(await docs().deleteMany({ title: { in: ['a', 'b'] } })).toBe(2);
    expect(await docs().deleteMany({ title: { in: ['a', 'b'] } })).toBe(0);
    expect(titles(await docs().findMany())).toEqual(['c']);
    const gone = await docs().findMany({ onlyDeleted: true });
    expect(titles(gone)).toEqual(['a', 'b']);
    for (const row of gone) expect(row.deletedAt).toBeInstanceOf(Date);
    expect(await docs().deleteMany({})).toBe(1);
    expect(await docs().count({}, { withDeleted: true })).toBe(3);
  });

  it('restore brings a soft-deleted row back with updatedAt refreshed; restoring a live row returns undefined', async () => {
    const deleted = await docs().delete(fixedId(2));
    await sleep(15);
    const restored = await docs().restore(fixedId(2));
    expect(restored).toMatchObject({ id: fixedId(2), title: 'b', deletedAt: null, createdAt: CREATED });
    expect(restored?.updatedAt.getTime()).toBeGreaterThan(deleted?.updatedAt.getTime() ?? Number.POSITIVE_INFINITY);
    expect(await docs().findById(fixedId(2))).toEqual(restored);
    expect(await docs().count()).toBe(3);
    expect(await docs().restore(fixedId(2))).toBeUndefined();
    expect(await docs().restore(fixedId(1))).toBeUndefined();
    expect(await docs().restore(fixedId(99))).toBeUndefined();
    expect((await docs().findById(fixedId(1)))?.updatedAt).toEqual(CREATED);
  });

  it('hardDelete removes a row for good, soft-deleted or live, and returns it', async () => {
    const deleted = await docs().delete(fixedId(2));
    expect(await docs().hardDelete(fixedId(2))).toEqual(deleted);
    expect(await docs().findById(fixedId(2), { withDeleted: true })).toBeUndefined();
    const live = await docs().findById(fixedId(1));
    expect(await docs().hardDelete(fixedId(1))).toEqual(live);
    expect(await docs().hardDelete(fixedId(1))).toBeUndefined();
    expect(titles(await docs().findMany({ withDeleted: true }))).toEqual(['c']);
    expect(await docs().restore(fixedId(2))).toBeUndefined();
  });

  it('update of a live row and createMany work as on any table', async () => {
    await sleep(5);
    const updated = await docs().update(fixedId(1), { title: 'a2' });
    expect(updated).toMatchObject({ title: 'a2', deletedAt: null, createdAt: CREATED });
    expect(updated?.updatedAt.getTime()).toBeGreaterThan(CREATED.getTime());
    const [created] = await docs().createMany([{ title: 'd', slug: 'slug-d' }]);
    expect(created?.deletedAt).toBeNull();
    expect(await docs().count()).toBe(4);
  });
}
