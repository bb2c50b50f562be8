// Every read method of the repository: what it returns, on rows whose values are known.
import type { NewRow } from '@strata/core';
import { beforeEach, expect } from 'vitest';
import { type ConformanceContext, fixedId } from './harness.js';
import { item } from './schema.js';

/** Five items, inserted out of id order so that "primary-key order" is visible. */
const SEED: NewRow<typeof item>[] = [
  { id: fixedId(3), label: 'three', rank: 20, priority: 'high' },
  { id: fixedId(1), label: 'one', rank: 10, priority: 'low' },
  { id: fixedId(5), label: 'five', rank: null, priority: 'medium' },
  { id: fixedId(2), label: 'two', rank: 30, priority: 'medium' },
  { id: fixedId(4), label: 'four', rank: 40, priority: 'medium' },
];

const labels = (rows: readonly { label: string }[]) => rows.map((row) => row.label);

export function defineReadTests(context: ConformanceContext): void {
  const { it } = context;
  const items = () => context.db().repos.item;

  beforeEach(async () => {
    if (context.skip === undefined) await items().createMany(SEED);
  });

  it('findById returns the row exactly as create returned it, and undefined for an unknown id', async () => {
    const created = await items().create({ id: fixedId(6), label: 'six', note: 'n', rank: 6 });
    expect(await items().findById(fixedId(6))).toEqual(created);
    expect(created).toMatchObject({ id: fixedId(6), label: 'six', note: 'n', rank: 6, size: null, data: null });
    expect(await items().findById(fixedId(999))).toBeUndefined();
  });

  it('findById and findMany return the same row objects', async () => {
    const all = await items().findMany();
    for (const row of all) expect(await items().findById(row.id)).toEqual(row);
  });

  it('findOne returns the first match in primary-key order, or in the given order, or undefined', async () => {
    expect((await items().findOne({ priority: 'medium' }))?.label).toBe('two');
    expect((await items().findOne({ priority: 'medium' }, { orderBy: { rank: 'desc' } }))?.label).toBe('four');
    // Nulls sort first ascending.
    expect((await items().findOne({ priority: 'medium' }, { orderBy: { rank: 'asc' } }))?.label).toBe('five');
    expect((await items().findOne({}))?.label).toBe('one');
    expect(await items().findOne({ label: 'nobody' })).toBeUndefined();
  });

  it('findBy returns the first row whose field equals the value, or undefined', async () => {
    expect((await items().findBy('label', 'four'))?.id).toBe(fixedId(4));
    expect((await items().findBy('priority', 'medium'))?.label).toBe('two');
    expect((await items().findBy('rank', 20))?.label).toBe('three');
    expect(await items().findBy('label', 'Four')).toBeUndefined();
  });

  it('findAllBy returns every row whose field equals the value, with findMany’s order and limit', async () => {
    expect(labels(await items().findAllBy('priority', 'medium'))).toEqual(['two', 'four', 'five']);
    expect(labels(await items().findAllBy('priority', 'medium', { orderBy: { label: 'asc' }, limit: 2 }))).toEqual([
      'five',
      'four',
    ]);
    expect(await items().findAllBy('label', 'nobody')).toEqual([]);
  });

  it('countBy counts the rows per value, nulls first, sorted like orderBy, with where', async () => {
    expect(await items().countBy('priority')).toEqual([
      { value: 'high', count: 1 },
      { value: 'low', count: 1 },
      { value: 'medium', count: 3 },
    ]);
    expect(await items().countBy('rank', { priority: 'medium' })).toEqual([
      { value: null, count: 1 },
      { value: 30, count: 1 },
      { value: 40, count: 1 },
    ]);
    expect(await items().countBy('label', { label: 'nobody' })).toEqual([]);
    const all = await items().countBy('rank');
    expect(all.reduce((sum, entry) => sum + entry.count, 0)).toBe(await items().count());
  });

  it('countBy refuses unknown and JSON fields with a QueryError', async () => {
    await expect(items().countBy('nope' as never)).rejects.toMatchObject({ name: 'QueryError', field: 'nope' });
    await expect(items().countBy('data')).rejects.toMatchObject({ name: 'QueryError', field: 'data' });
  });

  it('findMany returns every row in primary-key order by default', async () => {
    const rows = await items().findMany();
    expect(rows.map((row) => row.id)).toEqual([1, 2, 3, 4, 5].map(fixedId));
    expect(labels(rows)).toEqual(['one', 'two', 'three', 'four', 'five']);
  });

  it('findMany filters, sorts, limits and offsets', async () => {
    const medium = await items().findMany({ where: { priority: 'medium' }, orderBy: { rank: 'desc' } });
    expect(labels(medium)).toEqual(['four', 'two', 'five']);
    const page = await items().findMany({ orderBy: { rank: 'asc' }, limit: 2, offset: 1 });
    expect(labels(page)).toEqual(['one', 'three']);
    expect(labels(await items().findMany({ orderBy: { label: 'asc' }, limit: 3 }))).toEqual(['five', 'four', 'one']);
  });

  it('limit 0 returns nothing, an offset past the end returns nothing, an offset alone skips rows', async () => {
    expect(await items().findMany({ limit: 0 })).toEqual([]);
    expect(await items().findMany({ offset: 5 })).toEqual([]);
    expect(await items().findMany({ offset: 50, limit: 10 })).toEqual([]);
    expect(labels(await items().findMany({ offset: 3 }))).toEqual(['four', 'five']);
    expect(labels(await items().findMany({ limit: 100 }))).toHaveLength(5);
  });

  it('select returns exactly the selected fields, and still filters and sorts by others', async () => {
    const rows = await items().findMany({
      select: ['label'],
      where: { priority: 'medium' },
      orderBy: { rank: 'desc' },
    });
    expect(rows).toEqual([{ label: 'four' }, { label: 'two' }, { label: 'five' }]);
    const two = await items().findMany({ select: ['id', 'rank'], where: { label: 'two' } });
    expect(two).toEqual([{ id: fixedId(2), rank: 30 }]);
    expect(Object.keys(two[0] ?? {}).sort()).toEqual(['id', 'rank']);
  });

  it('count counts every row, or the matching ones', async () => {
    expect(await items().count()).toBe(5);
    expect(await items().count({})).toBe(5);
    expect(await items().count({ priority: 'medium' })).toBe(3);
    expect(await items().count({ rank: { gt: 100 } })).toBe(0);
  });

  it('exists says whether any row matches', async () => {
    expect(await items().exists()).toBe(true);
    expect(await items().exists({ label: 'three' })).toBe(true);
    expect(await items().exists({ label: 'THREE' })).toBe(false);
    await items().deleteMany({});
    expect(await items().exists()).toBe(false);
  });

  it('db.repo(table) and db.repos.<name> read and write the same table', async () => {
    const db = context.db();
    const created = await db.repo(item).create({ id: fixedId(7), label: 'seven' });
    expect(await db.repos.item.findById(fixedId(7))).toEqual(created);
    expect(await db.repo(item).count()).toBe(await db.repos.item.count());
  });
}
