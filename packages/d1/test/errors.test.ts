// D1's errors ("D1_ERROR: UNIQUE constraint failed: …: SQLITE_CONSTRAINT") read as better-sqlite3's:
// the same DatabaseError (kind, table, columns, constraint, engine code, message) for each
// constraint failure, from the repository and from raw SQL through db.drizzle, and the error
// helpers (isUniqueViolation, …) answer for them.
import {
  check,
  DatabaseError,
  defineTable,
  gt,
  id,
  integer,
  isForeignKeyViolation,
  isUniqueViolation,
  text,
  uniqueIndex,
  uuid,
} from '@strata/core';
import { createDatabase as createD1 } from '@strata/d1';
import { mapDatabaseError } from '@strata/sql';
import { createDatabase as createSqlite } from '@strata/sqlite';
import { caught } from '@strata/testing';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, test } from 'vitest';
import { startLocalD1 } from './miniflare.js';

const team = defineTable('team', { id: id(), name: text().notNull().unique() });
const member = defineTable(
  'member',
  {
    id: id(),
    teamId: uuid()
      .notNull()
      .references(() => team.id),
    handle: text().notNull(),
    age: integer(),
  },
  (t) => [uniqueIndex().on(t.teamId, t.handle), check('member_age_positive', gt(t.age, 0))],
);
const schema = { team, member };

const TEAM = '018f0000-0000-7000-8000-000000000001';
const MEMBER = '018f0000-0000-7000-8000-000000000002';

const d1 = startLocalD1(2);
afterAll(() => d1.dispose());

type AnyDb =
  | Awaited<ReturnType<typeof createSqlite<typeof schema>>>
  | Awaited<ReturnType<typeof createD1<typeof schema>>>;

/** Each fault, provoked through the repository or through raw SQL. */
const FAULTS: readonly (readonly [string, (db: AnyDb) => Promise<unknown>])[] = [
  ['unique column', (db) => db.repos.team.create({ id: crypto.randomUUID(), name: 'Red' })],
  ['unique index', (db) => db.repos.member.create({ teamId: TEAM, handle: 'ann' })],
  ['primary key', (db) => db.repos.team.create({ id: TEAM, name: 'Blue' })],
  ['foreign key', (db) => db.repos.member.create({ teamId: crypto.randomUUID(), handle: 'bob' })],
  ['foreign key on delete', (db) => db.repos.team.delete(TEAM)],
  ['check', (db) => db.repos.member.create({ teamId: TEAM, handle: 'cy', age: -1 })],
  [
    'not null (raw SQL)',
    (db) => raw(db, sql`insert into member (id, team_id, handle) values (${crypto.randomUUID()}, ${TEAM}, null)`),
  ],
  ['unique (raw SQL)', (db) => raw(db, sql`insert into team (id, name) values (${crypto.randomUUID()}, 'Red')`)],
  ['missing table (raw SQL)', (db) => raw(db, sql`select * from nowhere`)],
];

async function raw(db: AnyDb, query: ReturnType<typeof sql>): Promise<unknown> {
  // Narrowed apart: the two Drizzle databases' `run` signatures do not unite into one callable.
  return db.engine === 'sqlite' ? db.drizzle.run(query) : db.drizzle.run(query);
}

/** What a caller can see of an error; `cause` is the engine's own and differs by design. */
function seen(error: unknown) {
  expect(error).toBeInstanceOf(DatabaseError);
  const e = error as DatabaseError;
  return {
    kind: e.kind,
    table: e.table,
    columns: e.columns,
    constraint: e.constraint,
    engineCode: e.engineCode,
    message: e.message,
  };
}

async function faultsOn(db: AnyDb) {
  await db.createTables();
  await db.repos.team.create({ id: TEAM, name: 'Red' });
  await db.repos.member.create({ id: MEMBER, teamId: TEAM, handle: 'ann', age: 30 });
  const results: Record<string, ReturnType<typeof seen>> = {};
  for (const [name, provoke] of FAULTS) {
    const error = await caught(() => provoke(db));
    // Raw SQL through db.drizzle is Drizzle's error; the error helpers read it as the repository does.
    results[name] = seen(error instanceof DatabaseError ? error : mapDatabaseError(error, { tables: schema }));
  }
  await db.close();
  return results;
}

describe('D1 errors', () => {
  test('every constraint failure maps to the DatabaseError better-sqlite3 gives', async () => {
    const expected = await faultsOn(await createSqlite({ schema }));
    expect(expected['unique column']?.kind).toBe('unique_violation');
    expect(expected.check).toMatchObject({ kind: 'check_violation', constraint: 'member_age_positive' });
    expect(await faultsOn(await createD1({ schema, binding: await d1.database() }))).toEqual(expected);
  });

  test('the error helpers answer for D1 errors, the repository’s and raw Drizzle’s alike', async () => {
    const db = await createD1({ schema, binding: await d1.database() });
    try {
      await db.createTables();
      await db.repos.team.create({ id: TEAM, name: 'Red' });
      const repeated = await caught(() => db.repos.team.create({ name: 'Red' }));
      expect(isUniqueViolation(repeated)).toBe(true);
      expect(repeated).toMatchObject({ table: 'team', columns: ['name'], engineCode: 'SQLITE_CONSTRAINT_UNIQUE' });
      const rawRepeated = await caught(() =>
        db.drizzle.run(sql`insert into team (id, name) values (${crypto.randomUUID()}, 'Red')`),
      );
      expect(isUniqueViolation(rawRepeated)).toBe(true);
      const orphan = await caught(() => db.repos.member.create({ teamId: crypto.randomUUID(), handle: 'x' }));
      expect(isForeignKeyViolation(orphan)).toBe(true);
    } finally {
      await db.close();
    }
  });
});
