// The SQL of every repository query shape, pinned per dialect: each operation runs through the
// public API with `log.onQuery` recording the statements it sent (text and number of bound
// values), and the record must equal test/pinned-sql/<dialect>.sql, which is reviewed by eye. A
// change to how a query is built (and so to which index the engine can use) then shows up in
// review instead of passing unnoticed. PGlite and the PostgreSQL server both speak the `pg`
// dialect and must send the same statements; SQLite has its own file.
// To accept an intended change: `npx vitest run packages/sql/test/pinned-sql.test.ts -u`.
import { defineTable, id, integer, json, softDelete, text, timestamp, uniqueIndex } from '@strata/core';
import { createDatabase as createPglite } from '@strata/pglite';
import { createDatabase as createPostgres } from '@strata/postgres';
import { DIALECTS, type QueryEvent, type QueryLogOptions } from '@strata/sql';
import { createDatabase as createSqlite } from '@strata/sqlite';
import {
  createPostgresTestDatabase,
  engineCases,
  pgliteSnapshot,
  type TestDatabase,
  type TestEngineName,
} from '@strata/testing';
import { describe, expect, test } from 'vitest';

const note = defineTable(
  'pinned_note',
  {
    id: id(),
    slug: text().notNull(),
    title: text().notNull(),
    rank: integer(),
    meta: json<{ tags: string[] }>(),
    userId: text().notNull(),
    publishedAt: timestamp(),
    ...softDelete(),
  },
  (t) => [uniqueIndex().on(t.slug)],
);
const schema = { note };

const FIRST = '018f0000-0000-7000-8000-000000000001';
const SECOND = '018f0000-0000-7000-8000-000000000002';
const WHEN = new Date('2026-01-02T03:04:05.000Z');

type Db = TestDatabase<typeof schema>;

/** Every query shape the repository builds, each a named step of calls. */
const SHAPES: readonly (readonly [string, (db: Db) => Promise<unknown>])[] = [
  [
    'create',
    (db) => db.repos.note.create({ id: FIRST, slug: 'a', title: 'A', rank: 1, meta: { tags: ['x'] }, userId: 'u1' }),
  ],
  [
    'createMany',
    (db) =>
      db.repos.note.createMany([
        { id: SECOND, slug: 'b', title: 'B', rank: 2, userId: 'u1', publishedAt: WHEN },
        { slug: 'c', title: 'C', userId: 'u2' },
      ]),
  ],
  ['insertMany', (db) => db.repos.note.insertMany([{ slug: 'd', title: 'D', userId: 'u2' }])],
  ['findById', (db) => db.repos.note.findById(FIRST)],
  ['findById withDeleted', (db) => db.repos.note.findById(FIRST, { withDeleted: true })],
  ['findBy', (db) => db.repos.note.findBy('slug', 'a')],
  ['findAllBy', (db) => db.repos.note.findAllBy('userId', 'u1')],
  ['findOne', (db) => db.repos.note.findOne({ title: 'A' })],
  ['findMany (default order)', (db) => db.repos.note.findMany()],
  [
    'findMany where every operator',
    (db) =>
      db.repos.note.findMany({
        where: {
          rank: { gte: 1, lt: 10, ne: 5 },
          slug: { in: ['a', 'b'], notIn: ['z'] },
          title: { contains: '5%', ignoreCase: true },
          publishedAt: null,
          or: [{ userId: { startsWith: 'u' } }, { userId: { endsWith: '1' } }],
          not: { rank: { gt: 8, lte: 9 } },
        },
      }),
  ],
  [
    'findMany orderBy, limit, offset, select',
    (db) => db.repos.note.findMany({ orderBy: [{ rank: 'desc' }], limit: 2, offset: 1, select: ['id', 'title'] }),
  ],
  [
    'findMany ordered by text, then a nullable column',
    (db) => db.repos.note.findMany({ orderBy: [{ title: 'asc' }, { publishedAt: 'desc' }] }),
  ],
  ['findMany onlyDeleted', (db) => db.repos.note.findMany({ onlyDeleted: true })],
  [
    'findPage (two pages)',
    async (db) => {
      const first = await db.repos.note.findPage({ orderBy: { title: 'asc' }, limit: 2 });
      await db.repos.note.findPage({ orderBy: { title: 'asc' }, limit: 2, after: first.nextCursor ?? undefined });
    },
  ],
  ['paginate', (db) => db.repos.note.paginate({ page: 2, pageSize: 2, orderBy: { rank: 'asc' } })],
  ['count', (db) => db.repos.note.count({ userId: 'u1' })],
  ['countBy', (db) => db.repos.note.countBy('userId')],
  ['exists', (db) => db.repos.note.exists({ slug: 'a' })],
  ['update', (db) => db.repos.note.update(FIRST, { title: 'A2', rank: 3 })],
  ['updateMany', (db) => db.repos.note.updateMany({ userId: 'u2' }, { rank: 7 })],
  [
    'upsert',
    (db) =>
      db.repos.note.upsert({
        target: ['slug'],
        create: { slug: 'a', title: 'A3', userId: 'u1' },
        update: { title: 'A3' },
      }),
  ],
  ['delete (soft)', (db) => db.repos.note.delete(SECOND)],
  ['restore', (db) => db.repos.note.restore(SECOND)],
  ['deleteMany (soft)', (db) => db.repos.note.deleteMany({ userId: 'u2' })],
  ['hardDelete', (db) => db.repos.note.hardDelete(SECOND)],
  ['forUser findMany', (db) => db.repos.note.forUser('u1').findMany({ where: { rank: { gt: 0 } } })],
  ['forUser create', (db) => db.repos.note.forUser('u1').create({ slug: 'e', title: 'E' })],
  ['transaction', (db) => db.transaction((tx) => tx.repos.note.update(FIRST, { rank: 4 }))],
];

