// Offset pagination (paginate) and keyset pagination (findPage): edges, ties, and cursors that
// do not belong to the query.
import type { NewRow, OrderBy, Where } from '@strata/core';
import { beforeEach, describe, expect } from 'vitest';
import { type ConformanceContext, expectQueryError, fixedId } from './harness.js';
import type { entry } from './schema.js';

const ENTRY = 'conformance_entry';
const ROWS = 25;
const TITLES = ['a', 'B', 'ä', '😀', 'ｚ', 'a b', ''];
const DAYS = ['2024-01-01', '2023-12-31', '2024-02-29'];
const BASE = Date.UTC(2024, 0, 1);

/**
 * 25 entries with many ties in every sort field; inserted out of id order. Weights lie past 2^53
 * (`weightBase`), or under it on an engine that reads integers as numbers (D1).
 */
const seedRows = (weightBase: bigint): NewRow<typeof entry>[] =>
  Array.from({ length: ROWS }, (_, index) => {
    const i = (index * 11) % ROWS;
    return {
      id: fixedId(i + 1),
      bucket: i % 4,
      title: TITLES[i % TITLES.length] as string,
      at: new Date(BASE + (i % 5) * 1000 + (i % 2)),
      weight: weightBase + BigInt(i % 3),
      day: DAYS[i % DAYS.length] as string,
    };
  });

type EntryOrder = OrderBy<typeof entry>;

const ORDERS: readonly EntryOrder[] = [
  { bucket: 'asc' },
  { bucket: 'desc' },
  [{ bucket: 'desc' }, { title: 'asc' }],
  { title: 'desc' },
  { at: 'asc' },
  [{ weight: 'desc' }, { at: 'desc' }],
  [{ bucket: 'asc' }, { id: 'desc' }],
];

