// Deterministic fake rows for any table, and seeding a database with them in foreign-key order,
// on every engine selected by ENGINES (PGlite, SQLite and a PostgreSQL server).

import {
  type AnyTable,
  bigint,
  boolean,
  type ColumnOf,
  date,
  defineTable,
  double,
  enumeration,
  getTableInfo,
  id,
  integer,
  isUniqueViolation,
  json,
  softDelete,
  text,
  timestamp,
  timestamps,
  uniqueIndex,
  uuid,
  valueProblem,
  varchar,
} from '@strata/core';
import { caught, engineCases, openTestDatabase, type TestDatabase } from '@strata/testing';
import { afterAll, beforeAll, describe, expect, expectTypeOf, it, test } from 'vitest';
import { fakeRow, fakeRows, planSeedOrder, SeedError, seedFakeData } from '../src/seed/index.js';

const team = defineTable('seed_team', {
  id: id(),
  name: varchar(20).notNull().unique(),
  slug: text().notNull().unique(),
  contactEmail: text().unique(),
  ...timestamps(),
});

const member = defineTable('seed_member', {
  id: id(),
  teamId: uuid()
    .notNull()
    .references(() => team.id, { onDelete: 'cascade' }),
  mentorId: uuid().references((): ColumnOf<string, 'id'> => member.id),
  fullName: text().notNull(),
  email: text().notNull().unique(),
  website: text(),
  role: enumeration(['owner', 'editor', 'viewer']).notNull().default('viewer'),
  age: integer().notNull(),
  followers: bigint().notNull(),
  rating: double(),
  active: boolean().notNull(),
  joinedAt: timestamp().notNull(),
  birthday: date(),
  settings: json<Record<string, unknown>>(),
  externalId: uuid().notNull().unique(),
  token: uuid().notNull().defaultRandom(),
  ...timestamps(),
  ...softDelete(),
});

/** Each member holds each level at most once: a unique pair of a parent key and an enumeration. */
const award = defineTable(
  'seed_award',
  {
    id: id(),
    memberId: uuid()
      .notNull()
      .references(() => member.id, { onDelete: 'cascade' }),
    level: enumeration(['gold', 'silver', 'bronze']).notNull(),
  },
  (t) => [uniqueIndex().on(t.memberId, t.level)],
);

/** A primary key without a default: the fake rows must make it. */
const badge = defineTable('seed_badge', { code: varchar(8).primaryKey(), label: text().notNull() });

const schema = { team, member, award, badge };
const COUNTS = { team: 5, member: 40, award: 30, badge: 12 } as const;

/** Every column of `table` that a row has, checked with Strata's own value rules. */
function expectValidValues(table: AnyTable, rows: readonly Record<string, unknown>[]): void {
  const { name, columns } = getTableInfo(table);
  for (const row of rows) {
    for (const [key, value] of Object.entries(row)) {
      const column = columns[key];
      expect(column, `${name}.${key} is a column`).toBeDefined();
      if (value === null) {
        expect(column?.config.notNull, `${name}.${key} may be null`).toBe(false);
        continue;
      }
      expect(valueProblem(column?.config ?? never(), value), `${name}.${key} = ${String(value)}`).toBeUndefined();
    }
  }
}

function never(): never {
  throw new Error('unreachable');
}

