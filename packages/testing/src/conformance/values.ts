// Every column kind written and read back unchanged; ids and timestamps the repository fills in.
import { type NewRow, QueryError, type Row } from '@strata/core';
import { expect } from 'vitest';
import { type ConformanceContext, fixedId, sleep, UUID_V7, uuidV7Time } from './harness.js';
import type { item } from './schema.js';

type ItemRow = Row<typeof item>;

/** Every nullable field of an item, null: what a row holds when the create leaves them out. */
const NULLS = {
  note: null,
  code: null,
  rank: null,
  size: null,
  score: null,
  active: null,
  at: null,
  day: null,
  data: null,
  priority: null,
  ref: null,
} as const;

const DEEP_JSON = {
  'ünï 😀': ['x', 1, null, true, { deep: { deeper: [1.5, -0.25, 1e21, 0.1 + 0.2] } }],
  quote: 'it\'s "q" \\ / \u2028 \t',
  empty: {},
  emptyString: '',
  nested: [[[]]],
  'key with spaces': null,
  '': 'empty key',
};

/** Values at the edges of each kind: limits, signs, precision, unicode, empty versus null. */
const EDGE_VALUES: NewRow<typeof item>[] = [
  { id: fixedId(1), label: 'all nulls' },
  {
    id: fixedId(2),
    label: 'highs',
    note: 'ünïcödé 😀 𝄞 \u200b tab\t newline\n quote \' " \\ back',
    code: '😀😀😀😀😀😀😀😀',
    rank: 2_147_483_647,
    size: 9_223_372_036_854_775_807n,
    score: 1.7976931348623157e308,
    active: true,
    at: new Date('9999-12-31T23:59:59.999Z'),
    day: '9999-12-31',
    data: DEEP_JSON,
    priority: 'high',
    ref: 'ffffffff-ffff-4fff-bfff-ffffffffffff',
  },
  {
    id: fixedId(3),
    label: 'lows',
    note: '',
    code: '',
    rank: -2_147_483_648,
    size: -9_223_372_036_854_775_808n,
    score: -5e-324,
    active: false,
    at: new Date('0001-01-01T00:00:00.000Z'),
    day: '0001-01-01',
    data: [],
    priority: 'low',
    ref: '00000000-0000-0000-0000-000000000000',
  },
  {
    id: fixedId(4),
    label: 'precision',
    rank: 0,
    size: 9_007_199_254_740_993n,
    score: 0.1 + 0.2,
    active: true,
    at: new Date(-1_234_567_890_123),
    day: '2024-02-29',
    data: 'just a string',
    priority: 'medium',
  },
  { id: fixedId(5), label: 'json number', data: 42.5, size: -1n, score: 1e-300, at: new Date(0) },
  { id: fixedId(6), label: 'json false', data: false, code: 'äöüßÄÖÜẞ', day: '1969-07-20' },
];

const expectedRow = (values: NewRow<typeof item>) => ({
  ...NULLS,
  ...values,
  createdAt: expect.any(Date),
  updatedAt: expect.any(Date),
});

/** Checks the JS types of a row's values, which `toEqual` alone would not catch for every kind. */
function expectTypes(row: ItemRow): void {
  if (row.size !== null) expect(typeof row.size).toBe('bigint');
  if (row.rank !== null) expect(typeof row.rank).toBe('number');
  if (row.score !== null) expect(typeof row.score).toBe('number');
  if (row.active !== null) expect(typeof row.active).toBe('boolean');
  if (row.at !== null) expect(row.at).toBeInstanceOf(Date);
  if (row.day !== null) expect(typeof row.day).toBe('string');
  expect(row.createdAt).toBeInstanceOf(Date);
  expect(row.updatedAt).toBeInstanceOf(Date);
}

/** The largest integer a JavaScript number holds exactly. */
const INT53 = BigInt(Number.MAX_SAFE_INTEGER);

