/**
 * Type tests: a neutral table has the same row types in core (`Row`, `NewRow`) and in the Drizzle
 * tables compiled from it on every dialect, and typed mistakes are rejected at compile time.
 * Only type-checked (vitest typecheck), never executed: nothing here opens a database.
 */
import {
  bigint,
  boolean,
  type ColumnOf,
  date,
  defineNaming,
  defineRelations,
  defineTable,
  double,
  enumeration,
  eq,
  id,
  integer,
  json,
  type NewRow,
  type Row,
  softDelete,
  text,
  timestamp,
  timestamps,
  uuid,
  varchar,
} from '@strata/core';
import type { createDatabase as createPgliteDatabase } from '@strata/pglite';
import type { createDatabase as createPostgresDatabase } from '@strata/postgres';
import { compilePgSchema, type PgSchemaOf, type PgTableOf, type PgTablesOf, toPgTable } from '@strata/sql/postgres';
import {
  compileSQLiteSchema,
  type SQLiteSchemaOf,
  type SQLiteTableOf,
  type SQLiteTablesOf,
  toSQLiteTable,
} from '@strata/sql/sqlite';
import type { createDatabase as createSQLiteDatabase } from '@strata/sqlite';
import type { BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import type { PgliteDatabase } from 'drizzle-orm/pglite';
import type { PostgresJsDatabase } from 'drizzle-orm/postgres-js';
import { describe, expectTypeOf, test } from 'vitest';

// ---------------------------------------------------------------------------------------------
// Schema: every column kind and modifier.
// ---------------------------------------------------------------------------------------------

type UserId = string & { readonly __brand: 'UserId' };

interface Settings {
  theme: 'dark' | 'light';
  layout: { columns: number; sidebar: boolean };
  tags: string[];
}

const cms = defineNaming({ tablePrefix: 'cms_' });

const collection = cms.table('collection', {
  id: id(),
  name: text().notNull(),
  ...timestamps(),
});

const entry = defineTable('entry', {
  id: id(),
  collectionId: uuid()
    .notNull()
    .references(() => collection.id, { onDelete: 'cascade' }),
  // A self-reference needs an explicit return type (as in Drizzle), or `entry` would be implicitly `any`.
  parentId: uuid().references((): ColumnOf<string, 'id'> => entry.id),
  token: uuid().notNull().defaultRandom(),
  title: text().notNull(),
  body: text(),
  slug: varchar(120).notNull().unique(),
  position: integer().notNull().default(0),
  views: integer(),
  sizeBytes: bigint().notNull(),
  maxBytes: bigint(),
  rating: double(),
  score: double().notNull().default(1.5),
  published: boolean().notNull().default(false),
  featured: boolean(),
  publishedAt: timestamp(),
  expiresAt: timestamp().notNull(),
  seenAt: timestamp().notNull().defaultNow(),
  touchedAt: timestamp().onUpdateNow(),
  birthday: date(),
  releaseDate: date().notNull(),
  settings: json<Settings>().notNull(),
  extra: json<Settings>(),
  status: enumeration(['draft', 'published', 'archived']).notNull().default('draft'),
  kind: enumeration(['page', 'post']),
  ownerId: text().notNull().$type<UserId>(),
  ...timestamps(),
  ...softDelete(),
});

const collectionRelations = defineRelations(collection, ({ many }) => ({ entries: many(entry) }));

const entryRelations = defineRelations(entry, ({ one, many }) => ({
  collection: one(collection, { fields: [entry.collectionId], references: [collection.id] }),
  parent: one(entry, { fields: [entry.parentId], references: [entry.id], relationName: 'tree' }),
  children: many(entry, { relationName: 'tree' }),
}));

/** What `import * as schema from './schema.js'` would give. */
const schema = { collection, entry, collectionRelations, entryRelations };
type Schema = typeof schema;

/** Flattens an intersection, as Drizzle's query results are flat objects. */
type Simplify<T> = { [K in keyof T]: T[K] } & {};

type Entry = Row<typeof entry>;
type NewEntry = NewRow<typeof entry>;
type Collection = Row<typeof collection>;

// ---------------------------------------------------------------------------------------------
// 1. Row / NewRow equal Drizzle's $inferSelect / $inferInsert on both dialects.
// ---------------------------------------------------------------------------------------------

describe('row types equal the compiled Drizzle tables', () => {
  test('Row equals $inferSelect on PostgreSQL and SQLite', () => {
    expectTypeOf<PgTableOf<typeof entry>['$inferSelect']>().toEqualTypeOf<Entry>();
    expectTypeOf<SQLiteTableOf<typeof entry>['$inferSelect']>().toEqualTypeOf<Entry>();
    expectTypeOf<PgTableOf<typeof entry>['$inferSelect']>().toEqualTypeOf<
      SQLiteTableOf<typeof entry>['$inferSelect']
    >();
  });

  test('NewRow equals $inferInsert on PostgreSQL and SQLite', () => {
    expectTypeOf<PgTableOf<typeof entry>['$inferInsert']>().toEqualTypeOf<NewEntry>();
    expectTypeOf<SQLiteTableOf<typeof entry>['$inferInsert']>().toEqualTypeOf<NewEntry>();
  });

  test('a prefixed table (defineNaming) has the same types and its SQL name', () => {
    expectTypeOf<PgTableOf<typeof collection>['$inferSelect']>().toEqualTypeOf<Collection>();
    expectTypeOf<SQLiteTableOf<typeof collection>['$inferSelect']>().toEqualTypeOf<Collection>();
    expectTypeOf<PgTableOf<typeof collection>['$inferInsert']>().toEqualTypeOf<NewRow<typeof collection>>();
    expectTypeOf<SQLiteTableOf<typeof collection>['$inferInsert']>().toEqualTypeOf<NewRow<typeof collection>>();
    expectTypeOf<PgTableOf<typeof collection>['_']['name']>().toEqualTypeOf<'cms_collection'>();
    expectTypeOf<SQLiteTableOf<typeof collection>['_']['name']>().toEqualTypeOf<'cms_collection'>();
  });

  test('toPgTable and toSQLiteTable return the precise table types', () => {
    expectTypeOf(toPgTable(entry)).toEqualTypeOf<PgTableOf<typeof entry>>();
    expectTypeOf(toSQLiteTable(entry)).toEqualTypeOf<SQLiteTableOf<typeof entry>>();
    expectTypeOf(toPgTable(entry).$inferSelect).toEqualTypeOf<Entry>();
    expectTypeOf(toSQLiteTable(entry).$inferInsert).toEqualTypeOf<NewEntry>();
  });

  test('column values have the documented JS types', () => {
    expectTypeOf<Entry['id']>().toEqualTypeOf<string>();
    expectTypeOf<Entry['collectionId']>().toEqualTypeOf<string>();
    expectTypeOf<Entry['token']>().toEqualTypeOf<string>();
    expectTypeOf<Entry['title']>().toEqualTypeOf<string>();
    expectTypeOf<Entry['slug']>().toEqualTypeOf<string>();
    expectTypeOf<Entry['position']>().toEqualTypeOf<number>();
    expectTypeOf<Entry['sizeBytes']>().toEqualTypeOf<bigint>();
    expectTypeOf<Entry['score']>().toEqualTypeOf<number>();
    expectTypeOf<Entry['published']>().toEqualTypeOf<boolean>();
    expectTypeOf<Entry['expiresAt']>().toEqualTypeOf<Date>();
    expectTypeOf<Entry['releaseDate']>().toEqualTypeOf<string>();
    expectTypeOf<Entry['settings']>().toEqualTypeOf<Settings>();
    expectTypeOf<Entry['status']>().toEqualTypeOf<'draft' | 'published' | 'archived'>();
    expectTypeOf<Entry['ownerId']>().toEqualTypeOf<UserId>();
    expectTypeOf<Entry['createdAt']>().toEqualTypeOf<Date>();
    expectTypeOf<Entry['updatedAt']>().toEqualTypeOf<Date>();
  });

  test('nullable columns add | null', () => {
    expectTypeOf<Entry['parentId']>().toEqualTypeOf<string | null>();
    expectTypeOf<Entry['body']>().toEqualTypeOf<string | null>();
    expectTypeOf<Entry['views']>().toEqualTypeOf<number | null>();
    expectTypeOf<Entry['maxBytes']>().toEqualTypeOf<bigint | null>();
    expectTypeOf<Entry['rating']>().toEqualTypeOf<number | null>();
    expectTypeOf<Entry['featured']>().toEqualTypeOf<boolean | null>();
    expectTypeOf<Entry['publishedAt']>().toEqualTypeOf<Date | null>();
    expectTypeOf<Entry['touchedAt']>().toEqualTypeOf<Date | null>();
    expectTypeOf<Entry['birthday']>().toEqualTypeOf<string | null>();
    expectTypeOf<Entry['extra']>().toEqualTypeOf<Settings | null>();
    expectTypeOf<Entry['kind']>().toEqualTypeOf<'page' | 'post' | null>();
    expectTypeOf<Entry['deletedAt']>().toEqualTypeOf<Date | null>();
  });

  test('Row has exactly the declared keys', () => {
    expectTypeOf<keyof Entry>().toEqualTypeOf<
      | 'id'
      | 'collectionId'
      | 'parentId'
      | 'token'
      | 'title'
      | 'body'
      | 'slug'
      | 'position'
      | 'views'
      | 'sizeBytes'
      | 'maxBytes'
      | 'rating'
      | 'score'
      | 'published'
      | 'featured'
      | 'publishedAt'
      | 'expiresAt'
      | 'seenAt'
      | 'touchedAt'
      | 'birthday'
      | 'releaseDate'
      | 'settings'
      | 'extra'
      | 'status'
      | 'kind'
      | 'ownerId'
      | 'createdAt'
      | 'updatedAt'
      | 'deletedAt'
    >();
  });

  test('NewRow requires exactly the not-null columns without a default', () => {
    type RequiredKeys = {
      [K in keyof NewEntry]-?: undefined extends NewEntry[K] ? never : K;
    }[keyof NewEntry];
    expectTypeOf<RequiredKeys>().toEqualTypeOf<
      'collectionId' | 'title' | 'slug' | 'sizeBytes' | 'expiresAt' | 'releaseDate' | 'settings' | 'ownerId'
    >();
    // The minimal insert: only the required keys.
    const minimal = {
      collectionId: 'c',
      title: 't',
      slug: 's',
      sizeBytes: 1n,
      expiresAt: new Date(),
      releaseDate: '2024-01-31',
      settings: { theme: 'dark', layout: { columns: 2, sidebar: true }, tags: [] },
      ownerId: 'u' as UserId,
    } satisfies NewEntry;
    expectTypeOf(minimal).toExtend<NewEntry>();
  });

  test('NewRow makes defaulted and nullable columns optional, accepting undefined and null where nullable', () => {
    expectTypeOf<NewEntry['id']>().toEqualTypeOf<string | undefined>();
    expectTypeOf<NewEntry['token']>().toEqualTypeOf<string | undefined>();
    expectTypeOf<NewEntry['position']>().toEqualTypeOf<number | undefined>();
    expectTypeOf<NewEntry['status']>().toEqualTypeOf<'draft' | 'published' | 'archived' | undefined>();
    expectTypeOf<NewEntry['seenAt']>().toEqualTypeOf<Date | undefined>();
    expectTypeOf<NewEntry['createdAt']>().toEqualTypeOf<Date | undefined>();
    expectTypeOf<NewEntry['updatedAt']>().toEqualTypeOf<Date | undefined>();
    expectTypeOf<NewEntry['touchedAt']>().toEqualTypeOf<Date | null | undefined>();
    expectTypeOf<NewEntry['body']>().toEqualTypeOf<string | null | undefined>();
    expectTypeOf<NewEntry['deletedAt']>().toEqualTypeOf<Date | null | undefined>();
    expectTypeOf<NewEntry['sizeBytes']>().toEqualTypeOf<bigint>();
    expectTypeOf<NewEntry['ownerId']>().toEqualTypeOf<UserId>();
  });
});

// ---------------------------------------------------------------------------------------------
// 2. Compiled schemas.
// ---------------------------------------------------------------------------------------------

describe('compiled schemas', () => {
  const pg = compilePgSchema(schema);
  const lite = compileSQLiteSchema(schema);

  test('compilePgSchema(...).tables has the precise tables', () => {
    expectTypeOf(pg.tables.entry).toEqualTypeOf<PgTableOf<typeof entry>>();
    expectTypeOf(pg.tables.entry.$inferSelect).toEqualTypeOf<Entry>();
    expectTypeOf(pg.tables.collection.$inferSelect).toEqualTypeOf<Collection>();
    expectTypeOf(pg.tables.entry.$inferInsert).toEqualTypeOf<NewEntry>();
  });

  test('compileSQLiteSchema(...).tables has the precise tables', () => {
    expectTypeOf(lite.tables.entry).toEqualTypeOf<SQLiteTableOf<typeof entry>>();
    expectTypeOf(lite.tables.entry.$inferSelect).toEqualTypeOf<Entry>();
    expectTypeOf(lite.tables.collection.$inferSelect).toEqualTypeOf<Collection>();
    expectTypeOf(lite.tables.entry.$inferInsert).toEqualTypeOf<NewEntry>();
  });

  test('relations exports are in drizzleSchema, not in tables', () => {
    expectTypeOf<keyof PgTablesOf<Schema>>().toEqualTypeOf<'collection' | 'entry'>();
    expectTypeOf<keyof SQLiteTablesOf<Schema>>().toEqualTypeOf<'collection' | 'entry'>();
    expectTypeOf<keyof PgSchemaOf<Schema>>().toEqualTypeOf<keyof Schema>();
    expectTypeOf<keyof SQLiteSchemaOf<Schema>>().toEqualTypeOf<keyof Schema>();
    // @ts-expect-error relations are not tables
    pg.tables.collectionRelations;
    // @ts-expect-error relations are not tables
    lite.tables.entryRelations;
    expectTypeOf(pg.drizzleSchema.collectionRelations).toEqualTypeOf<PgSchemaOf<Schema>['collectionRelations']>();
    expectTypeOf(lite.drizzleSchema.entryRelations).toEqualTypeOf<SQLiteSchemaOf<Schema>['entryRelations']>();
  });
});

// ---------------------------------------------------------------------------------------------
// 3 & 4. Typed databases: relational queries and selects.
// ---------------------------------------------------------------------------------------------

type PgliteDb = Awaited<ReturnType<typeof createPgliteDatabase<Schema>>>;
type PostgresDb = Awaited<ReturnType<typeof createPostgresDatabase<Schema>>>;
type SQLiteDb = Awaited<ReturnType<typeof createSQLiteDatabase<Schema>>>;

declare const pglite: PgliteDb;
declare const postgres: PostgresDb;
declare const sqlite: SQLiteDb;

// Never called: each line would query a database.
async function _queries() {
  return {
    pgliteCollections: await pglite.drizzle.query.collection.findMany({ with: { entries: true } }),
    pgliteEntry: await pglite.drizzle.query.entry.findFirst({
      with: { collection: true, parent: true, children: true },
    }),
    postgresCollections: await postgres.drizzle.query.collection.findMany({ with: { entries: true } }),
    sqliteCollections: await sqlite.drizzle.query.collection.findMany({ with: { entries: true } }),
    sqliteCollectionsSync: sqlite.drizzle.query.collection.findMany({ with: { entries: true } }).sync(),
    sqliteEntry: await sqlite.drizzle.query.entry.findFirst({
      with: { collection: true, parent: true, children: true },
    }),
    pgliteSelect: await pglite.drizzle.select().from(pglite.tables.entry),
    postgresSelect: await postgres.drizzle.select().from(postgres.tables.entry),
    sqliteSelect: sqlite.drizzle.select().from(sqlite.tables.entry).all(),
    sqliteSelectAwaited: await sqlite.drizzle.select().from(sqlite.tables.entry),
  };
}
type Results = Awaited<ReturnType<typeof _queries>>;

describe('typed databases', () => {
  test('createDatabase returns the documented Drizzle database types', () => {
    expectTypeOf(pglite.drizzle).toEqualTypeOf<PgliteDatabase<PgSchemaOf<Schema>>>();
    expectTypeOf(postgres.drizzle).toEqualTypeOf<PostgresJsDatabase<PgSchemaOf<Schema>>>();
    expectTypeOf(sqlite.drizzle).toEqualTypeOf<BetterSQLite3Database<SQLiteSchemaOf<Schema>>>();
    expectTypeOf(pglite.tables.entry).toEqualTypeOf<PgTableOf<typeof entry>>();
    expectTypeOf(sqlite.tables.entry).toEqualTypeOf<SQLiteTableOf<typeof entry>>();
  });

  test('many relation: findMany({ with: { entries: true } }) gives entries: Row<entry>[]', () => {
    type Expected = Simplify<Collection & { entries: Entry[] }>[];
    expectTypeOf<Results['pgliteCollections']>().toEqualTypeOf<Expected>();
    expectTypeOf<Results['postgresCollections']>().toEqualTypeOf<Expected>();
    expectTypeOf<Results['sqliteCollections']>().toEqualTypeOf<Expected>();
    expectTypeOf<Results['sqliteCollectionsSync']>().toEqualTypeOf<Expected>();
    expectTypeOf<Results['pgliteCollections'][number]['entries']>().toEqualTypeOf<Entry[]>();
    expectTypeOf<Results['sqliteCollections'][number]['entries']>().toEqualTypeOf<Entry[]>();
  });

  test('one relation: Row when its fields are not null, Row | null otherwise', () => {
    type PgEntry = NonNullable<Results['pgliteEntry']>;
    type LiteEntry = NonNullable<Results['sqliteEntry']>;
    expectTypeOf<PgEntry['collection']>().toEqualTypeOf<Collection>();
    expectTypeOf<LiteEntry['collection']>().toEqualTypeOf<Collection>();
    expectTypeOf<PgEntry['parent']>().toEqualTypeOf<Entry | null>();
    expectTypeOf<LiteEntry['parent']>().toEqualTypeOf<Entry | null>();
    expectTypeOf<PgEntry['children']>().toEqualTypeOf<Entry[]>();
    expectTypeOf<LiteEntry['children']>().toEqualTypeOf<Entry[]>();
    expectTypeOf<Results['pgliteEntry']>().toEqualTypeOf<
      Simplify<Entry & { collection: Collection; parent: Entry | null; children: Entry[] }> | undefined
    >();
  });

  test('relations exports are neither tables nor relational queries of a database', () => {
    // @ts-expect-error a relations export is not in db.tables
    pglite.tables.collectionRelations;
    // @ts-expect-error a relations export is not in db.tables
    postgres.tables.entryRelations;
    // @ts-expect-error a relations export is not in db.tables
    sqlite.tables.collectionRelations;
    // @ts-expect-error relational queries exist for tables only
    pglite.drizzle.query.collectionRelations;
    // @ts-expect-error relational queries exist for tables only
    sqlite.drizzle.query.entryRelations;
    expectTypeOf<keyof PgliteDb['tables']>().toEqualTypeOf<'collection' | 'entry'>();
    expectTypeOf<keyof SQLiteDb['drizzle']['query']>().toEqualTypeOf<'collection' | 'entry'>();
  });

  test('select().from(tables.entry) gives Row<entry>[] on every engine', () => {
    expectTypeOf<Results['pgliteSelect']>().toEqualTypeOf<Entry[]>();
    expectTypeOf<Results['postgresSelect']>().toEqualTypeOf<Entry[]>();
    expectTypeOf<Results['sqliteSelect']>().toEqualTypeOf<Entry[]>();
    expectTypeOf<Results['sqliteSelectAwaited']>().toEqualTypeOf<Entry[]>();
  });
});

// ---------------------------------------------------------------------------------------------
// 5. Mistakes that must not compile.
// ---------------------------------------------------------------------------------------------

describe('rejected at compile time', () => {
  test('a default must have the column type', () => {
    // @ts-expect-error a string default on an integer
    integer().default('x');
    // @ts-expect-error a string default on a timestamp (a Date is required)
    timestamp().default('2024');
    // @ts-expect-error a value outside the enumeration
    enumeration(['a', 'b']).default('c');
    // @ts-expect-error null is not a default (leave the column nullable instead)
    text().default(null);
    // The right types compile.
    integer().default(1);
    timestamp().default(new Date(0));
    enumeration(['a', 'b']).default('b');
    json<Settings>().default({ theme: 'dark', layout: { columns: 1, sidebar: false }, tags: [] });
  });

  test('a reference must point at a column of the same type', () => {
    // @ts-expect-error an integer cannot reference a uuid (string) key
    integer().references(() => collection.id);
    // @ts-expect-error a bigint cannot reference an integer
    bigint().references(() => entry.position);
    // @ts-expect-error text holds strings too, but PostgreSQL cannot join text to uuid
    text().references(() => collection.id);
    // @ts-expect-error a date string is not a uuid either
    date().references(() => collection.id);
    uuid().references(() => collection.id);
    text().references(() => collection.name);
  });

  test('defaultNow, defaultRandom and onUpdateNow apply to their kinds only', () => {
    // @ts-expect-error defaultNow() on text
    text().defaultNow();
    // @ts-expect-error defaultRandom() on text
    text().defaultRandom();
    // @ts-expect-error defaultRandom() on a timestamp
    timestamp().defaultRandom();
    // @ts-expect-error onUpdateNow() on an integer
    integer().onUpdateNow();
    timestamp().notNull().defaultNow().onUpdateNow();
    uuid().notNull().defaultRandom();
  });

  test('NewRow object literals are checked', () => {
    const base = {
      collectionId: 'c',
      title: 't',
      slug: 's',
      sizeBytes: 1n,
      expiresAt: new Date(),
      releaseDate: '2024-01-31',
      settings: { theme: 'dark', layout: { columns: 2, sidebar: true }, tags: [] },
      ownerId: 'u' as UserId,
    } satisfies NewEntry;

    // @ts-expect-error title is required
    const missing: NewEntry = {
      collectionId: 'c',
      slug: 's',
      sizeBytes: 1n,
      expiresAt: new Date(),
      releaseDate: '2024-01-31',
      settings: { theme: 'dark', layout: { columns: 2, sidebar: true }, tags: [] },
      ownerId: 'u' as UserId,
    };
    const wrongValue: NewEntry = {
      ...base,
      // @ts-expect-error a number where a bigint is required
      sizeBytes: 1,
    };
    const wrongNull: NewEntry = {
      ...base,
      // @ts-expect-error null in a not-null column
      title: null,
    };
    const wrongJson: NewEntry = {
      ...base,
      // @ts-expect-error a theme outside the JSON type
      settings: { theme: 'blue', layout: { columns: 2, sidebar: true }, tags: [] },
    };
    const unknownKey: NewEntry = {
      ...base,
      // @ts-expect-error a key that is not a column
      subtitle: 'x',
    };
    const unbranded: NewEntry = {
      ...base,
      // @ts-expect-error a plain string where the branded UserId is required
      ownerId: 'u',
    };
    expectTypeOf([missing, wrongValue, wrongNull, wrongJson, unknownKey, unbranded]).toExtend<NewEntry[]>();
  });

  test('conditions compare a column with a value of its type', () => {
    const counter = defineTable('counter', { count: integer().notNull(), label: text() });
    // @ts-expect-error a string compared with an integer column
    eq(counter.count, 'x');
    // @ts-expect-error null is not a comparison value (use isNull)
    eq(counter.label, null);
    eq(counter.count, 1);
    eq(counter.label, 'x');
    eq(entry.status, 'draft');
    // @ts-expect-error a value outside the enumeration
    eq(entry.status, 'deleted');
  });

  test('optional keys in the column map are rejected', () => {
    const columns = { a: text() } as { a?: ReturnType<typeof text> };
    // @ts-expect-error an optional column would silently make row types wrong
    defineTable('x', columns);
    // @ts-expect-error the same through defineNaming
    cms.table('x', columns);
    defineTable('x', { a: text() });
  });

  test('Row has no property for a column that does not exist', () => {
    const row = {} as Entry;
    // @ts-expect-error no such column
    row.subtitle;
    // @ts-expect-error no such column
    type _Missing = Entry['subtitle'];
    expectTypeOf(row.title).toEqualTypeOf<string>();
  });
});
