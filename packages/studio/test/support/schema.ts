// The Studio tests' schema: a unique column, an enumeration, JSON, timestamps, soft delete and a
// relation — every kind of value the pages render differently.
import {
  defineRelations,
  defineTable,
  enumeration,
  id,
  integer,
  json,
  softDelete,
  text,
  timestamps,
  uuid,
} from '@strata/core';

export const author = defineTable('author', {
  id: id(),
  name: text().notNull(),
  email: text().notNull().unique(),
  ...timestamps(),
});

export const post = defineTable('post', {
  id: id(),
  authorId: uuid()
    .notNull()
    .references(() => author.id, { onDelete: 'cascade' }),
  title: text().notNull(),
  status: enumeration(['draft', 'published']).notNull().default('draft'),
  views: integer().notNull().default(0),
  meta: json<{ tags: string[] }>(),
  ...timestamps(),
  ...softDelete(),
});

export const authorRelations = defineRelations(author, ({ many }) => ({ posts: many(post) }));
export const postRelations = defineRelations(post, ({ one }) => ({
  author: one(author, { fields: [post.authorId], references: [author.id] }),
}));
