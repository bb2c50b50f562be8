// Drizzle's relational queries (`db.drizzle.query…({ with })`) do not know about soft deletes: a
// relation includes soft-deleted rows. `notDeleted(table)` excludes them in a relation's `where`
// (given the table or in the `where` callback) and in the query's own, the same on every engine.
import { defineRelations, defineTable, id, softDelete, text, uuid } from '@strata/core';
import { notDeleted } from '@strata/sql';
import { engineCases, openTestDatabase, type TestDatabase } from '@strata/testing';
import { beforeAll, describe, expect, test } from 'vitest';

const author = defineTable('sd_author', { id: id(), name: text().notNull(), ...softDelete() });
const book = defineTable('sd_book', {
  id: id(),
  authorId: uuid()
    .notNull()
    .references(() => author.id),
  title: text().notNull(),
  ...softDelete(),
});
const authorRelations = defineRelations(author, ({ many }) => ({ books: many(book) }));
const bookRelations = defineRelations(book, ({ one }) => ({
  author: one(author, { fields: [book.authorId], references: [author.id] }),
}));
const schema = { author, book, authorRelations, bookRelations };

type Db = TestDatabase<typeof schema>;

/** Authors' names with their books' titles, sorted: no filter, notDeleted(table), or notDeleted in a callback. */
async function authorsWithBooks(
  db: Db,
  filter: 'none' | 'table' | 'callback',
): Promise<{ name: string; books: string[] }[]> {
  // The relational query API is each dialect's own Drizzle type: narrow, then the same code.
  const rows =
    db.dialect === 'pg'
      ? await db.drizzle.query.author.findMany({
          ...(filter !== 'none' && { where: notDeleted(db.tables.author) }),
          with: {
            books:
              filter === 'none'
                ? true
                : { where: filter === 'table' ? notDeleted(db.tables.book) : (b) => notDeleted(b) },
          },
        })
      : await db.drizzle.query.author.findMany({
          ...(filter !== 'none' && { where: notDeleted(db.tables.author) }),
          with: {
            books:
              filter === 'none'
                ? true
                : { where: filter === 'table' ? notDeleted(db.tables.book) : (b) => notDeleted(b) },
          },
        });
  return rows
    .map((row) => ({ name: row.name, books: row.books.map((b) => b.title).sort() }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

describe.each(engineCases())('soft-deleted rows in relational queries on $engine', ({ engine, skip }) => {
  let db: Db;

  beforeAll(async () => {
    if (skip) return;
    db = await openTestDatabase(engine, schema);
    await db.createTables();
    const ann = await db.repos.author.create({ name: 'Ann' });
    const bob = await db.repos.author.create({ name: 'Bob' });
    const [, gone] = await db.repos.book.createMany([
      { authorId: ann.id, title: 'Kept' },
      { authorId: ann.id, title: 'Deleted' },
    ]);
    await db.repos.book.delete(gone?.id ?? '');
    await db.repos.author.delete(bob.id);
    return () => db.close();
  });

  test.skipIf(skip)('the repository hides them; a relational query without a filter returns them', async () => {
    expect((await db.repos.book.findMany()).map((b) => b.title)).toEqual(['Kept']);
    expect(await authorsWithBooks(db, 'none')).toEqual([
      { name: 'Ann', books: ['Deleted', 'Kept'] },
      { name: 'Bob', books: [] },
    ]);
  });

  test.skipIf(skip)('notDeleted(table) in the where of the query and of the relation excludes them', async () => {
    expect(await authorsWithBooks(db, 'table')).toEqual([{ name: 'Ann', books: ['Kept'] }]);
  });

  test.skipIf(skip)('notDeleted(columns) in a where callback does the same', async () => {
    expect(await authorsWithBooks(db, 'callback')).toEqual([{ name: 'Ann', books: ['Kept'] }]);
  });
});
