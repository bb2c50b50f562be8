import {
  boolean,
  defineRelations,
  defineTable,
  enumeration,
  id,
  index,
  integer,
  json,
  softDelete,
  text,
  timestamps,
  uuid,
} from '@strata/core';

export const member = defineTable('member', {
  id: id(),
  email: text().notNull().unique(),
  name: text().notNull(),
  role: enumeration(['reader', 'editor']).notNull().default('reader'),
  active: boolean().notNull().default(true),
  ...timestamps(),
});

export const post = defineTable(
  'post',
  {
    id: id(),
    memberId: uuid()
      .notNull()
      .references(() => member.id, { onDelete: 'cascade' }),
    title: text().notNull(),
    views: integer().notNull().default(0),
    meta: json<{ tags: string[] }>(),
    ...timestamps(),
    ...softDelete(),
  },
  (t) => [index().on(t.memberId, t.views)],
);

export const memberRelations = defineRelations(member, ({ many }) => ({ posts: many(post) }));
export const postRelations = defineRelations(post, ({ one }) => ({
  member: one(member, { fields: [post.memberId], references: [member.id] }),
}));