export function defineValueTests(context: ConformanceContext): void {
  const { it } = context;
  const items = () => context.db().repos.item;
  // On an engine that reads integers as numbers (D1), the bigint edges are those of a number.
  const EDGE_ROWS = context.exactBigints
    ? EDGE_VALUES
    : EDGE_VALUES.map((row) =>
        typeof row.size === 'bigint'
          ? { ...row, size: row.size > INT53 ? INT53 : row.size < -INT53 ? -INT53 : row.size }
          : row,
      );

  it('every column kind round-trips through create and findById', async () => {
    for (const values of EDGE_ROWS) {
      const created = await items().create(values);
      expect(created, values.label).toEqual(expectedRow(values));
      expectTypes(created);
      const read = await items().findById(values.id as string);
      expect(read, values.label).toEqual(created);
      if (read) expectTypes(read);
    }
  });

  it('the same values round-trip through createMany, findMany and update', async () => {
    const created = await items().createMany(EDGE_ROWS);
    expect(created).toEqual(EDGE_ROWS.map(expectedRow));
    expect(await items().findMany()).toEqual(created);
    // Write each row's values onto another row with update.
    const rotated = [...EDGE_ROWS.slice(1), ...EDGE_ROWS.slice(0, 1)];
    for (const [index, values] of rotated.entries()) {
      const { id: _ignored, ...patch } = values;
      const target = fixedId(index + 1);
      const updated = await items().update(target, { ...NULLS, ...patch });
      expect(updated, values.label).toEqual({ ...expectedRow(values), id: target });
      expect(await items().findById(target)).toEqual(updated);
    }
  });

  it('keeps null and the empty string apart', async () => {
    await items().createMany([
      { id: fixedId(1), label: 'null note' },
      { id: fixedId(2), label: 'empty note', note: '', code: '' },
    ]);
    expect(await items().findById(fixedId(1))).toMatchObject({ note: null, code: null });
    expect(await items().findById(fixedId(2))).toMatchObject({ note: '', code: '' });
    expect((await items().findMany({ where: { note: '' } })).map((row) => row.label)).toEqual(['empty note']);
    expect((await items().findMany({ where: { note: null } })).map((row) => row.label)).toEqual(['null note']);
  });

  it('generates UUID v7 ids that increase in creation order', async () => {
    const before = Date.now();
    const one = await items().create({ label: 'a' });
    await sleep(2);
    const two = await items().create({ label: 'b' });
    const many = await items().createMany(Array.from({ length: 50 }, (_, i) => ({ label: `m${i}` })));
    const after = Date.now();
    const ids = [one.id, two.id, ...many.map((row) => row.id)];
    for (const value of ids) expect(value).toMatch(UUID_V7);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
    expect(uuidV7Time(one.id)).toBeGreaterThanOrEqual(before - 1000);
    expect(uuidV7Time(ids[ids.length - 1] ?? '')).toBeLessThanOrEqual(after + 1000);
    expect((await items().findMany({ select: ['id'] })).map((row) => row.id)).toEqual(ids);
  });

  it('keeps client-supplied ids on create, createMany and upsert', async () => {
    expect((await items().create({ id: fixedId(42), label: 'given' })).id).toBe(fixedId(42));
    const many = await items().createMany([
      { id: fixedId(44), label: 'given 44' },
      { label: 'generated' },
      { id: fixedId(43), label: 'given 43' },
    ]);
    expect(many.map((row) => row.id)).toEqual([fixedId(44), expect.stringMatching(UUID_V7), fixedId(43)]);
    const settings = context.db().repos.setting;
    const upserted = await settings.upsert({
      target: ['key'],
      create: { id: fixedId(45), key: 'k', value: 'v' },
      update: { value: 'w' },
    });
    expect(upserted.id).toBe(fixedId(45));
    expect((await items().findById(fixedId(43)))?.label).toBe('given 43');
    expect((await settings.findById(fixedId(45)))?.value).toBe('v');
  });

  it('treats an upper-case UUID the same on every engine: refused, or stored and found in lower case', async () => {
    const upper = '0190A5D0-AC96-774B-BCCE-B302099A8057';
    const lower = upper.toLowerCase();
    const refusal = await items()
      .create({ id: upper, label: 'upper', ref: upper })
      .then(
        () => undefined,
        (error: unknown) => error,
      );
    if (refusal !== undefined) {
      expect(refusal).toBeInstanceOf(QueryError);
      expect(await items().count()).toBe(0);
      return;
    }
    // Stored: PostgreSQL's uuid type has no case, so every engine must answer as it does.
    const byLower = await items().findById(lower);
    expect(byLower).toMatchObject({ id: lower, ref: lower });
    expect(await items().findById(upper)).toEqual(byLower);
    expect(await items().count({ ref: lower })).toBe(1);
    expect(await items().count({ ref: upper })).toBe(1);
  });

  it('fills createdAt and updatedAt with the current time, equal on insert', async () => {
    const before = Date.now();
    const created = await items().create({ label: 'now' });
    const [fromMany] = await items().createMany([{ label: 'now too' }]);
    const after = Date.now();
    for (const row of [created, fromMany]) {
      expect(row?.createdAt.getTime()).toBeGreaterThanOrEqual(before - 1000);
      expect(row?.createdAt.getTime()).toBeLessThanOrEqual(after + 1000);
      expect(row?.updatedAt).toEqual(row?.createdAt);
    }
    expect(await items().findById(created.id)).toEqual(created);
  });

  it('stores explicit createdAt and updatedAt as given', async () => {
    const createdAt = new Date('2001-02-03T04:05:06.789Z');
    const updatedAt = new Date('2002-03-04T05:06:07.891Z');
    const row = await items().create({ id: fixedId(1), label: 'dated', createdAt, updatedAt });
    expect(row).toMatchObject({ createdAt, updatedAt });
    expect(await items().findById(fixedId(1))).toMatchObject({ createdAt, updatedAt });
  });

  it('fills column defaults on create and createMany', async () => {
    const db = context.db();
    expect(await db.repos.tag.create({ name: 'fresh' })).toMatchObject({ name: 'fresh', uses: 0 });
    const bulk = await db.repos.bulkRow.createMany([
      { seq: 1, label: 'a' },
      { seq: 2, label: 'b', flag: true },
    ]);
    expect(bulk.map((row) => row.flag)).toEqual([false, true]);
    expect((await db.repos.bulkRow.findBy('seq', 1))?.flag).toBe(false);
  });
}
