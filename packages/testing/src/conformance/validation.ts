// Input the repository must refuse with a QueryError naming table and field, before anything
// reaches the database, and without writing anything.
import { DatabaseClosedError, defineTable, id, QueryError, text } from '@strata/core';
import { beforeEach, expect } from 'vitest';
import { type ConformanceContext, caught, expectQueryError, fixedId } from './harness.js';

const ITEM = 'conformance_item';

/** Values each field must refuse, with what makes them wrong. */
const WRONG_VALUES: readonly [field: string, value: unknown, why: string][] = [
  ['rank', '1', 'a string for an integer'],
  ['rank', 1.5, 'a fraction for an integer'],
  ['rank', Number.NaN, 'NaN'],
  ['rank', Number.POSITIVE_INFINITY, 'Infinity'],
  ['rank', 2 ** 31, 'beyond 32 bits'],
  ['rank', -(2 ** 31) - 1, 'below 32 bits'],
  ['rank', 1n, 'a bigint for an integer'],
  ['size', 1, 'a number for a bigint'],
  ['size', '1', 'a string for a bigint'],
  ['size', 2n ** 63n, 'beyond 64 bits'],
  ['size', -(2n ** 63n) - 1n, 'below 64 bits'],
  ['score', Number.NaN, 'NaN'],
  ['score', Number.POSITIVE_INFINITY, 'Infinity'],
  ['score', Number.NEGATIVE_INFINITY, '-Infinity'],
  ['score', '1.5', 'a string for a double'],
  ['active', 1, 'a number for a boolean'],
  ['active', 'true', 'a string for a boolean'],
  ['at', new Date(Number.NaN), 'an invalid Date'],
  ['at', '2024-01-01T00:00:00.000Z', 'an ISO string for a timestamp'],
  ['at', 1_700_000_000_000, 'a number for a timestamp'],
  ['day', '2024-1-5', 'a date without zero padding'],
  ['day', '2024-02-30', 'a day that does not exist'],
  ['day', '01/02/2024', 'a non-ISO date'],
  ['day', '2024-01-01T00:00:00Z', 'a timestamp for a date'],
  ['day', '', 'an empty date'],
  ['day', new Date(0), 'a Date for a date'],
  ['priority', 'urgent', 'a value outside the enumeration'],
  ['priority', 'LOW', 'an enumeration value in the wrong case'],
  ['code', '123456789', 'nine characters in varchar(8)'],
  ['code', 'äöüäöüäöü', 'nine non-ASCII characters in varchar(8)'],
  ['note', 'a\u0000b', 'a NUL character'],
  ['note', 'lone \ud800 surrogate', 'a lone high surrogate'],
  ['note', 'x\udc00', 'a lone low surrogate'],
  ['note', 5, 'a number for text'],
  ['ref', 'not-a-uuid', 'a malformed UUID'],
  ['ref', '0190a5d0ac96774bbcceb302099a8057', 'a UUID without dashes'],
  ['data', { when: new Date(0) }, 'a Date inside JSON'],
  ['data', { n: Number.NaN }, 'NaN inside JSON'],
  ['data', { big: 1n }, 'a bigint inside JSON'],
  ['data', { text: 'a\u0000' }, 'a NUL character inside JSON'],
  ['data', { 'key \ud800': 1 }, 'a lone surrogate in a JSON key'],
  ['data', new Map([['a', 1]]), 'a Map for JSON'],
  ['label', null, 'null in a required field'],
];

const circular = (): unknown => {
  const value: Record<string, unknown> = {};
  value.self = value;
  return value;
};

