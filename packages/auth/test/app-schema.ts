// Seed 000's app tables: collections, their settings and entries, each carrying the `userId` of a
// user who lives in another database (so no foreign key).
import { defineRelations, defineTable, id, index, softDelete, text, timestamps, uniqueIndex, uuid } from '@strata/core';

export const collection = defineTable(
  'collection',
  {
    id: id(),
    name: text().notNull(),
    description: text(),
    color: text(),
    icon: text(),
    userId: text(), // no foreign key: the user table is in the auth database
    ...timestamps(),
  },
  (t) => [index().on(t.userId), uniqueIndex().on(t.userId, t.name)],
);

export const collectionSettings = defineTable(
  'collection_settings',
  {
    id: id(),
    collectionId: uuid()
      .notNull()
      .references(() => collection.id, { onDelete: 'cascade' }),
    sortBy: text(),
    sortOrder: text(),
    viewMode: text(),
    userId: text(),
    ...timestamps(),
  },
  (t) => [index().on(t.userId)],
);

export const entry = defineTable(
  'entry',
  {
    id: id(),
    title: text().notNull(),
    content: text(),
    collectionId: uuid()
      .notNull()
      .references(() => collection.id, { onDelete: 'cascade' }),
    userId: text(),
    ...timestamps(),
    ...softDelete(),
  },
  (t) => [index().on(t.userId), index().on(t.collectionId)],
);

export const collectionRelations = defineRelations(collection, ({ many }) => ({
  entries: many(entry),
  settings: many(collectionSettings),
}));
export const entryRelations = defineRelations(entry, ({ one }) => ({
  collection: one(collection, { fields: [entry.collectionId], references: [collection.id] }),
}));
export const collectionSettingsRelations = defineRelations(collectionSettings, ({ one }) => ({
  collection: one(collection, { fields: [collectionSettings.collectionId], references: [collection.id] }),
}));
