// The tables the conformance suite runs on. Together they use every column kind, modifier and
// table extra the repository treats specially: generated ids, timestamps, soft deletes, unique
// constraints, a composite primary key and a table without `updatedAt`.
import {
  bigint,
  boolean,
  date,
  defineTable,
  double,
  enumeration,
  id,
  integer,
  json,
  primaryKey,
  softDelete,
  text,
  timestamp,
  timestamps,
  uniqueIndex,
  uuid,
  varchar,
} from '@strata/core';

/** Any JSON value: what the `data` column of {@link item} holds. */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/**
 * One nullable column of every kind (plus a required `label`): round-trips, filters and ordering.
 * `priority` is declared low → medium → high, which is not its text order, on purpose.
 */
export const item = defineTable('conformance_item', {
  id: id(),
  label: text().notNull(),
  note: text(),
  code: varchar(8),
  rank: integer(),
  size: bigint(),
  score: double(),
  active: boolean(),
  at: timestamp(),
  day: date(),
  data: json<JsonValue>(),
  priority: enumeration(['low', 'medium', 'high']),
  ref: uuid(),
  ...timestamps(),
});

/** Bank accounts for the transaction tests. */
export const account = defineTable('conformance_account', {
  id: id(),
  name: text().notNull(),
  balance: integer().notNull(),
});

/** Four columns and a unique key: bulk inserts chunked under the engine's parameter limit. */
export const bulkRow = defineTable(
  'conformance_bulk',
  {
    id: id(),
    seq: integer().notNull(),
    label: text().notNull(),
    flag: boolean().notNull().default(false),
  },
  (t) => [uniqueIndex().on(t.seq)],
);

/** Soft deletes, with timestamps and a unique slug. */
export const doc = defineTable('conformance_doc', {
  id: id(),
  title: text().notNull(),
  slug: text().notNull().unique(),
  ...timestamps(),
  ...softDelete(),
});

/** Upserts on a unique key, with timestamps. */
export const setting = defineTable('conformance_setting', {
  id: id(),
  key: text().notNull().unique(),
  value: text().notNull(),
  ...timestamps(),
});

/** A table without `updatedAt`: an empty patch really is empty here. */
export const tag = defineTable('conformance_tag', {
  id: id(),
  name: varchar(20).notNull().unique(),
  uses: integer().notNull().default(0),
});

/** A composite primary key: no `findById`, ties broken by both key columns. */
export const membership = defineTable(
  'conformance_membership',
  {
    groupId: uuid().notNull(),
    userId: uuid().notNull(),
    role: text().notNull(),
  },
  (t) => [primaryKey(t.groupId, t.userId)],
);

/** Required sort fields of several kinds: keyset (cursor) pagination. */
export const entry = defineTable('conformance_entry', {
  id: id(),
  bucket: integer().notNull(),
  title: text().notNull(),
  at: timestamp().notNull(),
  weight: bigint().notNull(),
  day: date().notNull(),
});

/** The schema module every conformance database is opened with. */
export const conformanceSchema = { item, account, bulkRow, doc, setting, tag, membership, entry };

/** The type of {@link conformanceSchema}. */
export type ConformanceSchema = typeof conformanceSchema;