export function definePaginationTests(context: ConformanceContext): void {
  const { it } = context;
  const entries = () => context.db().repos.entry;
  const ids = (rows: readonly { id: string }[]) => rows.map((row) => row.id);

  /** Follows nextCursor from the first page to the last; fails on a loop. */
  const walk = async (orderBy: EntryOrder, limit: number, where?: Where<typeof entry>) => {
    const pages: string[][] = [];
    let after: string | undefined;
    for (let guard = 0; guard <= ROWS + 1; guard++) {
      const page = await entries().findPage({ orderBy, limit, ...(where && { where }), ...(after && { after }) });
      pages.push(ids(page.items));
      if (page.nextCursor === null) return pages;
      expect(typeof page.nextCursor).toBe('string');
      after = page.nextCursor;
    }
    throw new Error('findPage never returned a null nextCursor');
  };

  /** Asserts that walking with `limit` yields exactly findMany's rows, in full pages but the last. */
  const expectWalk = async (orderBy: EntryOrder, limit: number, where?: Where<typeof entry>) => {
    const expected = ids(await entries().findMany({ orderBy, ...(where && { where }) }));
    const pages = await walk(orderBy, limit, where);
    const label = `${JSON.stringify(orderBy)} limit ${limit}`;
    expect(pages.flat(), label).toEqual(expected);
    expect(
      pages.map((page) => page.length),
      label,
    ).toEqual(
      expected.length === 0
        ? [0]
        : Array.from({ length: Math.ceil(expected.length / limit) }, (_, i) =>
            Math.min(limit, expected.length - i * limit),
          ),
    );
  };

  const seed = async () => {
    await entries().createMany(seedRows(context.exactBigints ? 2n ** 53n : 2n ** 50n));
  };

  it('paginate on an empty table: no items, total 0, pageCount 0', async () => {
    expect(await entries().paginate({ page: 1, pageSize: 10 })).toEqual({
      items: [],
      total: 0,
      page: 1,
      pageSize: 10,
      pageCount: 0,
    });
    expect(await entries().paginate({ page: 3, pageSize: 10 })).toMatchObject({ items: [], total: 0, page: 3 });
  });

  it('findPage on an empty table: no items and no cursor', async () => {
    expect(await entries().findPage({ orderBy: { bucket: 'asc' }, limit: 5 })).toEqual({ items: [], nextCursor: null });
  });

  describe(`over ${ROWS} entries with ties in every field`, () => {
    beforeEach(async () => {
      if (context.skip === undefined) await seed();
    });

    it('paginate defaults to page 1 of 20', async () => {
      const page = await entries().paginate();
      expect(page).toMatchObject({ total: ROWS, page: 1, pageSize: 20, pageCount: 2 });
      expect(ids(page.items)).toEqual(ids(await entries().findMany({ limit: 20 })));
    });

    it('paginate: the exact last page is full, the page after it is empty with the real total', async () => {
      const last = await entries().paginate({ page: 5, pageSize: 5, orderBy: { title: 'asc' } });
      expect(last).toMatchObject({ total: ROWS, page: 5, pageSize: 5, pageCount: 5 });
      expect(last.items).toHaveLength(5);
      expect(await entries().paginate({ page: 6, pageSize: 5, orderBy: { title: 'asc' } })).toEqual({
        items: [],
        total: ROWS,
        page: 6,
        pageSize: 5,
        pageCount: 5,
      });
      expect(await entries().paginate({ page: 1000, pageSize: 7 })).toMatchObject({ items: [], total: ROWS });
      const partial = await entries().paginate({ page: 4, pageSize: 7 });
      expect(partial).toMatchObject({ total: ROWS, pageCount: 4 });
      expect(partial.items).toHaveLength(4);
    });

    it('paginate with pageSize 1 visits every row once, in findMany order', async () => {
      const orderBy: EntryOrder = [{ bucket: 'desc' }, { at: 'asc' }];
      const seen: string[] = [];
      for (let page = 1; page <= ROWS; page++) {
        const result = await entries().paginate({ page, pageSize: 1, orderBy });
        expect(result).toMatchObject({ total: ROWS, page, pageSize: 1, pageCount: ROWS });
        expect(result.items).toHaveLength(1);
        seen.push(...ids(result.items));
      }
      expect(seen).toEqual(ids(await entries().findMany({ orderBy })));
    });

    it('paginate filters items and total alike', async () => {
      const where: Where<typeof entry> = { bucket: { in: [1, 2] } };
      const first = await entries().paginate({ where, orderBy: { title: 'desc' }, page: 1, pageSize: 4 });
      const matching = await entries().findMany({ where, orderBy: { title: 'desc' } });
      expect(first.total).toBe(matching.length);
      expect(first.pageCount).toBe(Math.ceil(matching.length / 4));
      expect(ids(first.items)).toEqual(ids(matching.slice(0, 4)));
      const second = await entries().paginate({ where, orderBy: { title: 'desc' }, page: 2, pageSize: 4 });
      expect(ids(second.items)).toEqual(ids(matching.slice(4, 8)));
    });

    it('findPage walks every row exactly once, in findMany order, through ties, for every sort and size', async () => {
      for (const orderBy of ORDERS) {
        for (const limit of [1, 3, 5, 7, ROWS, 100]) await expectWalk(orderBy, limit);
      }
    });

    it('findPage sorts and pages by a date field', async () => {
      await expectWalk({ day: 'asc' }, 4);
      await expectWalk([{ day: 'desc' }, { title: 'asc' }], 3);
    });

    it('findPage ends on a full last page without an empty page after it', async () => {
      const pages = await walk({ bucket: 'asc' }, 5);
      expect(pages).toHaveLength(5);
      expect(pages.every((page) => page.length === 5)).toBe(true);
    });

    it('findPage applies a filter on every page', async () => {
      await expectWalk({ title: 'asc' }, 2, { bucket: 3 });
      await expectWalk({ at: 'desc' }, 4, { title: { in: ['a', 'ä', '😀'] } });
      await expectWalk({ bucket: 'asc' }, 4, { title: 'no such title' });
    });

    it('findPage is stable under inserts before the cursor', async () => {
      const orderBy: EntryOrder = [{ bucket: 'asc' }, { title: 'asc' }];
      const before = ids(await entries().findMany({ orderBy }));
      const first = await entries().findPage({ orderBy, limit: 10 });
      expect(ids(first.items)).toEqual(before.slice(0, 10));
      await entries().create({
        id: fixedId(500),
        bucket: -1,
        title: 'early',
        at: new Date(BASE),
        weight: 0n,
        day: DAYS[0] as string,
      });
      const second = await entries().findPage({ orderBy, limit: 10, after: first.nextCursor ?? undefined });
      expect(ids(second.items)).toEqual(before.slice(10, 20));
    });

    it('findPage refuses a cursor made for another sort order', async () => {
      const byBucket = await entries().findPage({ orderBy: { bucket: 'asc' }, limit: 3 });
      const cursor = byBucket.nextCursor ?? '';
      expect(cursor).not.toBe('');
      await expectQueryError(
        () => entries().findPage({ orderBy: [{ bucket: 'asc' }, { title: 'asc' }], limit: 3, after: cursor }),
        { table: ENTRY },
      );
      await expectQueryError(() => entries().findPage({ orderBy: { at: 'asc' }, limit: 3, after: cursor }), {
        table: ENTRY,
        field: 'at',
      });
      const byTitle = await entries().findPage({ orderBy: { title: 'asc' }, limit: 3 });
      await expectQueryError(
        () => entries().findPage({ orderBy: { weight: 'asc' }, limit: 3, after: byTitle.nextCursor ?? '' }),
        { table: ENTRY, field: 'weight' },
      );
    });

    it('findPage refuses malformed cursors with a QueryError', async () => {
      const encode = (text: string) =>
        btoa(String.fromCharCode(...new TextEncoder().encode(text)))
          .replace(/\+/g, '-')
          .replace(/\//g, '_')
          .replace(/=+$/, '');
      const malformed = [
        'not a cursor!!',
        '',
        '%%%',
        encode('not json'),
        encode('{"bucket":1}'),
        encode('null'),
        encode('[1]'),
        encode('[1, "00000000-0000-7000-8000-000000000001", 3]'),
        encode('["one", "00000000-0000-7000-8000-000000000001"]'),
        encode('[1.5, "00000000-0000-7000-8000-000000000001"]'),
        encode('[1, "not-a-uuid"]'),
        encode('[1, null]'),
      ];
      for (const after of malformed) {
        await expectQueryError(() => entries().findPage({ orderBy: { bucket: 'asc' }, limit: 3, after }), {
          table: ENTRY,
        });
      }
    });

    it('findPage refuses a sort field that can be null (untyped input; the type already refuses it)', async () => {
      // @ts-expect-error rank can be null: CursorOrderBy leaves it out
      await expectQueryError(() => context.db().repos.item.findPage({ orderBy: { rank: 'asc' }, limit: 3 }), {
        table: 'conformance_item',
        field: 'rank',
      });
    });
  });
}