/** A database of `engine` whose statements reach `log`; closing it drops a server database. */
async function openLogged(engine: TestEngineName, log: QueryLogOptions): Promise<Db> {
  switch (engine) {
    case 'pglite':
      return createPglite({ schema, loadDataDir: await pgliteSnapshot(), log });
    case 'sqlite':
      return createSqlite({ schema, log });
    case 'postgres': {
      const database = await createPostgresTestDatabase();
      const db = await createPostgres({ schema, url: database.url, maxConnections: 2, log });
      const close = db.close.bind(db);
      return Object.assign(db, {
        close: async () => {
          await close();
          await database.drop();
        },
      });
    }
  }
}

/** How many values a statement bound (the log redacts them by default, keeping the count). */
const boundCount = (event: QueryEvent): number =>
  Array.isArray(event.parameters) ? event.parameters.length : (event.parameters as { redacted: number }).redacted;

/** The statements each shape sent, as the pinned file shows them. */
async function recordShapes(db: Db, events: QueryEvent[]): Promise<string> {
  const lines: string[] = [];
  for (const [name, run] of SHAPES) {
    events.length = 0;
    await run(db);
    lines.push(`-- ${name}`);
    for (const event of events) {
      const bound = boundCount(event);
      lines.push(`${event.sql.replace(/\s+/g, ' ').trim()};${bound ? ` -- ${bound} bound` : ''}`);
    }
    lines.push('');
  }
  return lines.join('\n');
}

describe.each(engineCases())('pinned SQL on $engine', ({ engine, skip }) => {
  test.skipIf(skip)('every query shape sends the statements in the dialect file', async () => {
    const events: QueryEvent[] = [];
    const db = await openLogged(engine, { onQuery: (event) => events.push(event) });
    try {
      await db.createTables();
      const recorded = await recordShapes(db, events);
      const dialect = engine === 'sqlite' ? 'sqlite' : 'pg';
      await expect(recorded).toMatchFileSnapshot(`pinned-sql/${dialect}.sql`);
    } finally {
      await db.close();
    }
  });

  // The repository refuses a filter past the engine's parameter limit before sending it, counting
  // each text match at the dialect's cost: the count must be what the SQL really binds.
  test.skipIf(skip)("each text match binds as many parameters as its dialect's limits say", async () => {
    const events: QueryEvent[] = [];
    const db = await openLogged(engine, { onQuery: (event) => events.push(event) });
    try {
      await db.createTables();
      const costs = DIALECTS[db.dialect].limits.textMatchParameters;
      for (const op of ['contains', 'startsWith', 'endsWith'] as const) {
        for (const ignoreCase of [false, true]) {
          events.length = 0;
          await db.repos.note.findMany({ where: { title: { [op]: 'x', ignoreCase } }, withDeleted: true });
          const bound = events.map((event) => boundCount(event));
          expect({ op, ignoreCase, bound }).toEqual({ op, ignoreCase, bound: [costs?.[op]] });
        }
      }
    } finally {
      await db.close();
    }
  });
});
