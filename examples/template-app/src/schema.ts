// The one schema for SQLite (on the device) and PostgreSQL (the server; PGlite in tests and
// browsers). Each column kind stores the same JS value on every engine, so there is no second
// file to keep in sync: uuid, bigint, timestamp, boolean, json and enumeration are mapped per
// engine by Strata (uuid → text, bigint → integer, timestamptz → integer ms, boolean → 0/1 on
// SQLite).
import {
  bigint,
  boolean,
  date,
  defineRelations,
  defineTable,
  double,
  enumeration,
  id,
  index,
  json,
  softDelete,
  text,
  timestamp,
  timestamps,
  uniqueIndex,
  uuid,
} from '@strata/core';
import { DOMAIN } from './domain.config.js';

const { primary, entry } = DOMAIN.entities;

/**
 * Per-entity preferences, stored as `jsonb` on PostgreSQL and JSON text on SQLite.
 *
 * @example
 * ```ts
 * const settings: PrimarySettings = { color: '#22c55e', reminders: ['08:00'] };
 * ```
 */
export interface PrimarySettings {
  readonly color: string;
  readonly reminders: readonly string[];
}

/** The template's primary entity (`DOMAIN.entities.primary`). */
export const primaryEntity = defineTable(
  primary.tableName,
  {
    id: id(),
    // The owner lives in the auth service (Supabase auth on the server): no foreign key.
    userId: uuid().notNull(),
    name: text().notNull(),
    status: enumeration(primary.statuses).notNull().default('active'),
    isEnabled: boolean().notNull().default(true),
    settings: json<PrimarySettings>().notNull().default({ color: '#3b82f6', reminders: [] }),
    // Bumped on every change so that sync can refuse a stale write (optimistic concurrency).
    version: bigint().notNull().default(1n),
    ...timestamps(),
    ...softDelete(),
  },
  (t) => [index().on(t.userId, t.status)],
);

/** A day's record against a primary entity (`DOMAIN.entities.entry`). */
export const entityEntry = defineTable(
  entry.tableName,
  {
    id: id(),
    primaryId: uuid()
      .named(primary.foreignKey)
      .notNull()
      .references(() => primaryEntity.id, { onDelete: 'cascade' }),
    userId: uuid().notNull(),
    occurredOn: date().notNull(),
    amount: double(),
    note: text(),
    createdAt: timestamp().notNull().defaultNow(),
  },
  (t) => [uniqueIndex().on(t.primaryId, t.occurredOn)],
);

export const primaryEntityRelations = defineRelations(primaryEntity, ({ many }) => ({ entries: many(entityEntry) }));
export const entityEntryRelations = defineRelations(entityEntry, ({ one }) => ({
  primary: one(primaryEntity, { fields: [entityEntry.primaryId], references: [primaryEntity.id] }),
}));
