// A JSON column holding a string that is itself JSON text ("1", "[3]", "true", "null", "\"q\"")
// reads back as that string on every engine, through every path: one row, many rows (PostgreSQL's
// array insert reads its rows back as one JSON text), reads, updates, and the app's own Drizzle
// query. Parsed by the driver and again by Drizzle's column, such strings came back as numbers,
// arrays, booleans or null on PostgreSQL and PGlite.
import { defineTable, id, json, text } from '@strata/core';
import { engineCases, openTestDatabase } from '@strata/testing';
import { asc } from 'drizzle-orm';
import { describe, expect, test } from 'vitest';

const doc = defineTable('json_string_doc', { id: id(), slug: text().notNull(), data: json<unknown>() });
const schema = { doc };

const STRINGS = ['1', '[3]', 'true', 'null', '"q"', '{"a":1}', ' 2 '];

describe.each(engineCases())('JSON strings that look like JSON on $engine', ({ engine, skip }) => {
  test.skipIf(skip)('read back as the strings they are, on every path', async () => {
    const db = await openTestDatabase(engine, schema);
    try {
      await db.createTables();
      const one = await db.repos.doc.create({ slug: 'a', data: '1' });
      expect(one.data).toBe('1');
      expect((await db.repos.doc.findById(one.id))?.data).toBe('1');
      const many = await db.repos.doc.createMany(STRINGS.map((data, i) => ({ slug: `m${i}`, data })));
      expect(many.map((row) => row.data)).toEqual(STRINGS);
      expect(await db.repos.doc.insertMany(STRINGS.map((data, i) => ({ slug: `n${i}`, data })))).toBe(STRINGS.length);
      const read = await db.repos.doc.findMany({ where: { slug: { startsWith: 'n' } }, orderBy: { slug: 'asc' } });
      expect(read.map((row) => row.data)).toEqual(STRINGS);
      expect((await db.repos.doc.update(one.id, { data: '"q"' }))?.data).toBe('"q"');
      // Values that are not strings keep their JSON types.
      expect((await db.repos.doc.update(one.id, { data: { n: 1, list: ['1'] } }))?.data).toEqual({ n: 1, list: ['1'] });
      const table = db.tables.doc as never;
      const drizzle = db.drizzle as unknown as {
        select(): { from(t: never): { orderBy(o: unknown): PromiseLike<{ slug: string; data: unknown }[]> } };
      };
      const rows = await drizzle
        .select()
        .from(table)
        .orderBy(asc((db.tables.doc as unknown as { slug: never }).slug));
      expect(rows.filter((row) => row.slug.startsWith('m')).map((row) => row.data)).toEqual(STRINGS);
    } finally {
      await db.close();
    }
  });
});
