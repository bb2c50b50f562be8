// Schema compilation and value round-trips, one file for every engine: PGlite, SQLite and a real
// PostgreSQL server. Every engine must store and return exactly the same values.
import { getTableInfo, type Row } from '@strata/core';
import { engineCases, openTestDatabase, rawExecute, rawRows, type TestDatabase } from '@strata/testing';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import * as schema from './fixtures/catalog-schema.js';
import { deleteRows, insertRows, selectRows, UUID_V4, UUID_V7, updateRows, uuidV7Time } from './support.js';

type Db = TestDatabase<typeof schema>;
type Entry = Row<typeof schema.entry>;

const deepSettings: schema.CollectionSettings = {
  theme: 'dark',
  columns: ['title', 'ünïcödé', 'emoji 😀', 'quote \' " \\ back', ''],
  nested: { depth: 3, flags: { a: true, b: false, '': true }, note: null },
};

/** Values that tend to break somewhere: limits, signs, precision, unicode, empty vs null. */
const edgeEntries = [
  {
    title: '',
    body: null,
    position: 1,
    sizeBytes: 9_223_372_036_854_775_807n,
    rating: 4.999999999999999,
    published: true,
    publishedOn: '1969-07-20',
    happenedAt: new Date(-1_234_567_890_123),
    meta: { tags: [], score: -0.5 },
  },
  {
    title: 'ünïcödé 😀 𝄞 \u200b zero-width and a tab\t',
    body: '',
    position: 2_147_483_647,
    sizeBytes: -9_223_372_036_854_775_808n,
    rating: 0,
    published: false,
    publishedOn: '2024-02-29',
    happenedAt: new Date(Date.UTC(9999, 11, 31, 23, 59, 59, 999)),
    meta: { tags: ["it's", 'a "quoted" \\ tag', '%_'], score: 1e21 },
  },
  {
    title: "Robert'); DROP TABLE entry;--",
    body: 'line1\nline2\r\n',
    position: -2_147_483_648,
    sizeBytes: 9_007_199_254_740_993n,
    rating: 1e-300,
    published: true,
    publishedOn: '2000-01-01',
    happenedAt: new Date(1_700_000_000_123),
    meta: { tags: ['x'], score: 0.1 + 0.2 },
  },
];

/** What each engine returned for the round-trip rows, compared across engines at the end. */
const roundTrips = new Map<string, unknown[]>();

const comparable = (row: Entry) => {
  const { id, collectionId, token, createdAt, updatedAt, ...values } = row;
  return values;
};

