// Sort order: nulls first ascending and last descending, text by code point, enumerations as
// text, and the primary key as the tie-breaker, on every kind of column.
import type { NewRow, OrderBy } from '@strata/core';
import { expect } from 'vitest';
import { type ConformanceContext, compareCodePoints, fixedId } from './harness.js';
import type { item } from './schema.js';

type SortField = 'note' | 'code' | 'rank' | 'size' | 'score' | 'active' | 'at' | 'day' | 'priority' | 'ref';

interface SortCase {
  readonly field: SortField;
  /** The values to store, with at least one duplicate (a tie) and one null. */
  readonly values: readonly unknown[];
  readonly compare: (a: unknown, b: unknown) => number;
}

const compareNumbers = (a: unknown, b: unknown) => (a as number) - (b as number);
const compareBigints = (a: unknown, b: unknown) => ((a as bigint) < (b as bigint) ? -1 : a === b ? 0 : 1);
const compareStrings = (a: unknown, b: unknown) => compareCodePoints(a as string, b as string);

const SORT_CASES: readonly SortCase[] = [
  {
    field: 'note',
    values: ['a', 'B', 'ä', 'Z', 'b', 'é', '😀', 'ｚ', '', 'aa', 'A', null, 'b'],
    compare: compareStrings,
  },
  { field: 'code', values: ['b', 'B', '', null, 'Ä', 'a', 'b'], compare: compareStrings },
  { field: 'rank', values: [5, -3, null, 2_147_483_647, 0, -2_147_483_648, 5], compare: compareNumbers },
  {
    field: 'size',
    values: [2n ** 53n + 1n, -(2n ** 63n), null, 2n ** 63n - 1n, 2n ** 53n, 0n, 2n ** 53n],
    compare: compareBigints,
  },
  { field: 'score', values: [0.5, -1e-300, null, 1e300, 0.1 + 0.2, 0.3, -0.5, 0.5], compare: compareNumbers },
  {
    field: 'active',
    values: [true, false, null, true, false],
    compare: (a, b) => Number(a) - Number(b),
  },
  {
    field: 'at',
    values: [new Date(0), new Date(-1), null, new Date('9999-12-31T23:59:59.999Z'), new Date(1), new Date(0)],
    compare: (a, b) => (a as Date).getTime() - (b as Date).getTime(),
  },
  {
    field: 'day',
    values: ['2024-02-29', '1969-07-20', null, '9999-12-31', '0001-01-01', '2024-02-29'],
    compare: compareStrings,
  },
  { field: 'priority', values: ['low', 'medium', 'high', null, 'low'], compare: compareStrings },
  {
    field: 'ref',
    values: [
      'ffffffff-ffff-4fff-bfff-ffffffffffff',
      '00000000-0000-4000-8000-000000000000',
      null,
      '7fffffff-ffff-4fff-bfff-ffffffffffff',
      '80000000-0000-4000-8000-000000000000',
      'a0000000-0000-4000-8000-000000000000',
      'a0000000-0000-4000-8000-000000000000',
    ],
    compare: compareStrings,
  },
];

/** Ids in an order unrelated to the values, so the tie-breaker is visible. */
const idFor = (index: number) => fixedId(((index * 7) % 13) + 1);

/** The expected order of labels: nulls first ascending, last descending; ties by id ascending. */
function expectedOrder(sortCase: SortCase, direction: 'asc' | 'desc'): string[] {
  const rows = sortCase.values.map((value, index) => ({ value, id: idFor(index), label: `v${index}` }));
  rows.sort((a, b) => {
    if (a.value === null || b.value === null) {
      const nulls = Number(b.value === null) - Number(a.value === null);
      if (nulls !== 0) return direction === 'asc' ? nulls : -nulls;
    } else {
      const order = sortCase.compare(a.value, b.value);
      if (order !== 0) return direction === 'asc' ? order : -order;
    }
    return a.id < b.id ? -1 : 1;
  });
  return rows.map((row) => row.label);
}