function teamRows(count: number): { id: string }[] {
  return Array.from({ length: count }, (_, n) => ({ id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}` }));
}

describe('fakeRows', () => {
  const parents = { seed_team: teamRows(3) };

  it('is deterministic: the same seed gives the same rows, another seed other rows', () => {
    const first = fakeRows(member, 50, { seed: 3, parents });
    expect(fakeRows(member, 50, { seed: 3, parents })).toEqual(first);
    expect(fakeRows(member, 50, { seed: 4, parents })).not.toEqual(first);
    // Dates and bigints compare by value above; compare their serialisation too (byte for byte).
    const serialise = (rows: unknown[]) => JSON.stringify(rows, (_, v) => (typeof v === 'bigint' ? `${v}n` : v));
    expect(serialise(fakeRows(member, 50, { seed: 3, parents }))).toBe(serialise(first));
  });

  it('composes: rows depend only on seed, table and index', () => {
    const all = fakeRows(member, 10, { seed: 9, parents });
    const split = [
      ...fakeRows(member, 4, { seed: 9, parents }),
      ...fakeRows(member, 6, { seed: 9, parents, startIndex: 4 }),
    ];
    expect(split).toEqual(all);
    expect(fakeRow(member, { seed: 9, parents, index: 7 })).toEqual(all[7]);
  });

  it('makes values valid for their kinds, in range, and leaves database-filled columns out', () => {
    const rows = fakeRows(member, 300, { seed: 1, parents });
    expectValidValues(member, rows);
    for (const row of rows) {
      for (const key of ['id', 'token', 'createdAt', 'updatedAt', 'deletedAt']) expect(row).not.toHaveProperty(key);
      expect(typeof row.followers).toBe('bigint');
      expect(row.joinedAt).toBeInstanceOf(Date);
      const year = row.joinedAt.getUTCFullYear();
      expect(year).toBeGreaterThanOrEqual(2000);
      expect(year).toBeLessThanOrEqual(2030);
      expect(row.joinedAt.getTime() % 1).toBe(0);
      if (row.birthday) expect(row.birthday).toMatch(/^20[0-3]\d-\d{2}-\d{2}$/);
      expect(['owner', 'editor', 'viewer']).toContain(row.role);
      expect(row.email).toMatch(/^[^@\s]+@[^@\s]+\.[a-z]+$/);
      if (row.website) expect(row.website).toMatch(/^https?:\/\//);
      if (row.settings) expect(typeof row.settings).toBe('object');
    }
    // Nullable columns are sometimes null, sometimes not.
    expect(rows.some((row) => row.rating === null)).toBe(true);
    expect(rows.some((row) => row.rating !== null)).toBe(true);
  });

  it('keeps varchar values within their length and unique columns unique', () => {
    const teams = fakeRows(team, 500, { seed: 2 });
    expectValidValues(team, teams);
    expect(teams.every((row) => [...row.name].length <= 20)).toBe(true);
    expect(new Set(teams.map((row) => row.name)).size).toBe(500);
    expect(new Set(teams.map((row) => row.slug)).size).toBe(500);
    const emails = teams.map((row) => row.contactEmail).filter((email) => email !== null);
    expect(new Set(emails).size).toBe(emails.length);
    const members = fakeRows(member, 500, { seed: 2, parents });
    expect(new Set(members.map((row) => row.email)).size).toBe(500);
    expect(new Set(members.map((row) => row.externalId)).size).toBe(500);
    const badges = fakeRows(badge, 200, { seed: 2 });
    expect(new Set(badges.map((row) => row.code)).size).toBe(200);
  });

  it('honours nullRate', () => {
    const none = fakeRows(member, 50, { seed: 1, parents, nullRate: 0 });
    expect(none.every((row) => row.rating !== null && row.birthday !== null && row.mentorId === null)).toBe(true);
    const all = fakeRows(member, 50, { seed: 1, parents, nullRate: 1 });
    expect(all.every((row) => row.rating === null && row.website === null && row.settings === null)).toBe(true);
  });

  it('picks foreign keys from the given parents; a nullable self-reference from its own rows', () => {
    const rows = fakeRows(member, 100, { seed: 5, parents });
    const teamIds = new Set(parents.seed_team.map((row) => row.id));
    expect(rows.every((row) => teamIds.has(row.teamId))).toBe(true);
    expect(new Set(rows.map((row) => row.teamId)).size).toBe(3);
    expect(rows.every((row) => row.mentorId === null)).toBe(true); // no member rows given
    const mentors = [{ id: teamRows(1)[0]?.id ?? never() }];
    const mentored = fakeRows(member, 20, { seed: 5, parents: { ...parents, seed_member: mentors } });
    expect(mentored.some((row) => row.mentorId === mentors[0]?.id)).toBe(true);
  });

  it('walks through the combinations of a unique pair of parent key and enumeration', () => {
    const members = teamRows(2);
    const rows = fakeRows(award, 6, { seed: 1, parents: { seed_member: members } });
    expect(new Set(rows.map((row) => `${row.memberId}/${row.level}`)).size).toBe(6);
    const error = (() => {
      try {
        fakeRows(award, 7, { seed: 1, parents: { seed_member: members } });
      } catch (thrown) {
        return thrown;
      }
    })();
    expect(error).toBeInstanceOf(SeedError);
    expect((error as SeedError).message).toContain('table "seed_award"');
    expect((error as SeedError).message).toContain('only 6 distinct rows');
  });

  it('refuses a required foreign key without parents, naming table and column', () => {
    const attempt = () => fakeRows(member, 1, { seed: 1 });
    expect(attempt).toThrow(SeedError);
    expect(attempt).toThrow('table "seed_member", column "teamId": references "seed_team.id"');
    expect(() => fakeRows(member, 1, { parents: { seed_team: [{ name: 'x' }] } })).toThrow('has no "id"');
  });

  it('refuses bad options', () => {
    expect(() => fakeRows(team, -1)).toThrow(SeedError);
    expect(() => fakeRows(team, 1, { seed: 1.5 })).toThrow('seed must be a safe integer');
    expect(() => fakeRows(team, 1, { nullRate: 2 })).toThrow('nullRate');
  });

  it('types rows as NewRow', () => {
    const [row] = fakeRows(member, 1, { parents });
    expectTypeOf(row?.teamId).toEqualTypeOf<string | undefined>();
    expectTypeOf(fakeRow(team).name).toEqualTypeOf<string>();
  });
});

describe('planSeedOrder', () => {
  const tables = new Map<string, AnyTable>(Object.entries(schema));

  it('puts parents first, whatever the order of the counts', () => {
    const order = planSeedOrder(tables, { award: 1, member: 1, badge: 1, team: 1 });
    expect(order.map((step) => step.exportName)).toEqual(['badge', 'team', 'member', 'award']);
    expect(order.find((step) => step.exportName === 'member')?.selfReferencing).toBe(true);
  });

  it('names an unknown table and lists the known ones', () => {
    expect(() => planSeedOrder(tables, { teams: 1 })).toThrow(
      'counts name "teams", which is not a table of this database\'s schema (its tables: team, member, award, badge)',
    );
  });

  it('asks for a count for a required parent that has none, or has 0', () => {
    expect(() => planSeedOrder(tables, { member: 3 })).toThrow(
      'table "seed_member", column "teamId": references table "seed_team" and cannot be null; add a count for "team"',
    );
    expect(() => planSeedOrder(tables, { team: 0, member: 3 })).toThrow('counts.team is 0');
    expect(() => planSeedOrder(tables, { team: 1.5 })).toThrow('counts.team must be a whole number');
  });

  it('refuses a required self-reference and a cycle of required references, naming the tables', () => {
    const node = defineTable('seed_node', {
      id: id(),
      parentId: uuid()
        .notNull()
        .references((): ColumnOf<string, 'id'> => node.id),
    });
    const error = (() => {
      try {
        planSeedOrder(new Map([['node', node]]), { node: 2 });
      } catch (thrown) {
        return thrown as SeedError;
      }
    })();
    expect(error).toBeInstanceOf(SeedError);
    expect(error?.code).toBe('SEED_INVALID');
    expect(error?.message).toContain('table "seed_node", column "parentId": is a required self-reference');

    const left = defineTable('seed_left', {
      id: id(),
      rightId: uuid()
        .notNull()
        .references((): ColumnOf<string, 'id'> => right.id),
    });
    const right = defineTable('seed_right', {
      id: id(),
      leftId: uuid()
        .notNull()
        .references(() => left.id),
    });
    const pair = new Map<string, AnyTable>([
      ['left', left],
      ['right', right],
    ]);
    expect(() => planSeedOrder(pair, { left: 1, right: 1 })).toThrow(
      'required foreign keys form a cycle (left -> right -> left)',
    );
  });

  it('breaks a cycle at a nullable reference', () => {
    const user = defineTable('seed_user', {
      id: id(),
      favouritePostId: uuid().references((): ColumnOf<string, 'id'> => post.id),
    });
    const post = defineTable('seed_post', {
      id: id(),
      userId: uuid()
        .notNull()
        .references(() => user.id),
    });
    const order = planSeedOrder(
      new Map<string, AnyTable>([
        ['post', post],
        ['user', user],
      ]),
      { post: 2, user: 2 },
    );
    expect(order.map((step) => step.exportName)).toEqual(['user', 'post']);
  });
});

for (const { engine, skip } of engineCases()) {
  describe(`seedFakeData on ${engine}`, () => {
    if (skip) test.skip(`${engine}: ${skip}`, () => {});
    const itOn = test.skipIf(skip !== undefined);
    let db: TestDatabase<typeof schema>;
    let inserted: Awaited<ReturnType<typeof seedFakeData<typeof schema, typeof COUNTS>>>;

    beforeAll(async () => {
      if (skip) return;
      db = await openTestDatabase(engine, schema);
      await db.createTables();
      inserted = await seedFakeData(db, { counts: COUNTS, seed: 7 });
    });
    afterAll(async () => {
      await db?.close();
    });

    itOn('inserts the counted rows of every table and reports them', async () => {
      expect(inserted).toEqual(COUNTS);
      expectTypeOf(inserted).toEqualTypeOf<{
        readonly team: number;
        readonly member: number;
        readonly award: number;
        readonly badge: number;
      }>();
      expect(await db.repos.team.count()).toBe(COUNTS.team);
      expect(await db.repos.member.count()).toBe(COUNTS.member);
      expect(await db.repos.member.count({}, { onlyDeleted: true })).toBe(0);
      expect(await db.repos.award.count()).toBe(COUNTS.award);
      expect(await db.repos.badge.count()).toBe(COUNTS.badge);
    });

    itOn('reads back valid values, unique where the schema says so', async () => {
      const teams = await db.repos.team.findMany();
      const members = await db.repos.member.findMany();
      expectValidValues(team, teams);
      expectValidValues(member, members);
      expectValidValues(award, await db.repos.award.findMany());
      expect(new Set(teams.map((row) => row.name)).size).toBe(teams.length);
      expect(new Set(members.map((row) => row.email)).size).toBe(members.length);
      expect(new Set(members.map((row) => row.externalId)).size).toBe(members.length);
    });

    itOn('stores the rows fakeRows makes, value for value', async () => {
      const expected = fakeRows(team, COUNTS.team, { seed: 7 });
      const stored = await db.repos.team.findMany({
        select: ['name', 'slug', 'contactEmail'],
        orderBy: { slug: 'asc' },
      });
      const sorted = [...expected].sort((a, b) => (a.slug < b.slug ? -1 : 1));
      expect(stored).toEqual(sorted.map(({ name, slug, contactEmail }) => ({ name, slug, contactEmail })));
    });

    itOn('references only inserted parents; the self-reference is used', async () => {
      const teamIds = new Set((await db.repos.team.findMany({ select: ['id'] })).map((row) => row.id));
      const members = await db.repos.member.findMany();
      const memberIds = new Set(members.map((row) => row.id));
      expect(members.every((row) => teamIds.has(row.teamId))).toBe(true);
      const mentored = members.filter((row) => row.mentorId !== null);
      expect(mentored.length).toBeGreaterThan(0);
      expect(mentored.every((row) => memberIds.has(row.mentorId as string))).toBe(true);
      const awards = await db.repos.award.findMany();
      expect(awards.every((row) => memberIds.has(row.memberId))).toBe(true);
      expect(new Set(awards.map((row) => `${row.memberId}/${row.level}`)).size).toBe(awards.length);
    });

    itOn('inserts nothing when an insert fails: one transaction', async () => {
      // Seed 8 makes new teams, then a badge whose code is taken by the row put there first.
      const taken = await db.repos.badge.create(fakeRow(badge, { seed: 8 }));
      const error = await caught(() => seedFakeData(db, { counts: { team: 2, badge: 3 }, seed: 8 }));
      expect(isUniqueViolation(error), String(error)).toBe(true);
      expect(await db.repos.team.count()).toBe(COUNTS.team);
      expect(await db.repos.badge.count()).toBe(COUNTS.badge + 1);
      await db.repos.badge.delete(taken.code);
    });

    itOn('refuses unknown tables and missing parents before writing anything', async () => {
      const unknown = await caught(() => seedFakeData(db, { counts: { teams: 1 } as never }));
      expect(unknown).toBeInstanceOf(SeedError);
      expect((unknown as SeedError).message).toContain('"teams"');
      const orphan = await caught(() => seedFakeData(db, { counts: { award: 1 } }));
      expect((orphan as SeedError).message).toContain('add a count for "member"');
      expect(await db.repos.award.count()).toBe(COUNTS.award);
    });

    itOn('rejects count names that are not tables at compile time', () => {
      // @ts-expect-error: "teams" is not a table of the schema
      const wrong = () => seedFakeData(db, { counts: { teams: 1 } });
      expectTypeOf(wrong).toBeFunction();
    });
  });
}