describe.each(engineCases())('on $engine', ({ engine, skip }) => {
  let db: Db;

  beforeAll(async () => {
    if (skip) return;
    db = await openTestDatabase(engine, schema);
    await db.createTables();
  });
  afterAll(async () => {
    await db?.close();
  });

  const it = test.skipIf(skip !== undefined);
  if (skip) test.skip(`${engine}: ${skip}`, () => {});

  async function newCollection(slug: string) {
    const [row] = await insertRows(db, 'collection', [{ ownerId: 'user-1', name: `Collection ${slug}`, slug }]);
    if (!row) throw new Error('insert returned nothing');
    return row;
  }

  it('creates every table with the same columns and nullability as the definition', async () => {
    const query =
      db.dialect === 'sqlite'
        ? sql`select m.name as "table", p.name as "column", p."notnull" as "notNull" from sqlite_master m join pragma_table_info(m.name) p where m.type = 'table' and m.name not like 'sqlite_%' order by m.name, p.cid`
        : sql`select table_name as "table", column_name as "column", is_nullable = 'NO' as "notNull" from information_schema.columns where table_schema = 'public' order by table_name, ordinal_position`;
    const actual = (await rawRows(db, query)).map(
      (r) => `${r.table}.${r.column}${Number(r.notNull) ? ' not null' : ''}`,
    );
    const expected = [schema.collection, schema.entry, schema.tagging].flatMap((table) => {
      const info = getTableInfo(table);
      return Object.values(info.columns).map(
        (c) => `${info.name}.${c.placement?.sqlName}${c.config.notNull ? ' not null' : ''}`,
      );
    });
    expect(actual).toEqual(expected);
    expect(actual).toContain('entry.collection_id not null');
  });

  it('creates the named indexes and constraints', async () => {
    const query =
      db.dialect === 'sqlite'
        ? sql`select name from sqlite_master where type = 'index' and name not like 'sqlite_%' union all select 'check:' || sql from sqlite_master where type = 'table'`
        : sql`select indexname as name from pg_indexes where schemaname = 'public' union all select 'check:' || conname from pg_constraint where contype = 'c'`;
    const names = (await rawRows(db, query)).map((r) => String(r.name)).join('\n');
    expect(names).toContain('collection_owner_id_created_at_idx');
    expect(names).toContain('entry_collection_id_position_key');
    expect(names).toContain('entry_rating_range');
    expect(names).toContain('collection_status_enum');
  });

  it('round-trips dates with milliseconds, 64-bit integers, booleans, JSON, unicode, empty vs null', async () => {
    const owner = await newCollection('round-trip');
    const stored = await insertRows(
      db,
      'entry',
      edgeEntries.map((values) => ({ ...values, collectionId: owner.id })),
    );
    const read = await selectRows(db, 'entry', eq(db.tables.entry.collectionId as never, owner.id));
    read.sort((a, b) => a.position - b.position);
    stored.sort((a, b) => a.position - b.position);
    expect(read).toEqual(stored);
    const byPosition = [...edgeEntries].sort((a, b) => a.position - b.position);
    read.forEach((row, i) => {
      expect(comparable(row)).toEqual({ ...byPosition[i], deletedAt: null });
      expect(row.happenedAt).toBeInstanceOf(Date);
      expect(typeof row.sizeBytes).toBe('bigint');
    });
    roundTrips.set(engine, read.map(comparable));
  });

  it('keeps deep JSON exactly, and null JSON as SQL NULL', async () => {
    const [withSettings, withoutSettings] = await insertRows(db, 'collection', [
      { ownerId: 'u', name: 'json', slug: 'json-1', settings: deepSettings },
      { ownerId: 'u', name: 'json', slug: 'json-2', settings: null },
    ]);
    const [read] = await selectRows(db, 'collection', eq(db.tables.collection.id as never, withSettings?.id));
    expect(read?.settings).toEqual(deepSettings);
    const nulls = await rawRows(
      db,
      sql`select count(*) as n from collection where settings is null and id = ${withoutSettings?.id}`,
    );
    expect(Number(nulls[0]?.n)).toBe(1);
  });

  it('fills defaults: time-ordered id, now, constants, random uuid', async () => {
    const before = Date.now();
    const owner = await newCollection('defaults');
    const [created] = await insertRows(db, 'entry', [{ collectionId: owner.id, title: 'only required' }]);
    const after = Date.now();
    expect(created).toMatchObject({
      body: null,
      position: 0,
      sizeBytes: 0n,
      published: false,
      meta: { tags: ["it's"], score: 1 },
      deletedAt: null,
    });
    expect(created?.id).toMatch(UUID_V7);
    expect(created?.token).toMatch(UUID_V4);
    expect(owner.status).toBe('draft');
    for (const at of [created?.createdAt, created?.updatedAt]) {
      expect(at).toBeInstanceOf(Date);
      // The database clock and this process's clock are the same machine's.
      expect(at?.getTime()).toBeGreaterThanOrEqual(before - 1000);
      expect(at?.getTime()).toBeLessThanOrEqual(after + 1000);
    }
  });

  it('applies the same defaults to rows inserted by raw SQL', async () => {
    const before = Date.now();
    await rawExecute(db, sql`insert into collection (owner_id, name, slug) values (${'raw'}, ${'Raw'}, ${'raw-sql'})`);
    const [owner] = await selectRows(db, 'collection', eq(db.tables.collection.slug as never, 'raw-sql'));
    expect(owner?.id).toMatch(UUID_V7);
    expect(uuidV7Time(owner?.id ?? '')).toBeGreaterThanOrEqual(before - 1000);
    expect(uuidV7Time(owner?.id ?? '')).toBeLessThanOrEqual(Date.now() + 1000);
    expect(owner?.status).toBe('draft');
    expect(owner?.createdAt.getTime()).toBeGreaterThanOrEqual(before - 1000);
    await rawExecute(db, sql`insert into entry (collection_id, title) values (${owner?.id}, ${'raw entry'})`);
    const [raw] = await selectRows(db, 'entry', eq(db.tables.entry.title as never, 'raw entry'));
    expect(raw).toMatchObject({ position: 0, sizeBytes: 0n, published: false, meta: { tags: ["it's"], score: 1 } });
    expect(raw?.id).toMatch(UUID_V7);
    expect(raw?.token).toMatch(UUID_V4);
  });

  it('ids sort by creation time', async () => {
    const owner = await newCollection('ordering');
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const [row] = await insertRows(db, 'entry', [{ collectionId: owner.id, title: `n${i}`, position: i }]);
      ids.push(row?.id ?? '');
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    expect([...ids].sort()).toEqual(ids);
  });

  it('refreshes updatedAt on update and leaves createdAt alone', async () => {
    const owner = await newCollection('updates');
    const [created] = await insertRows(db, 'entry', [{ collectionId: owner.id, title: 'v1' }]);
    await new Promise((resolve) => setTimeout(resolve, 15));
    const [updated] = await updateRows(db, 'entry', { title: 'v2' }, eq(db.tables.entry.id as never, created?.id));
    expect(updated?.title).toBe('v2');
    expect(updated?.createdAt).toEqual(created?.createdAt);
    expect(updated?.updatedAt.getTime()).toBeGreaterThan(created?.updatedAt.getTime() ?? Number.POSITIVE_INFINITY);
  });

  it('enforces not null, unique, foreign keys, checks, enumerations and varchar length', async () => {
    const owner = await newCollection('constraints');
    const count = async () => Number((await rawRows(db, sql`select count(*) as n from entry`))[0]?.n);
    const entriesBefore = await count();
    const rejected = [
      () => insertRows(db, 'entry', [{ collectionId: owner.id, title: null as never }]),
      () => insertRows(db, 'collection', [{ ownerId: 'u', name: 'dup', slug: 'constraints' }]),
      () => insertRows(db, 'entry', [{ collectionId: '01890a5d-ac96-774b-bcce-b302099a8057', title: 'orphan' }]),
      () => insertRows(db, 'entry', [{ collectionId: owner.id, title: 'bad rating', rating: 5.5 }]),
      () => insertRows(db, 'collection', [{ ownerId: 'u', name: 'x', slug: 'enum', status: 'bogus' as never }]),
      () => insertRows(db, 'collection', [{ ownerId: 'u', name: 'x'.repeat(41), slug: 'too-long' }]),
      () =>
        insertRows(db, 'entry', [
          { collectionId: owner.id, title: 'a', position: 7 },
          { collectionId: owner.id, title: 'b', position: 7 },
        ]),
    ];
    for (const attempt of rejected) await expect(attempt()).rejects.toThrow();
    expect(await count()).toBe(entriesBefore);
    // Length counts characters, not bytes, on every engine.
    await expect(
      insertRows(db, 'collection', [{ ownerId: 'u', name: '😀'.repeat(40), slug: 'emoji' }]),
    ).resolves.toHaveLength(1);
  });

  it('enforces composite primary keys and cascades deletes', async () => {
    const owner = await newCollection('cascade');
    const [target] = await insertRows(db, 'entry', [{ collectionId: owner.id, title: 'tagged' }]);
    const entryId = target?.id ?? '';
    await insertRows(db, 'tagging', [
      { entryId, tag: 'a' },
      { entryId, tag: 'b', weight: 2 },
    ]);
    await expect(insertRows(db, 'tagging', [{ entryId, tag: 'a' }])).rejects.toThrow();
    await deleteRows(db, 'collection', eq(db.tables.collection.id as never, owner.id));
    expect(await selectRows(db, 'entry', eq(db.tables.entry.id as never, entryId))).toEqual([]);
    expect(await selectRows(db, 'tagging', eq(db.tables.tagging.entryId as never, entryId))).toEqual([]);
  });

  it('answers relational queries declared once in the neutral schema', async () => {
    const owner = await newCollection('relations');
    const [first] = await insertRows(db, 'entry', [
      { collectionId: owner.id, title: 'first', position: 1 },
      { collectionId: owner.id, title: 'second', position: 2 },
    ]);
    await insertRows(db, 'tagging', [{ entryId: first?.id ?? '', tag: 'x' }]);
    // The same typed call on each dialect's Drizzle database.
    const found =
      db.engine === 'sqlite'
        ? await db.drizzle.query.collection.findFirst({
            where: (c, { eq }) => eq(c.id, owner.id),
            with: { entries: { with: { tags: true }, orderBy: (e, { asc }) => [asc(e.position)] } },
          })
        : await (db as Extract<Db, { engine: 'pglite' }>).drizzle.query.collection.findFirst({
            where: (c, { eq }) => eq(c.id, owner.id),
            with: { entries: { with: { tags: true }, orderBy: (e, { asc }) => [asc(e.position)] } },
          });
    expect(found?.slug).toBe('relations');
    expect(found?.entries.map((e) => e.title)).toEqual(['first', 'second']);
    expect(found?.entries[0]?.tags).toEqual([{ entryId: first?.id, tag: 'x', weight: null }]);
    expect(found?.entries[0]?.createdAt).toBeInstanceOf(Date);
  });

  it('drops every table (twice is fine: tables already gone are skipped), and creates them again', async () => {
    await db.dropTables();
    await db.dropTables();
    const query =
      db.dialect === 'sqlite'
        ? sql`select name from sqlite_master where type = 'table' and name not like 'sqlite_%'`
        : sql`select table_name as name from information_schema.tables where table_schema = 'public'`;
    expect(await rawRows(db, query)).toEqual([]);
    await db.createTables();
    expect((await rawRows(db, query)).map((r) => r.name).sort()).toEqual(['collection', 'entry', 'tagging']);
  });
});

describe('across engines', () => {
  test('every engine returned exactly the same round-trip rows', () => {
    const results = [...roundTrips.entries()];
    const reference = results[0];
    if (!reference) throw new Error('no engine ran the round-trip test');
    for (const [engine, rows] of results.slice(1)) {
      expect({ engine, rows }).toEqual({ engine, rows: reference[1] });
    }
  });
});
