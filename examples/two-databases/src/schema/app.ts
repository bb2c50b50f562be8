// The app database's schema (seed 000): collections, their settings and entries. Every row
// carries the `userId` of its owner, who lives in the auth database: no foreign key can point
// there, so integrity comes from `onUserDeleted` and `findOrphans` (see ../clients.ts).
import { defineRelations, defineTable, id, index, text, timestamps, uniqueIndex, uuid } from '@strata/core';

export const collection = defineTable(
  'collection',
  {
    id: id(),
    name: text().notNull(),
    description: text(),
    color: text(),
    icon: text(),
    userId: text().notNull(),
    ...timestamps(),
  },
  (t) => [uniqueIndex().on(t.userId, t.name)],
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
    userId: text().notNull(),
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
    userId: text().notNull(),
    ...timestamps(),
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

/** The tables whose rows belong to a user, children first (the order cleanup runs in). */
export const userOwnedTables = [entry, collectionSettings, collection] as const;
