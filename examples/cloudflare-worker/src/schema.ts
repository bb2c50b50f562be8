import {
  check,
  defineTable,
  enumeration,
  id,
  index,
  isNotNull,
  isNull,
  ne,
  or,
  softDelete,
  text,
  timestamp,
  timestamps,
  uniqueIndex,
  uuid,
} from '@strata/core';

/** A content item's publication state. */
export const ARTICLE_STATUSES = ['draft', 'published'] as const;

/** The people who write; a name is unique. */
export const author = defineTable('author', {
  id: id(),
  name: text().notNull().unique(),
  ...timestamps(),
});

/** Articles, soft-deleted: a deleted article keeps its row (and its history) with `deletedAt` set. */
export const article = defineTable(
  'article',
  {
    id: id(),
    authorId: uuid()
      .notNull()
      .references(() => author.id, { onDelete: 'cascade' }),
    title: text().notNull(),
    slug: text().notNull(),
    body: text().notNull().default(''),
    status: enumeration(ARTICLE_STATUSES).notNull().default('draft'),
    publishedAt: timestamp(),
    ...timestamps(),
    ...softDelete(),
  },
  (t) => [
    // Unique among live articles only: the slug of a deleted article can be taken again.
    uniqueIndex('article_live_slug').on(t.slug).where(isNull(t.deletedAt)),
    index().on(t.status, t.publishedAt),
    check('article_published_has_date', or(ne(t.status, 'published'), isNotNull(t.publishedAt))),
  ],
);
