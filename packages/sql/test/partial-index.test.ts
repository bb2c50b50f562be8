// Partial indexes end to end on every engine: `uniqueIndex().on(t.slug).where(isNull(t.deletedAt))`
// lets a soft-deleted row's slug be used again, a live duplicate is a unique_violation naming the
// index, drizzle-kit writes the predicate into migrations, and the schema dump after migrating
// equals the dump after createTables (no false drift).
import {
  and,
  type DatabaseError,
  defineTable,
  enumeration,
  eq,
  id,
  index,
  isDatabaseError,
  isNull,
  type MigrationSet,
  not,
  softDelete,
  text,
  uniqueIndex,
} from '@strata/core';
import { compareDumps, dumpSchema, generateMigration, migrate, migrationStatus } from '@strata/sql';
import { pgGeneration } from '@strata/sql/postgres';
import { sqliteGeneration } from '@strata/sql/sqlite';
import { engineCases, openTestDatabase, type TestDatabase } from '@strata/testing';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { MemoryFolder } from './migration-support.js';

const columns = () => ({
  id: id(),
  slug: text().notNull(),
  status: enumeration(['draft', 'published']).notNull().default('draft'),
  title: text().notNull(),
  ...softDelete(),
});

const v1 = {
  post: defineTable('post', columns(), (t) => [
    uniqueIndex('post_live_slug').on(t.slug).where(isNull(t.deletedAt)),
    // A quote in a constant: inlined with Drizzle's escaping, in the DDL and in the dump.
    index()
      .on(t.title)
      .where(and(eq(t.status, 'published'), not(eq(t.title, "it's")))),
  ]),
};
// The same table with the second index's predicate changed.
const v2 = {
  post: defineTable('post', columns(), (t) => [
    uniqueIndex('post_live_slug').on(t.slug).where(isNull(t.deletedAt)),
    index().on(t.title).where(eq(t.status, 'draft')),
  ]),
};

async function rejection(work: Promise<unknown>): Promise<DatabaseError> {
  const error = await work.then(
    () => expect.unreachable('expected a DatabaseError'),
    (caught: unknown) => caught,
  );
  if (!isDatabaseError(error)) throw error;
  return error;
}

describe.each(engineCases())('partial indexes on $engine', ({ engine, skip }) => {
  const dialect = engine === 'sqlite' ? sqliteGeneration : pgGeneration;
  let db: TestDatabase<typeof v1>;

  beforeAll(async () => {
    if (skip) return;
    db = await openTestDatabase(engine, v1);
    await db.createTables();
  });
  afterAll(async () => {
    await db?.close();
  });

  test.skipIf(skip)("a soft-deleted row's slug can be used again; a live duplicate cannot", async () => {
    const posts = db.repos.post;
    const first = await posts.create({ slug: 'hello', title: 'Hello' });
    const duplicate = await rejection(posts.create({ slug: 'hello', title: 'Again' }));
    expect(duplicate).toMatchObject({
      kind: 'unique_violation',
      table: 'post',
      columns: ['slug'],
      constraint: 'post_live_slug',
    });

    await posts.delete(first.id); // soft delete: the row stays, outside the index
    const second = await posts.create({ slug: 'hello', title: 'Hello again' });
    expect(await posts.count({ slug: 'hello' })).toBe(1);
    expect(await posts.count({ slug: 'hello' }, { withDeleted: true })).toBe(2);

    // A deleted row may share the slug; restoring it would make two live rows, so it is refused.
    const restore = await rejection(posts.restore(first.id));
    expect(restore).toMatchObject({ kind: 'unique_violation', constraint: 'post_live_slug' });

    const other = await posts.create({ slug: 'other', title: 'Other' });
    const renamed = await rejection(posts.update(other.id, { slug: 'hello' }));
    expect(renamed).toMatchObject({ kind: 'unique_violation', constraint: 'post_live_slug', columns: ['slug'] });
    expect((await posts.findById(second.id))?.title).toBe('Hello again');
  });

  test.skipIf(skip)('upsert on the slug arbitrates on the partial index: live rows only', async () => {
    const posts = db.repos.post;
    const upsert = (title: string) =>
      posts.upsert({ target: ['slug'], create: { slug: 'upserted', title }, update: { title } });
    const created = await upsert('one');
    expect((await upsert('two')).id).toBe(created.id); // the live row is updated
    expect((await posts.findById(created.id))?.title).toBe('two');
    await posts.delete(created.id); // soft-deleted: outside the index, so the next upsert inserts
    const fresh = await upsert('three');
    expect(fresh.id).not.toBe(created.id);
    expect(await posts.count({ slug: 'upserted' }, { withDeleted: true })).toBe(2);
  });

  test.skipIf(skip)('the schema dump carries the predicates', async () => {
    const indexes = (await dumpSchema(db)).tables.post?.indexes ?? {};
    const live = Object.entries(indexes).find(([name]) => name === 'post_live_slug')?.[1];
    expect(live).toMatch(/where .*deleted_at.* is null/i);
    const byTitle = Object.entries(indexes).find(([name]) => name === 'post_title_idx')?.[1];
    expect(byTitle).toMatch(/published/);
    expect(byTitle).toMatch(/it''s/);
  });

  test.skipIf(skip)('migrations create the same indexes as createTables: no drift', async () => {
    const generated = await generateMigration({ dialect, schema: v1 });
    const creates = generated.up.filter((statement) => /CREATE (UNIQUE )?INDEX/i.test(statement));
    expect(creates).toHaveLength(2);
    expect(creates.find((s) => s.includes('post_live_slug'))).toMatch(
      /^CREATE UNIQUE INDEX .* WHERE "deleted_at" is null;?$/,
    );

    const migrated = await openTestDatabase(engine, v1);
    try {
      const folder = new MemoryFolder(engine === 'sqlite' ? 'sqlite' : 'pg');
      await folder.add('init', generated);
      let set: MigrationSet = await folder.set();
      await migrate(migrated, { migrations: set });
      expect(compareDumps(await dumpSchema(db), await dumpSchema(migrated))).toEqual([]);
      expect((await migrationStatus(migrated, { migrations: set })).drift).toEqual([]);

      // The partial unique index holds on the migrated database too.
      const first = await migrated.repos.post.create({ slug: 'a', title: 'A' });
      await migrated.repos.post.delete(first.id);
      await migrated.repos.post.create({ slug: 'a', title: 'A again' });
      const duplicate = await rejection(migrated.repos.post.create({ slug: 'a', title: 'Third' }));
      expect(duplicate).toMatchObject({ kind: 'unique_violation', constraint: 'post_live_slug' });

      // A changed predicate is a migration that replaces the index.
      const next = await generateMigration({ dialect, schema: v2, previous: generated.snapshot });
      expect(next.up.join('\n')).toMatch(/DROP INDEX/i);
      expect(next.up.find((s) => /CREATE INDEX/i.test(s))).toMatch(/WHERE "status" = 'draft'/);
      await folder.add('draft_titles', next);
      set = await folder.set();
      await migrate(migrated, { migrations: set });
      expect((await migrationStatus(migrated, { migrations: set })).drift).toEqual([]);

      const fresh = await openTestDatabase(engine, v2);
      try {
        await fresh.createTables();
        expect(compareDumps(await dumpSchema(fresh), await dumpSchema(migrated))).toEqual([]);
      } finally {
        await fresh.close();
      }
    } finally {
      await migrated.close();
    }
  });
});