export function defineValidationTests(context: ConformanceContext): void {
  const { it } = context;
  const items = () => context.db().repos.item;
  const untyped = (value: unknown) => value as never;

  beforeEach(async () => {
    if (context.skip === undefined) await items().create({ id: fixedId(1), label: 'existing', rank: 1 });
  });

  /** The one seeded row, unchanged, and nothing else. */
  const expectUntouched = async () => {
    expect(await items().findMany()).toEqual([expect.objectContaining({ id: fixedId(1), label: 'existing', rank: 1 })]);
  };

  it('refuses an unknown field in every filter, write, sort and selection', async () => {
    const field = { table: ITEM, field: 'nope' };
    const where = untyped({ nope: 1 });
    await expectQueryError(() => items().findMany({ where }), field);
    await expectQueryError(() => items().findOne(where), field);
    await expectQueryError(() => items().count(where), field);
    await expectQueryError(() => items().exists(where), field);
    await expectQueryError(() => items().paginate({ where }), field);
    await expectQueryError(() => items().findPage({ where, limit: 1 }), field);
    await expectQueryError(() => items().updateMany(where, { note: 'x' }), field);
    await expectQueryError(() => items().deleteMany(where), field);
    await expectQueryError(() => items().findMany({ where: untyped({ or: [{ label: 'a' }, { nope: 1 }] }) }), field);
    await expectQueryError(() => items().findMany({ where: untyped({ not: { nope: 1 } }) }), field);
    await expectQueryError(() => items().findBy(untyped('nope'), untyped(1)), field);
    await expectQueryError(() => items().create(untyped({ label: 'x', nope: 1 })), field);
    await expectQueryError(() => items().createMany([{ label: 'ok' }, untyped({ label: 'x', nope: 1 })]), field);
    await expectQueryError(() => items().update(fixedId(1), untyped({ nope: 1 })), field);
    await expectQueryError(() => items().updateMany({}, untyped({ nope: 1 })), field);
    await expectQueryError(
      () => items().upsert({ target: untyped(['nope']), create: { label: 'x' }, update: {} }),
      field,
    );
    await expectQueryError(
      () => items().upsert({ target: ['id'], create: untyped({ label: 'x', nope: 1 }), update: {} }),
      field,
    );
    await expectQueryError(
      () => items().upsert({ target: ['id'], create: { id: fixedId(1), label: 'x' }, update: untyped({ nope: 1 }) }),
      field,
    );
    await expectQueryError(() => items().findMany({ orderBy: untyped({ nope: 'asc' }) }), field);
    await expectQueryError(() => items().findMany({ orderBy: untyped([{ label: 'asc' }, { nope: 'desc' }]) }), field);
    await expectQueryError(() => items().paginate({ orderBy: untyped({ nope: 'asc' }) }), field);
    await expectQueryError(() => items().findPage({ orderBy: untyped({ nope: 'asc' }), limit: 1 }), field);
    await expectQueryError(() => items().findMany({ select: untyped(['label', 'nope']) }), field);
    await expectUntouched();
  });

  it('treats __proto__, constructor and other inherited names as unknown fields', async () => {
    for (const name of ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf']) {
      const field = { table: ITEM, field: name };
      const record = JSON.parse(`{"${name}": {"label": "hacked"}}`);
      await expectQueryError(() => items().findMany({ where: record }), field);
      await expectQueryError(() => items().count(JSON.parse(`{"${name}": "x"}`)), field);
      await expectQueryError(() => items().create({ label: 'x', ...record }), field);
      await expectQueryError(() => items().create(JSON.parse(`{"label": "x", "${name}": {"rank": 5}}`)), field);
      await expectQueryError(() => items().update(fixedId(1), record), field);
      await expectQueryError(() => items().findMany({ orderBy: JSON.parse(`{"${name}": "asc"}`) }), field);
      await expectQueryError(() => items().findMany({ select: untyped([name]) }), field);
      await expectQueryError(() => items().findBy(untyped(name), untyped('x')), field);
    }
    expect(({} as Record<string, unknown>).label).toBeUndefined();
    expect(({} as Record<string, unknown>).rank).toBeUndefined();
    await expectUntouched();
  });

  it('refuses unknown operators and operators that do not apply to the field', async () => {
    const refusals: [string, unknown][] = [
      ['rank', { rank: { like: 'x' } }],
      ['rank', { rank: { contains: '1' } }],
      ['rank', { rank: { in: 1 } }],
      ['rank', { rank: { in: [1, 'x'] } }],
      ['rank', { rank: { in: [null] } }],
      ['rank', { rank: { notIn: [1.5] } }],
      ['active', { active: { gt: true } }],
      ['active', { active: { startsWith: 't' } }],
      ['data', { data: { gt: 1 } }],
      ['data', { data: { eq: { a: 1 } } }],
      ['data', { data: { a: 1 } }],
      ['data', { data: 'text' }],
      ['note', { note: { contains: 1 } }],
      ['note', { note: { isNull: 'yes' } }],
      ['note', { note: { contains: 'a', ignoreCase: 'yes' } }],
      ['note', { note: { contains: 'a\u0000' } }],
      ['note', { note: { startsWith: '\ud800' } }],
      ['note', { note: { endsWith: 'x\udfff' } }],
      ['note', { note: ['a'] }],
    ];
    for (const [field, where] of refusals) {
      await expectQueryError(() => items().findMany({ where: untyped(where) }), { table: ITEM, field });
      await expectQueryError(() => items().deleteMany(untyped(where)), { table: ITEM, field });
    }
    await expectUntouched();
  });

  it('refuses malformed filters: not an object, a combinator without an array, nesting too deep', async () => {
    const table = { table: ITEM };
    await expectQueryError(() => items().findMany({ where: untyped('label') }), table);
    await expectQueryError(() => items().findMany({ where: untyped([{ label: 'a' }]) }), table);
    await expectQueryError(() => items().findMany({ where: untyped({ or: { label: 'a' } }) }), table);
    await expectQueryError(() => items().findMany({ where: untyped({ and: 'x' }) }), table);
    await expectQueryError(() => items().findMany({ where: untyped({ or: ['x'] }) }), table);
    let deep: unknown = { label: 'a' };
    for (let i = 0; i < 40; i++) deep = { not: deep };
    await expectQueryError(() => items().count(untyped(deep)), table);
    let fine: unknown = { label: 'existing' };
    for (let i = 0; i < 10; i++) fine = { not: { not: fine } };
    expect(await items().count(untyped(fine))).toBe(1);
  });

  it('refuses values of the wrong kind in create, createMany, update and upsert, writing nothing', async () => {
    for (const [field, value, why] of [...WRONG_VALUES, ['data', circular(), 'a circular object'] as const]) {
      const expected = { table: ITEM, field };
      const values = untyped({ label: 'new', [field]: value });
      const error = await expectQueryError(() => items().create(values), expected);
      expect(error.message, why).not.toContain('undefined');
      await expectQueryError(() => items().createMany([{ label: 'fine' }, values]), expected);
      await expectQueryError(() => items().update(fixedId(1), untyped({ [field]: value })), expected);
      await expectQueryError(() => items().updateMany({}, untyped({ [field]: value })), expected);
      await expectQueryError(() => items().upsert({ target: ['id'], create: values, update: { note: 'x' } }), expected);
      await expectQueryError(
        () => items().upsert({ target: ['id'], create: { id: fixedId(1), label: 'x' }, update: values }),
        expected,
      );
    }
    await expectUntouched();
  });

  it('refuses filter values of the wrong kind', async () => {
    const refusals: [string, unknown][] = [
      ['rank', { rank: '1' }],
      ['rank', { rank: 1.5 }],
      ['rank', { rank: { gt: Number.NaN } }],
      ['score', { score: Number.NaN }],
      ['score', { score: { lt: Number.POSITIVE_INFINITY } }],
      ['size', { size: 1 }],
      ['size', { size: { gte: 2n ** 63n } }],
      ['active', { active: 'true' }],
      ['at', { at: new Date(Number.NaN) }],
      ['at', { at: { lt: '2024-01-01' } }],
      ['day', { day: { gte: '2024-13-01' } }],
      ['day', { day: '2024-02-30' }],
      ['priority', { priority: 'urgent' }],
      ['priority', { priority: { in: ['low', 'urgent'] } }],
      ['note', { note: 'x\u0000' }],
      ['note', { note: { ne: '\ud800' } }],
      ['ref', { ref: 'nope' }],
      ['id', { id: 'nope' }],
      ['id', { id: { in: [fixedId(1), 'nope'] } }],
    ];
    for (const [field, where] of refusals) {
      await expectQueryError(() => items().findMany({ where: untyped(where) }), { table: ITEM, field });
      await expectQueryError(() => items().updateMany(untyped(where), { note: 'x' }), { table: ITEM, field });
    }
    await expectUntouched();
  });

  it('refuses an id that is not a UUID in findById, update, delete, restore and hardDelete', async () => {
    const expected = { table: ITEM, field: 'id' };
    await expectQueryError(() => items().findById('1'), expected);
    await expectQueryError(() => items().findById(untyped(1)), expected);
    await expectQueryError(() => items().update('not-a-uuid', { note: 'x' }), expected);
    await expectQueryError(() => items().delete(''), expected);
    await expectQueryError(() => items().hardDelete(untyped(null)), expected);
    await expectQueryError(() => context.db().repos.doc.restore('nope'), { table: 'conformance_doc', field: 'id' });
    await expectQueryError(() => items().create({ id: 'nope', label: 'x' }), expected);
    await expectUntouched();
  });

  it('refuses limits, offsets, pages and page sizes that are not whole numbers in range', async () => {
    const table = { table: ITEM, field: null };
    for (const limit of [-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      await expectQueryError(() => items().findMany({ limit }), table);
      await expectQueryError(() => items().findPage({ limit }), table);
    }
    for (const offset of [-1, 0.5]) await expectQueryError(() => items().findMany({ offset }), table);
    for (const page of [0, -1, 1.5]) await expectQueryError(() => items().paginate({ page }), table);
    for (const pageSize of [0, -5, 2.5]) await expectQueryError(() => items().paginate({ pageSize }), table);
  });

  it('refuses bad sort directions, sorting by JSON, and empty or malformed selections', async () => {
    await expectQueryError(() => items().findMany({ orderBy: untyped({ label: 'up' }) }), {
      table: ITEM,
      field: 'label',
    });
    await expectQueryError(() => items().findMany({ orderBy: untyped({ data: 'asc' }) }), {
      table: ITEM,
      field: 'data',
    });
    await expectQueryError(() => items().findMany({ orderBy: untyped('label') }), { table: ITEM });
    await expectQueryError(() => items().findMany({ orderBy: untyped([['label', 'asc']]) }), { table: ITEM });
    await expectQueryError(() => items().findMany({ select: [] }), { table: ITEM });
    await expectQueryError(() => items().findMany({ select: untyped('label') }), { table: ITEM });
  });

  it('refuses malformed writes: not an object, not an array, an empty upsert target', async () => {
    const table = { table: ITEM };
    await expectQueryError(() => items().create(untyped(null)), table);
    await expectQueryError(() => items().create(untyped([{ label: 'x' }])), table);
    await expectQueryError(() => items().createMany(untyped({ label: 'x' })), table);
    await expectQueryError(() => items().createMany([{ label: 'x' }, untyped('row')]), table);
    await expectQueryError(() => items().update(fixedId(1), untyped('patch')), table);
    await expectQueryError(() => items().updateMany({}, untyped(null)), table);
    await expectQueryError(() => items().upsert({ target: [], create: { label: 'x' }, update: {} }), table);
    await expectQueryError(() => items().upsert(untyped({ target: 'id', create: { label: 'x' }, update: {} })), table);
    await expectUntouched();
  });

  it('refuses a table of another schema, restore without soft deletes, and id lookups on a composite key', async () => {
    const stranger = defineTable('conformance_stranger', { id: id(), name: text() });
    await expectQueryError(() => context.db().repo(untyped(stranger)), { table: 'conformance_stranger' });
    await expectQueryError(() => items().restore(fixedId(1)), { table: ITEM });
    const members = context.db().repos.membership;
    const table = { table: 'conformance_membership' };
    await expectQueryError(() => members.findById(untyped(fixedId(1))), table);
    await expectQueryError(() => members.update(untyped(fixedId(1)), { role: 'x' }), table);
    await expectQueryError(() => members.delete(untyped(fixedId(1))), table);
    await expectQueryError(() => members.hardDelete(untyped(fixedId(1))), table);
    await expectUntouched();
  });

  it('reports every refusal as a rejected promise, never as a synchronous throw', async () => {
    const bad = untyped({ nope: 1 });
    const calls: [string, () => Promise<unknown>][] = [
      ['findById', () => items().findById('x')],
      ['findOne', () => items().findOne(bad)],
      ['findBy', () => items().findBy(untyped('nope'), untyped(1))],
      ['findMany', () => items().findMany({ where: bad })],
      ['findPage', () => items().findPage({ where: bad, limit: 1 })],
      ['paginate', () => items().paginate({ where: bad })],
      ['count', () => items().count(bad)],
      ['exists', () => items().exists(bad)],
      ['create', () => items().create(bad)],
      ['createMany', () => items().createMany([bad])],
      ['update', () => items().update(fixedId(1), bad)],
      ['updateMany', () => items().updateMany(bad, {})],
      ['upsert', () => items().upsert({ target: ['id'], create: bad, update: {} })],
      ['delete', () => items().delete('x')],
      ['deleteMany', () => items().deleteMany(bad)],
      ['restore', () => context.db().repos.doc.restore('x')],
      ['hardDelete', () => items().hardDelete('x')],
    ];
    const synchronous: string[] = [];
    for (const [name, call] of calls) {
      let promise: Promise<unknown> | undefined;
      try {
        promise = call();
      } catch {
        synchronous.push(name);
        continue;
      }
      await expect(promise, name).rejects.toBeInstanceOf(QueryError);
    }
    expect(synchronous, 'methods that threw instead of returning a rejected promise').toEqual([]);
  });

  context.itWithTransaction('a refused query inside a transaction leaves the transaction usable', async () => {
    await context.db().transaction(async (tx) => {
      await tx.repos.item.create({ id: fixedId(2), label: 'before' });
      await expectQueryError(() => tx.repos.item.create(untyped({ label: 'x', rank: 'one' })), {
        table: ITEM,
        field: 'rank',
      });
      await expectQueryError(() => tx.repos.item.findMany({ where: untyped({ nope: 1 }) }), {
        table: ITEM,
        field: 'nope',
      });
      await tx.repos.item.create({ id: fixedId(3), label: 'after' });
    });
    expect((await items().findMany()).map((row) => row.label)).toEqual(['existing', 'before', 'after']);
  });

  it('validates before reaching the database: a closed database still answers with QueryError', async () => {
    const extra = await context.openExtra();
    await extra.close();
    await expectQueryError(() => extra.repos.item.findMany({ where: untyped({ nope: 1 }) }), {
      table: ITEM,
      field: 'nope',
    });
    await expectQueryError(() => extra.repos.item.create(untyped({ label: 'x', rank: 1.5 })), {
      table: ITEM,
      field: 'rank',
    });
    const closed = await caught(() => extra.repos.item.findMany());
    expect(closed).toBeInstanceOf(DatabaseClosedError);
  });
}
