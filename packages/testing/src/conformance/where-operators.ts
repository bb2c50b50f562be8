// Every where operator on each column kind it applies to, with SQL null semantics, text matching
// that treats `%`, `_`, quotes and backslashes literally, and ASCII-only case folding.
import type { NewRow, Where } from '@strata/core';
import { beforeEach, expect } from 'vitest';
import { type ConformanceContext, expectQueryError, fixedId, plain } from './harness.js';
import type { item } from './schema.js';

type ItemWhere = Where<typeof item>;

/** Rows for text matching: label → note. */
const NOTES: readonly [string, string | null][] = [
  ['pct', '100% sure'],
  ['nopct', '100 percent'],
  ['under', 'a_b'],
  ['nounder', 'axb'],
  ['squote', "it's"],
  ['dquote', 'say "hi"'],
  ['bslash', 'back\\slash'],
  ['path', 'C:\\dir\\'],
  ['accents', 'naïve café'],
  ['cjk', '日本語テキスト'],
  ['emoji', '😀 smile'],
  ['empty', ''],
  ['Aumlaut', 'Ärger'],
  ['aumlaut', 'ärger'],
  ['ABC', 'ABC'],
  ['abc', 'abc'],
  ['mixed', 'MiXeD Case'],
  ['nullnote', null],
];

const TEXT_LABELS = NOTES.map(([label]) => label);
const NON_NULL_NOTES = NOTES.filter(([, note]) => note !== null).map(([label]) => label);

const U = (n: number) => `${n}0000000-0000-4000-8000-000000000000`;
const T = (iso: string) => new Date(iso);

/** Rows with a value in every kind (v6: all null). */
const VALUE_ROWS: NewRow<typeof item>[] = [
  {
    label: 'v1',
    rank: 1,
    size: 0n,
    score: 0.5,
    active: true,
    at: T('2020-01-01T00:00:00.000Z'),
    day: '2020-01-01',
    priority: 'low',
    ref: U(1),
    data: { tags: ['a'] },
    code: 'v-one',
  },
  {
    label: 'v2',
    rank: 2,
    size: 9_007_199_254_740_992n,
    score: 0.1 + 0.2,
    active: false,
    at: T('2020-01-01T00:00:00.001Z'),
    day: '2020-02-29',
    priority: 'medium',
    ref: U(2),
    data: null,
    code: 'v-two',
  },
  {
    label: 'v3',
    rank: 3,
    size: 9_007_199_254_740_993n,
    score: -1.5,
    active: null,
    at: T('1969-12-31T23:59:59.999Z'),
    day: '1969-07-20',
    priority: 'high',
    ref: U(3),
    data: { tags: [] },
    code: 'V-THREE',
  },
  {
    label: 'v4',
    rank: -2_147_483_648,
    size: -(2n ** 63n),
    score: 1e300,
    active: true,
    at: T('9999-12-31T23:59:59.999Z'),
    day: '9999-12-31',
    priority: 'low',
    ref: null,
    data: null,
  },
  {
    label: 'v5',
    rank: 2_147_483_647,
    size: 2n ** 63n - 1n,
    score: 0.3,
    active: false,
    at: null,
    day: null,
    priority: null,
    ref: U(5),
    data: { tags: ['b'] },
  },
  { label: 'v6' },
];

const ALL_LABELS = [...TEXT_LABELS, ...VALUE_ROWS.map((row) => row.label)];

