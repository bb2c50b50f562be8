// Regressions found by the reliability fuzzer (reliability/fuzz.test.ts): untyped input that
// reached an engine as a syntax or protocol error, or crashed with a TypeError, instead of being
// refused with a QueryError naming the table.
import {
  type DatabaseAdapter,
  date,
  defineTable,
  id,
  inputSchema,
  integer,
  MAX_FILTER_VALUES,
  parseInput,
  QueryError,
  Repository,
  text,
  valueProblem,
} from '@strata/core';
import { describe, expect, it } from 'vitest';

const note = defineTable('note', { id: id(), n: integer(), title: text().notNull() });

/** An adapter that answers every read with no rows and records that a query got through. */
function recordingAdapter(maxParameters: number): DatabaseAdapter & { queries: number } {
  const adapter = {
    queries: 0,
    capabilities: { returning: true, transactionalDdl: true, concurrentTransactions: true, maxParameters },
    async findMany() {
      adapter.queries++;
      return [];
    },
    async findOne() {
      adapter.queries++;
      return undefined;
    },
    async count() {
      adapter.queries++;
      return 0;
    },
  };
  return adapter as unknown as DatabaseAdapter & { queries: number };
}

async function refusal(work: () => Promise<unknown>): Promise<QueryError> {
  const error = await work().then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(QueryError);
  expect((error as QueryError).table).toBe('note');
  return error as QueryError;
}

describe('hostile input is refused before it reaches the engine', () => {
  it('findPage needs a whole-number limit and a string cursor (was LIMIT NaN / a TypeError)', async () => {
    const adapter = recordingAdapter(32_766);
    const repo = new Repository(adapter, note);
    await refusal(() => repo.findPage({} as never));
    await refusal(() => repo.findPage({ limit: Number.NaN }));
    await refusal(() => repo.findPage({ limit: 1, after: 5 as never }));
    await refusal(() => repo.findPage({ limit: 1, after: { cursor: 'x' } as never }));
    expect(adapter.queries).toBe(0);
    await expect(repo.findPage({ limit: 1 })).resolves.toEqual({ items: [], nextCursor: null });
  });

  it('options that are not an object are a QueryError (was a TypeError)', async () => {
    const repo = new Repository(recordingAdapter(32_766), note);
    await refusal(() => repo.findMany(null as never));
    await refusal(() => repo.findMany('limit=1' as never));
    await refusal(() => repo.paginate(null as never));
    await refusal(() => repo.findPage(null as never));
    await refusal(() => repo.count({}, null as never));
    await refusal(() => repo.exists({}, [] as never));
  });

  it(`a filter binding more than ${MAX_FILTER_VALUES} values is refused on every engine alike`, async () => {
    // SQLite failed with "too many SQL variables"; PostgreSQL's 16-bit parameter count wrapped around.
    const adapter = recordingAdapter(65_535);
    const repo = new Repository(adapter, note);
    const values = (count: number) => Array.from({ length: count }, (_, i) => i);
    const error = await refusal(() => repo.findMany({ where: { n: { in: values(MAX_FILTER_VALUES + 1) } } }));
    expect(error.message).toContain(`at most ${MAX_FILTER_VALUES}`);
    await refusal(() => repo.count({ or: values(MAX_FILTER_VALUES + 1).map((n) => ({ n })) }));
    expect(adapter.queries).toBe(0);
    await repo.findMany({ where: { n: { notIn: values(MAX_FILTER_VALUES) } } });
    expect(adapter.queries).toBe(1);
    // An engine with fewer parameters refuses below the shared cap.
    const small = new Repository(recordingAdapter(1_000), note);
    await refusal(() => small.count({ n: { in: values(997) } }));
  });

  it("refuses year 0 in a date (JavaScript has it, PostgreSQL does not: 'date/time field value out of range')", () => {
    expect(valueProblem(date().config, '0000-01-01')).toMatch(/YYYY-MM-DD/);
    expect(valueProblem(date().config, '0001-01-01')).toBeUndefined();
    expect(valueProblem(date().config, '9999-12-31')).toBeUndefined();
  });
});

describe('parseInput: untyped input as typed values, or a QueryError', () => {
  it('returns the values typed, and throws a QueryError naming table and field otherwise', () => {
    const values = parseInput(note, 'create', JSON.parse('{"title":"Hello","n":1}'));
    expect(values).toEqual({ title: 'Hello', n: 1 });
    const cases: [unknown, 'create' | 'update', string | undefined, string][] = [
      [{}, 'create', 'title', 'table "note", field "title": is required'],
      [{ title: 1 }, 'create', 'title', 'table "note", field "title": expects a string, got a number'],
      [{ n: 'x' }, 'update', 'n', 'table "note", field "n": expects a 32-bit integer, got a string'],
      [{ title: 'a', nope: 1 }, 'create', 'nope', 'table "note", field "nope": unknown field "nope"'],
      ['text', 'create', undefined, 'table "note": create needs an object of field values'],
    ];
    for (const [input, mode, field, message] of cases) {
      const error = (() => {
        try {
          mode === 'create' ? parseInput(note, 'create', input) : parseInput(note, 'update', input);
        } catch (caught) {
          return caught;
        }
      })();
      expect(error).toBeInstanceOf(QueryError);
      expect(error).toMatchObject({ table: 'note', field, message });
    }
  });
});

describe('inputSchema: a zod validator derived from the table', () => {
  const messages = (input: unknown, mode: 'create' | 'update' = 'create') => {
    const result =
      mode === 'create' ? inputSchema(note, 'create').safeParse(input) : inputSchema(note, 'update').safeParse(input);
    return result.success ? [] : result.error.issues.map((issue) => issue.message);
  };

  it('accepts what create accepts and names table, field and problem otherwise', () => {
    expect(messages({ title: 'Hello', n: 1 })).toEqual([]);
    expect(messages({})).toEqual(['table "note", field "title": is required']);
    expect(messages({ title: 1 })).toEqual(['table "note", field "title": expects a string, got a number']);
    expect(messages({ title: 'a', n: 1.5 })).toEqual([
      'table "note", field "n": expects a 32-bit integer, got a number (1.5)',
    ]);
    expect(messages({ title: null })).toEqual(['table "note", field "title": cannot be null']);
    expect(messages({ title: 'a\u0000' })[0]).toMatch(/^table "note", field "title": contains a NUL character/);
    expect(messages(null)).toEqual(['table "note": create needs an object of field values']);
    expect(messages([{ title: 'a' }])).toEqual(['table "note": create needs an object of field values']);
  });

  it('refuses __proto__ and constructor as unknown fields, as real own keys from JSON', () => {
    expect(messages(JSON.parse('{"title":"a","__proto__":{"admin":true}}'))).toEqual([
      'table "note": unknown field "__proto__"',
    ]);
    expect(messages(JSON.parse('{"constructor":{"prototype":{}}}'), 'update')).toEqual([
      'table "note": unknown field "constructor"',
    ]);
    expect(({} as Record<string, unknown>).admin).toBeUndefined();
  });

  it('lets an update leave out anything but not set a required field to null', () => {
    expect(messages({}, 'update')).toEqual([]);
    expect(messages({ n: null }, 'update')).toEqual([]);
    expect(messages({ title: null }, 'update')).toEqual(['table "note", field "title": cannot be null']);
  });
});