export function defineOrderingTests(context: ConformanceContext): void {
  const { it } = context;
  const items = () => context.db().repos.item;

  for (const sortCase of SORT_CASES) {
    it(`sorts ${sortCase.field} ascending with nulls first and descending with nulls last, ties by id`, async () => {
      await items().createMany(
        sortCase.values.map(
          (value, index) => ({ id: idFor(index), label: `v${index}`, [sortCase.field]: value }) as NewRow<typeof item>,
        ),
      );
      for (const direction of ['asc', 'desc'] as const) {
        const orderBy = { [sortCase.field]: direction } as OrderBy<typeof item>;
        const rows = await items().findMany({ orderBy, select: ['label'] });
        expect(
          rows.map((row) => row.label),
          `${sortCase.field} ${direction}`,
        ).toEqual(expectedOrder(sortCase, direction));
      }
    });
  }

  it('sorts text by code point: "B" < "a" < "ä", and "ｚ" (U+FF5A) < "😀" (U+1F600)', async () => {
    const words = ['ä', 'a', 'B', '😀', 'ｚ'];
    await items().createMany(words.map((word, index) => ({ id: fixedId(index + 1), label: word })));
    const ascending = await items().findMany({ orderBy: { label: 'asc' }, select: ['label'] });
    expect(ascending.map((row) => row.label)).toEqual(['B', 'a', 'ä', 'ｚ', '😀']);
    const descending = await items().findMany({ orderBy: { label: 'desc' }, select: ['label'] });
    expect(descending.map((row) => row.label)).toEqual(['😀', 'ｚ', 'ä', 'a', 'B']);
  });

  it('sorts an enumeration as text, not in declaration order', async () => {
    await items().createMany([
      { id: fixedId(1), label: 'l', priority: 'low' },
      { id: fixedId(2), label: 'm', priority: 'medium' },
      { id: fixedId(3), label: 'h', priority: 'high' },
    ]);
    const rows = await items().findMany({ orderBy: { priority: 'asc' }, select: ['priority'] });
    expect(rows.map((row) => row.priority)).toEqual(['high', 'low', 'medium']);
  });

  it('breaks ties by primary key ascending in both directions', async () => {
    const ids = [5, 2, 9, 1, 7];
    await items().createMany(ids.map((n) => ({ id: fixedId(n), label: `t${n}`, rank: n === 7 ? 8 : 7 })));
    const ascending = await items().findMany({ orderBy: { rank: 'asc' }, select: ['label'] });
    expect(ascending.map((row) => row.label)).toEqual(['t1', 't2', 't5', 't9', 't7']);
    const descending = await items().findMany({ orderBy: { rank: 'desc' }, select: ['label'] });
    expect(descending.map((row) => row.label)).toEqual(['t7', 't1', 't2', 't5', 't9']);
    const explicit = await items().findMany({ orderBy: [{ rank: 'asc' }, { id: 'desc' }], select: ['label'] });
    expect(explicit.map((row) => row.label)).toEqual(['t9', 't5', 't2', 't1', 't7']);
  });

  it('applies several sort keys in priority order', async () => {
    await items().createMany([
      { id: fixedId(1), label: 'a', priority: 'low', rank: 1 },
      { id: fixedId(2), label: 'b', priority: 'high', rank: 1 },
      { id: fixedId(3), label: 'c', priority: 'low', rank: 3 },
      { id: fixedId(4), label: 'd', priority: null, rank: 2 },
      { id: fixedId(5), label: 'e', priority: 'high', rank: null },
    ]);
    const rows = await items().findMany({ orderBy: [{ priority: 'asc' }, { rank: 'desc' }], select: ['label'] });
    expect(rows.map((row) => row.label)).toEqual(['d', 'b', 'e', 'c', 'a']);
    const limited = await items().findMany({ orderBy: [{ priority: 'desc' }, { rank: 'asc' }], limit: 3 });
    expect(limited.map((row) => row.label)).toEqual(['a', 'c', 'e']);
  });

  it('breaks ties by every column of a composite primary key', async () => {
    const members = context.db().repos.membership;
    const keys: [number, number][] = [
      [2, 1],
      [1, 2],
      [2, 0],
      [1, 1],
    ];
    await members.createMany(keys.map(([g, u]) => ({ groupId: fixedId(g), userId: fixedId(u), role: 'member' })));
    const rows = await members.findMany({ orderBy: { role: 'desc' } });
    expect(rows.map((row) => [row.groupId, row.userId])).toEqual([
      [fixedId(1), fixedId(1)],
      [fixedId(1), fixedId(2)],
      [fixedId(2), fixedId(0)],
      [fixedId(2), fixedId(1)],
    ]);
  });
}