export function defineWhereTests(context: ConformanceContext): void {
  const { it } = context;
  const items = () => context.db().repos.item;

  /** The labels of the matching rows, in id (that is, insertion) order. */
  const find = async (where: ItemWhere) =>
    (await items().findMany({ where, select: ['label'] })).map((row) => row.label);
  /** Asserts that `where` matches exactly these labels (in insertion order), and counts them. */
  const expectMatch = async (where: ItemWhere, labels: readonly string[]) => {
    const ordered = ALL_LABELS.filter((label) => labels.includes(label));
    expect(ordered, `labels missing from the seed: ${labels.join(', ')}`).toHaveLength(labels.length);
    expect(await find(where), JSON.stringify(plain(where))).toEqual(ordered);
    expect(await items().count(where), `count ${JSON.stringify(plain(where))}`).toBe(labels.length);
  };

  beforeEach(async () => {
    if (context.skip !== undefined) return;
    await items().createMany([
      ...NOTES.map(([label, note], index) => ({ id: fixedId(index + 1), label, note })),
      ...VALUE_ROWS.map((row, index) => ({ ...row, id: fixedId(100 + index) })),
    ]);
  });

  it('matches equality by shorthand and by eq, on every kind', async () => {
    await expectMatch({ rank: 2 }, ['v2']);
    await expectMatch({ rank: { eq: 2 } }, ['v2']);
    await expectMatch({ label: 'v3' }, ['v3']);
    await expectMatch({ code: 'v-one' }, ['v1']);
    await expectMatch({ size: 9_007_199_254_740_993n }, ['v3']);
    await expectMatch({ size: { eq: 9_007_199_254_740_992n } }, ['v2']);
    await expectMatch({ score: 0.1 + 0.2 }, ['v2']);
    await expectMatch({ score: 0.3 }, ['v5']);
    await expectMatch({ active: true }, ['v1', 'v4']);
    await expectMatch({ active: false }, ['v2', 'v5']);
    await expectMatch({ at: T('2020-01-01T00:00:00.001Z') }, ['v2']);
    await expectMatch({ at: { eq: T('1969-12-31T23:59:59.999Z') } }, ['v3']);
    await expectMatch({ day: '2020-02-29' }, ['v2']);
    await expectMatch({ priority: 'low' }, ['v1', 'v4']);
    await expectMatch({ ref: U(2) }, ['v2']);
    await expectMatch({ id: fixedId(101) }, ['v2']);
    await expectMatch({ note: 'abc' }, ['abc']);
    await expectMatch({ note: '' }, ['empty']);
  });

  it('follows SQL null semantics: eq null, ne null, isNull, and ne value excludes nulls', async () => {
    const nullRank = [...TEXT_LABELS, 'v6'];
    await expectMatch({ rank: null }, nullRank);
    await expectMatch({ rank: { eq: null } }, nullRank);
    await expectMatch({ rank: { isNull: true } }, nullRank);
    await expectMatch({ rank: { ne: null } }, ['v1', 'v2', 'v3', 'v4', 'v5']);
    await expectMatch({ rank: { isNull: false } }, ['v1', 'v2', 'v3', 'v4', 'v5']);
    await expectMatch({ rank: { ne: 2 } }, ['v1', 'v3', 'v4', 'v5']);
    await expectMatch({ active: { ne: true } }, ['v2', 'v5']);
    await expectMatch(
      { note: { ne: '' } },
      NON_NULL_NOTES.filter((label) => label !== 'empty'),
    );
    await expectMatch({ note: null }, ['nullnote', ...VALUE_ROWS.map((row) => row.label)]);
    await expectMatch({ data: null }, [...TEXT_LABELS, 'v2', 'v4', 'v6']);
    await expectMatch({ data: { isNull: false } }, ['v1', 'v3', 'v5']);
    await expectMatch({ data: { isNull: true } }, [...TEXT_LABELS, 'v2', 'v4', 'v6']);
  });

  it('compares integers, 64-bit integers and doubles with gt, gte, lt and lte', async () => {
    await expectMatch({ rank: { gt: 2 } }, ['v3', 'v5']);
    await expectMatch({ rank: { gte: 2 } }, ['v2', 'v3', 'v5']);
    await expectMatch({ rank: { lt: 2 } }, ['v1', 'v4']);
    await expectMatch({ rank: { lte: 1 } }, ['v1', 'v4']);
    await expectMatch({ rank: { gte: 1, lte: 3 } }, ['v1', 'v2', 'v3']);
    await expectMatch({ size: { gt: 2n ** 53n } }, ['v3', 'v5']);
    await expectMatch({ size: { gte: 2n ** 53n } }, ['v2', 'v3', 'v5']);
    await expectMatch({ size: { lt: 0n } }, ['v4']);
    await expectMatch({ size: { lte: -(2n ** 63n) } }, ['v4']);
    await expectMatch({ size: { gte: 2n ** 63n - 1n } }, ['v5']);
    await expectMatch({ score: { lt: 0.3 } }, ['v3']);
    await expectMatch({ score: { lte: 0.3 } }, ['v3', 'v5']);
    await expectMatch({ score: { gt: 0.3 } }, ['v1', 'v2', 'v4']);
    await expectMatch({ score: { gt: 1e299 } }, ['v4']);
  });

  it('compares timestamps to the millisecond, before 1970 too', async () => {
    await expectMatch({ at: { gt: T('2020-01-01T00:00:00.000Z') } }, ['v2', 'v4']);
    await expectMatch({ at: { gte: T('2020-01-01T00:00:00.000Z') } }, ['v1', 'v2', 'v4']);
    await expectMatch({ at: { lt: new Date(0) } }, ['v3']);
    await expectMatch({ at: { lte: T('2020-01-01T00:00:00.000Z') } }, ['v1', 'v3']);
    await expectMatch({ at: { ne: T('2020-01-01T00:00:00.000Z') } }, ['v2', 'v3', 'v4']);
    await expectMatch({ at: { in: [T('2020-01-01T00:00:00.000Z'), T('1969-12-31T23:59:59.999Z')] } }, ['v1', 'v3']);
  });

  it('compares dates with gt, gte, lt and lte', async () => {
    await expectMatch({ day: { gt: '2020-01-01' } }, ['v2', 'v4']);
    await expectMatch({ day: { gte: '2020-01-01' } }, ['v1', 'v2', 'v4']);
    await expectMatch({ day: { lt: '2000-01-01' } }, ['v3']);
    await expectMatch({ day: { lte: '2020-02-29' } }, ['v1', 'v2', 'v3']);
  });

  it('compares text, enumerations and UUIDs by code point', async () => {
    await expectMatch({ code: { gt: 'v' } }, ['v1', 'v2']);
    await expectMatch({ code: { lt: 'v' } }, ['v3']);
    await expectMatch({ note: { gte: 'ä' } }, ['aumlaut', 'cjk', 'emoji']);
    await expectMatch({ note: { gt: 'Z', lt: 'b' } }, ['under', 'nounder', 'abc']);
    await expectMatch({ priority: { gt: 'low' } }, ['v2']);
    await expectMatch({ priority: { lte: 'low' } }, ['v1', 'v3', 'v4']);
    await expectMatch({ ref: { gt: U(2) } }, ['v3', 'v5']);
    await expectMatch({ ref: { lte: U(2) } }, ['v1', 'v2']);
    await expectMatch({ id: { gte: fixedId(104) } }, ['v5', 'v6']);
  });

  it('matches in and notIn lists, and empty lists', async () => {
    await expectMatch({ rank: { in: [1, 3, 99] } }, ['v1', 'v3']);
    await expectMatch({ rank: { notIn: [1, 3] } }, ['v2', 'v4', 'v5']);
    await expectMatch({ size: { in: [2n ** 53n, -(2n ** 63n)] } }, ['v2', 'v4']);
    await expectMatch({ score: { in: [0.3, 0.5] } }, ['v1', 'v5']);
    await expectMatch({ active: { in: [false] } }, ['v2', 'v5']);
    await expectMatch({ day: { in: ['2020-01-01', '9999-12-31'] } }, ['v1', 'v4']);
    await expectMatch({ priority: { in: ['medium', 'high'] } }, ['v2', 'v3']);
    await expectMatch({ priority: { notIn: ['low'] } }, ['v2', 'v3']);
    await expectMatch({ ref: { in: [U(1), U(3)] } }, ['v1', 'v3']);
    await expectMatch({ id: { in: [fixedId(1), fixedId(105)] } }, ['pct', 'v6']);
    await expectMatch({ label: { notIn: TEXT_LABELS } }, ['v1', 'v2', 'v3', 'v4', 'v5', 'v6']);
    await expectMatch({ rank: { in: [] } }, []);
    await expectMatch({ rank: { notIn: [] } }, ALL_LABELS);
  });

  it('matches contains, startsWith and endsWith with % and _ as ordinary characters', async () => {
    await expectMatch({ note: { contains: '%' } }, ['pct']);
    await expectMatch({ note: { contains: '0%' } }, ['pct']);
    await expectMatch({ note: { contains: '100' } }, ['pct', 'nopct']);
    await expectMatch({ note: { startsWith: '100%' } }, ['pct']);
    await expectMatch({ note: { endsWith: '% sure' } }, ['pct']);
    await expectMatch({ note: { contains: '_' } }, ['under']);
    await expectMatch({ note: { startsWith: 'a_' } }, ['under']);
    await expectMatch({ note: { endsWith: '_b' } }, ['under']);
    await expectMatch({ note: { contains: '%_' } }, []);
  });

  it('matches quotes, backslashes and unicode literally', async () => {
    await expectMatch({ note: { contains: "'" } }, ['squote']);
    await expectMatch({ note: { endsWith: "'s" } }, ['squote']);
    await expectMatch({ note: { contains: '"hi"' } }, ['dquote']);
    await expectMatch({ note: { contains: '\\' } }, ['bslash', 'path']);
    await expectMatch({ note: { contains: '\\s' } }, ['bslash']);
    await expectMatch({ note: { startsWith: 'C:\\' } }, ['path']);
    await expectMatch({ note: { endsWith: '\\' } }, ['path']);
    await expectMatch({ note: { contains: 'é' } }, ['accents']);
    await expectMatch({ note: { contains: 'ï' } }, ['accents']);
    await expectMatch({ note: { startsWith: '日本' } }, ['cjk']);
    await expectMatch({ note: { endsWith: 'テキスト' } }, ['cjk']);
    await expectMatch({ note: { contains: '語テ' } }, ['cjk']);
    await expectMatch({ note: { startsWith: '😀' } }, ['emoji']);
    await expectMatch({ note: { contains: '😀 s' } }, ['emoji']);
  });

  it('matches the empty string as a prefix, suffix and part of every non-null text', async () => {
    await expectMatch({ note: { contains: '' } }, NON_NULL_NOTES);
    await expectMatch({ note: { startsWith: '' } }, NON_NULL_NOTES);
    await expectMatch({ note: { endsWith: '' } }, NON_NULL_NOTES);
    await expectMatch({ note: { contains: '', ignoreCase: true } }, NON_NULL_NOTES);
  });

  it('ignores the case of ASCII letters only, the same on every engine', async () => {
    await expectMatch({ note: { contains: 'abc' } }, ['abc']);
    await expectMatch({ note: { contains: 'abc', ignoreCase: false } }, ['abc']);
    await expectMatch({ note: { contains: 'abc', ignoreCase: true } }, ['ABC', 'abc']);
    await expectMatch({ note: { startsWith: 'aB', ignoreCase: true } }, ['ABC', 'abc']);
    await expectMatch({ note: { endsWith: 'Bc', ignoreCase: true } }, ['ABC', 'abc']);
    await expectMatch({ note: { contains: 'mixed case', ignoreCase: true } }, ['mixed']);
    await expectMatch({ note: { contains: '100% SURE', ignoreCase: true } }, ['pct']);
    await expectMatch({ note: { startsWith: 'A_B', ignoreCase: true } }, ['under']);
    await expectMatch({ code: { startsWith: 'V-T', ignoreCase: true } }, ['v2', 'v3']);
    await expectMatch({ priority: { contains: 'IG', ignoreCase: true } }, ['v3']);
  });

  it('does not fold non-ASCII letters: Ä never matches ä, with or without ignoreCase', async () => {
    await expectMatch({ note: { contains: 'ärger', ignoreCase: true } }, ['aumlaut']);
    await expectMatch({ note: { contains: 'ÄRGER', ignoreCase: true } }, ['Aumlaut']);
    await expectMatch({ note: { startsWith: 'Ä', ignoreCase: true } }, ['Aumlaut']);
    await expectMatch({ note: { startsWith: 'ä', ignoreCase: true } }, ['aumlaut']);
    await expectMatch({ note: { endsWith: 'RGER', ignoreCase: true } }, ['Aumlaut', 'aumlaut']);
    await expectMatch({ note: { contains: 'NAÏVE', ignoreCase: true } }, []);
    await expectMatch({ note: { contains: 'CAFÉ', ignoreCase: true } }, []);
    await expectMatch({ note: { contains: 'Ä' } }, ['Aumlaut']);
  });

  it('refuses text operators on UUID, id and date columns (they are not free text)', async () => {
    const untyped = (where: unknown) => where as ItemWhere;
    await expectQueryError(() => items().findMany({ where: untyped({ ref: { startsWith: '10000000' } }) }), {
      table: 'conformance_item',
      field: 'ref',
    });
    await expectQueryError(() => items().findMany({ where: untyped({ id: { endsWith: '0065' } }) }), {
      table: 'conformance_item',
      field: 'id',
    });
    await expectQueryError(() => items().count(untyped({ day: { contains: '-07-' } })), {
      table: 'conformance_item',
      field: 'day',
    });
    // Dates still compare and sort as dates.
    await expectMatch({ day: { gte: '2020-01-01', lt: '2021-01-01' } }, ['v1', 'v2']);
  });

  it('combines filters with and, or and not, nested', async () => {
    await expectMatch({ or: [{ rank: 1 }, { rank: 3 }] }, ['v1', 'v3']);
    await expectMatch({ and: [{ rank: { gte: 1 } }, { active: true }] }, ['v1']);
    await expectMatch({ priority: 'low', active: true }, ['v1', 'v4']);
    await expectMatch({ rank: { gt: 0 }, or: [{ priority: 'high' }, { priority: null }] }, ['v3', 'v5']);
    await expectMatch(
      {
        label: { startsWith: 'v' },
        or: [{ and: [{ priority: 'low' }, { not: { active: false } }] }, { rank: { in: [3] } }],
      },
      ['v1', 'v3', 'v4'],
    );
    await expectMatch({ not: { or: [{ priority: 'low' }, { priority: 'high' }] } }, ['v2']);
    await expectMatch({ not: { not: { rank: 2 } } }, ['v2']);
    await expectMatch({ not: { rank: null } }, ['v1', 'v2', 'v3', 'v4', 'v5']);
    await expectMatch({ not: { note: { contains: 'a' } } }, [
      'pct',
      'nopct',
      'squote',
      'path',
      'cjk',
      'emoji',
      'empty',
      'Aumlaut',
      'aumlaut',
      'ABC',
    ]);
  });

  it('treats not like the negated comparison: rows where the field is null match neither', async () => {
    const positive = await find({ rank: 2 });
    const negated = await find({ not: { rank: 2 } });
    expect(negated).toEqual(await find({ rank: { ne: 2 } }));
    expect(positive.length + negated.length).toBe(await items().count({ rank: { ne: null } }));
  });

  it('treats empty and, or, not and undefined fields as "no condition" or "nothing"', async () => {
    await expectMatch({}, ALL_LABELS);
    await expectMatch({ and: [] }, ALL_LABELS);
    await expectMatch({ or: [] }, []);
    await expectMatch({ not: {} }, ALL_LABELS);
    await expectMatch({ or: [{}, { rank: 1 }] }, ALL_LABELS);
    await expectMatch({ rank: undefined }, ALL_LABELS);
    await expectMatch({ rank: { gt: undefined, lt: 2 } }, ['v1', 'v4']);
  });

  it('gives each call its own values when the same query shape repeats', async () => {
    expect(await find({ rank: { in: [1] } })).toEqual(['v1']);
    expect(await find({ rank: { in: [1, 2] } })).toEqual(['v1', 'v2']);
    expect(await find({ rank: { in: [3] } })).toEqual(['v3']);
    expect(await find({ rank: { in: [] } })).toEqual([]);
    expect(await find({ rank: { in: [2] } })).toEqual(['v2']);
    expect(await find({ note: { contains: 'abc', ignoreCase: true } })).toEqual(['ABC', 'abc']);
    expect(await find({ note: { contains: 'abc' } })).toEqual(['abc']);
    expect(await find({ note: { contains: 'ABC', ignoreCase: true } })).toEqual(['ABC', 'abc']);
    expect(await find({ rank: 2 })).toEqual(['v2']);
    expect(await find({ rank: null })).toHaveLength(TEXT_LABELS.length + 1);
    expect(await find({ rank: 3 })).toEqual(['v3']);
    expect(await find({ rank: { ne: 2 } })).toEqual(['v1', 'v3', 'v4', 'v5']);
    expect(await find({ rank: { eq: 2 } })).toEqual(['v2']);
    const first = await items().findMany({ where: { priority: 'low' }, select: ['label'], limit: 1 });
    const second = await items().findMany({ where: { priority: 'medium' }, select: ['rank'], limit: 5 });
    const third = await items().findMany({ where: { priority: 'low' }, select: ['label'], limit: 1, offset: 1 });
    expect(first).toEqual([{ label: 'v1' }]);
    expect(second).toEqual([{ rank: 2 }]);
    expect(third).toEqual([{ label: 'v4' }]);
    expect(await items().count({ priority: 'low' })).toBe(2);
    expect(await items().count({ priority: 'high' })).toBe(1);
  });
}
