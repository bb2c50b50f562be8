// The app database's schema (PGlite): collections, their settings and entries. Every row carries
// the `userId` of its owner, who lives in the auth database: no foreign key can reach there, so
// the column is plain text (required, so that every row can be scoped to its owner).
import { defineRelations, defineTable, id, index, type NewRow, type Row, text, timestamps, uuid } from '@strata/core';

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
  (t) => [index().on(t.userId)],
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
  (t) => [index().on(t.userId), index().on(t.collectionId)],
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
export const collectionSettingsRelations = defineRelations(collectionSettings, ({ one }) => ({
  collection: one(collection, { fields: [collectionSettings.collectionId], references: [collection.id] }),
}));
export const entryRelations = defineRelations(entry, ({ one }) => ({
  collection: one(collection, { fields: [entry.collectionId], references: [collection.id] }),
}));

/**
 * The app database's schema module: the three tables and their relations.
 *
 * @example
 * ```ts
 * const db = await createDatabase({ schema: appSchema, dataDir: './data/app' });
 * ```
 */
export const appSchema = {
  collection,
  collectionSettings,
  entry,
  collectionRelations,
  collectionSettingsRelations,
  entryRelations,
};

/**
 * The tables whose rows belong to a user, children first: what to clean up when a user is
 * deleted in the auth database, where no foreign key can cascade from.
 *
 * @example
 * ```ts
 * createAuth({ database: authDb.db, onUserDeleted: deleteUserRows(appDb.db, userOwnedTables) });
 * ```
 */
export const userOwnedTables = [entry, collectionSettings, collection] as const;

/** A collection row. @example `const name: Collection['name'] = 'Inbox';` */
export type Collection = Row<typeof collection>;
/** A collection to insert. @example `const input: NewCollection = { name: 'Inbox', userId };` */
export type NewCollection = NewRow<typeof collection>;
/** A collection's settings row. @example `const mode: CollectionSettings['viewMode'] = 'grid';` */
export type CollectionSettings = Row<typeof collectionSettings>;
/** Collection settings to insert. @example `const input: NewCollectionSettings = { collectionId, userId };` */
export type NewCollectionSettings = NewRow<typeof collectionSettings>;
/** An entry row. @example `const title: Entry['title'] = 'First';` */
export type Entry = Row<typeof entry>;
/** An entry to insert. @example `const input: NewEntry = { title: 'First', collectionId, userId };` */
export type NewEntry = NewRow<typeof entry>;
