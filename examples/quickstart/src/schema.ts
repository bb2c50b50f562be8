// The quickstart's schema: two related tables, defined once for every engine.
import { defineRelations, defineTable, id, index, integer, text, timestamps, uuid } from '@strata/core';

export const author = defineTable('author', {
  id: id(),
  name: text().notNull(),
  email: text().notNull().unique(),
  ...timestamps(),
});

export const book = defineTable(
  'book',
  {
    id: id(),
    authorId: uuid()
      .notNull()
      .references(() => author.id, { onDelete: 'cascade' }),
    title: text().notNull(),
    year: integer().notNull(),
    ...timestamps(),
  },
  (t) => [index().on(t.authorId, t.year)],
);

export const authorRelations = defineRelations(author, ({ many }) => ({ books: many(book) }));

export const bookRelations = defineRelations(book, ({ one }) => ({
  author: one(author, { fields: [book.authorId], references: [author.id] }),
}));
