// A json<T>() column whose T has optional properties: `{ description: undefined }` type-checks, so
// it must also be written — with the undefined properties dropped, as JSON.stringify drops them —
// through every repository write on every engine. Undefined inside arrays stays a QueryError.
import { defineTable, id, isStrataError, json, text } from '@strata/core';
import { engineCases, openTestDatabase, rawRows, type TestDatabase } from '@strata/testing';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

interface Meta {
  title: string;
  description?: string;
  extra?: { note?: string; rank: number };
  tags?: string[];
}

const schema = {
  doc: defineTable('doc', {
    id: id(),
    key: text().notNull().unique(),
    meta: json<Meta>().notNull(),
    draft: json<Meta>(),
  }),
};

const WITH_UNDEFINED: Meta = { title: 'A', description: undefined, extra: { note: undefined, rank: 1 }, tags: ['x'] };
const WITHOUT: Meta = { title: 'A', extra: { rank: 1 }, tags: ['x'] };

/** The JSON as stored: PostgreSQL's driver parses jsonb, SQLite returns its text. */
function stored(value: unknown): unknown {
  return typeof value === 'string' ? JSON.parse(value) : value;
}

describe.each(engineCases())('JSON with undefined properties on $engine', ({ engine, skip }) => {
  let db: TestDatabase<typeof schema>;

  beforeAll(async () => {
    if (skip) return;
    db = await openTestDatabase(engine, schema);
    await db.createTables();
  });
  afterAll(async () => {
    await db?.close();
  });

  async function storedMeta(key: string): Promise<{ meta: unknown; draft: unknown }> {
    const [row] = await rawRows(db, sql`select meta, draft from doc where key = ${key}`);
    return { meta: stored(row?.meta), draft: row?.draft === null ? null : stored(row?.draft) };
  }

  test.skipIf(skip)('create stores and returns the value without the undefined properties', async () => {
    const created = await db.repos.doc.create({
      key: 'create',
      meta: WITH_UNDEFINED,
      draft: { title: 'd', tags: undefined },
    });
    expect(created.meta).toStrictEqual(WITHOUT);
    expect(created.draft).toStrictEqual({ title: 'd' });
    expect(await storedMeta('create')).toStrictEqual({ meta: WITHOUT, draft: { title: 'd' } });
    expect((await db.repos.doc.findOne({ key: 'create' }))?.meta).toStrictEqual(WITHOUT);
  });

  test.skipIf(skip)('createMany, insertMany, update, updateMany and upsert do the same', async () => {
    await db.repos.doc.createMany([
      { key: 'many-1', meta: WITH_UNDEFINED },
      { key: 'many-2', meta: { title: 'B', description: undefined } },
    ]);
    expect(await db.repos.doc.insertMany([{ key: 'bulk', meta: WITH_UNDEFINED }])).toBe(1);
    expect((await storedMeta('many-1')).meta).toStrictEqual(WITHOUT);
    expect((await storedMeta('many-2')).meta).toStrictEqual({ title: 'B' });
    expect((await storedMeta('bulk')).meta).toStrictEqual(WITHOUT);

    const target = await db.repos.doc.create({ key: 'update', meta: { title: 'old' } });
    const updated = await db.repos.doc.update(target.id, { meta: WITH_UNDEFINED });
    expect(updated?.meta).toStrictEqual(WITHOUT);
    expect(await db.repos.doc.updateMany({ key: 'update' }, { draft: { title: 'C', description: undefined } })).toBe(1);
    expect(await storedMeta('update')).toStrictEqual({ meta: WITHOUT, draft: { title: 'C' } });

    const upserted = await db.repos.doc.upsert({
      target: ['key'],
      create: { key: 'upsert', meta: WITH_UNDEFINED },
      update: { meta: WITH_UNDEFINED },
    });
    expect(upserted.meta).toStrictEqual(WITHOUT);
    await db.repos.doc.upsert({
      target: ['key'],
      create: { key: 'upsert', meta: { title: 'unused' } },
      update: { meta: { title: 'again', description: undefined } },
    });
    expect((await storedMeta('upsert')).meta).toStrictEqual({ title: 'again' });
  });

  test.skipIf(skip)('undefined inside an array is refused before anything reaches the database', async () => {
    const error = await db.repos.doc
      .create({ key: 'array', meta: { title: 'A', tags: ['x', undefined as unknown as string] } })
      .then(
        () => expect.unreachable('expected a QueryError'),
        (caught: unknown) => caught,
      );
    expect(isStrataError(error) && error.code).toBe('INVALID_QUERY');
    expect((error as Error).message).toContain('expects JSON, got undefined at $.tags[1]');
    expect(await db.repos.doc.count({ key: 'array' })).toBe(0);
  });
});
