// Per-user scoping under generated attacks, on every engine: a scoped repository asked for other
// users' rows (by id, by where clauses that try to widen the scope with `or`/`not`, by updates and
// deletes that try to move or reach rows, by creates that name another owner) leaks nothing and
// changes nothing of anyone else's.
import { defineTable, id, integer, isStrataError, text, uuid } from '@strata/core';
import { engineCases, openTestDatabase } from '@strata/testing';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';

const note = defineTable('access_note', {
  id: id(),
  userId: uuid().notNull(),
  body: text().notNull(),
  rank: integer().notNull(),
});
const schema = { note };
const USERS = [
  '018f0000-0000-7000-8000-00000000000a',
  '018f0000-0000-7000-8000-00000000000b',
  '018f0000-0000-7000-8000-00000000000c',
];
const RUNS = process.env.RELIABILITY_LONG === '1' ? 2000 : 200;

/** Where clauses a hostile client could send: field filters, or/not nesting, userId references. */
const whereArbitrary = fc.letrec((tie) => ({
  leaf: fc.oneof(
    fc.record({ userId: fc.constantFrom(...USERS) }),
    fc.record({ userId: fc.record({ in: fc.subarray(USERS, { minLength: 1 }) }) }),
    fc.record({ userId: fc.record({ ne: fc.constantFrom(...USERS) }) }),
    fc.record({ rank: fc.record({ gte: fc.integer({ min: -1, max: 20 }) }) }),
    fc.record({ body: fc.record({ contains: fc.constantFrom('a', 'b', '%', '_', '') }) }),
  ),
  node: fc.oneof(
    { depthSize: 'small' },
    tie('leaf'),
    fc.record({ or: fc.array(tie('node'), { minLength: 1, maxLength: 3 }) }),
    fc.record({ and: fc.array(tie('node'), { minLength: 1, maxLength: 3 }) }),
    fc.record({ not: tie('node') }),
  ),
})).node;

describe.each(engineCases())('scoped access on $engine', ({ engine, skip }) => {
  test.skipIf(skip)(
    `${RUNS} generated cross-user attempts leak and change nothing`,
    async () => {
      const db = await openTestDatabase(engine, schema);
      await db.createTables();
      for (const userId of USERS) {
        await db.repos.note.createMany(
          Array.from({ length: 6 }, (_, rank) => ({ userId, body: `note ${rank} of ${userId.slice(-1)}`, rank })),
        );
      }
      const all = await db.repos.note.findMany();
      const snapshot = JSON.stringify(all.map((row) => [row.id, row.userId, row.body, row.rank]).sort());
      const [me, ...others] = USERS as [string, ...string[]];
      const mine = db.repos.note.forUser(me);
      const foreign = all.filter((row) => row.userId !== me);

      await fc.assert(
        fc.asyncProperty(whereArbitrary, fc.constantFrom(...foreign.map((row) => row.id)), async (where, otherId) => {
          // Reads: only my rows, whatever the clause says about userId.
          const rows = await mine.findMany({ where: where as never });
          expect(rows.every((row) => row.userId === me)).toBe(true);
          expect(await mine.count(where as never)).toBe(rows.length);
          expect(await mine.findById(otherId)).toBeUndefined();
          // Writes aimed at other users' rows behave like writes to missing rows.
          expect(await mine.update(otherId, { body: 'taken' })).toBeUndefined();
          expect(await mine.delete(otherId)).toBeUndefined();
          expect(await mine.updateMany({ id: otherId } as never, { body: 'taken' })).toBe(0);
          expect(await mine.deleteMany({ id: otherId } as never)).toBe(0);
        }),
        { numRuns: RUNS, seed: 42 },
      );
      // Moving a row to another owner, or creating one for another owner, is refused.
      const own = (await mine.findMany())[0];
      if (!own) throw new Error('no own row');
      for (const other of others) {
        await expect(mine.update(own.id, { userId: other } as never)).rejects.toSatisfy(isStrataError);
        await expect(mine.updateMany({}, { userId: other } as never)).rejects.toSatisfy(isStrataError);
        await expect(mine.create({ userId: other, body: 'x', rank: 0 } as never)).rejects.toSatisfy(isStrataError);
      }
      const after = await db.repos.note.findMany();
      expect(JSON.stringify(after.map((row) => [row.id, row.userId, row.body, row.rank]).sort())).toBe(snapshot);
      await db.close();
    },
    300_000,
  );
});
