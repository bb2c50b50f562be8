// The error helpers read engine errors from queries made through `db.drizzle` too, not only the
// repository's: the same kind and constraint name on every engine.
import {
  defineTable,
  findDatabaseError,
  getConstraintName,
  id,
  isForeignKeyViolation,
  isUniqueViolation,
  text,
  uuid,
} from '@strata/core';
import { caught, engineCases, openTestDatabase, rawInsert, type TestDatabase } from '@strata/testing';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

const team = defineTable('drizzle_error_team', { id: id(), slug: text().notNull().unique() });
const member = defineTable('drizzle_error_member', {
  id: id(),
  teamId: uuid()
    .notNull()
    .references(() => team.id),
});
const schema = { team, member };

describe.each(engineCases())('errors of db.drizzle queries on $engine', ({ engine, skip }) => {
  const it = test.skipIf(skip !== undefined);
  if (skip) test.skip(`${engine}: ${skip}`, () => {});
  let db: TestDatabase<typeof schema>;

  beforeAll(async () => {
    if (skip) return;
    db = await openTestDatabase(engine, schema);
    await db.createTables();
    await db.repos.team.create({ slug: 'core' });
  });
  afterAll(async () => {
    await db?.close();
  });

  // Through the engine's own Drizzle database, past the repository.
  const insertTeam = (slug: string) => rawInsert(db, 'team', { id: crypto.randomUUID(), slug });
  const insertMember = (teamId: string) => rawInsert(db, 'member', { id: crypto.randomUUID(), teamId });

  it('a duplicate key is a unique violation with the constraint’s name', async () => {
    const error = await caught(async () => insertTeam('core'));
    expect(isUniqueViolation(error)).toBe(true);
    expect(getConstraintName(error)).toBe('drizzle_error_team_slug_key');
    expect(findDatabaseError(error)?.engineCode).toBeDefined();
  });

  it('a missing parent is a foreign key violation', async () => {
    const error = await caught(async () => insertMember(crypto.randomUUID()));
    expect(isForeignKeyViolation(error)).toBe(true);
    expect(isUniqueViolation(error)).toBe(false);
  });

  it('an error that is no engine’s stays unrecognised', () => {
    expect(findDatabaseError(new Error('not a database error'))).toBeUndefined();
    expect(isUniqueViolation(undefined)).toBe(false);
  });
});
