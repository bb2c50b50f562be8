// connect() behind the real PgBouncer in transaction mode that `node scripts/with-postgres.mjs`
// starts: `?pgbouncer=true` (Supabase's and Prisma's convention) and the `pooler` option both
// turn named prepared statements off and never reach the driver. Without PgBouncer: named skips.
import { createPostgresTestDatabase, poolerSkip, serverLogMark, throughPgbouncer } from '@strata/testing';
import { describe, expect, test } from 'vitest';
import { connect } from '../src/index.js';
import { appSchema } from './fixtures.js';

const skip = poolerSkip();
const it = test.skipIf(skip !== undefined);

describe('connect() behind PgBouncer (transaction pooling)', () => {
  if (skip) test.skip(`pgbouncer: ${skip}`, () => {});

  for (const [name, suffix, options] of [
    ['pgbouncer=true in the url', '?pgbouncer=true', {}],
    ["pooler: 'transaction'", '', { pooler: 'transaction' as const }],
  ] as const) {
    it(`${name}: repository work in and out of transactions, no "prepared statement" error`, async () => {
      const database = await createPostgresTestDatabase();
      const mark = serverLogMark();
      const db = await connect(`${throughPgbouncer(database.url)}${suffix}`, { schema: appSchema, ...options });
      try {
        expect(db.engine).toBe('postgres');
        await db.createTables();
        const userId = '01890a5d-ac96-774b-bcce-b302099a8057';
        for (let i = 0; i < 20; i++) {
          const created = await db.repos.note.create({ userId, body: `note ${i}` });
          await db.transaction((tx) => tx.repos.note.update(created.id, { views: i }));
          expect(await db.repos.note.findById(created.id)).toMatchObject({ views: i });
        }
        expect(await db.repos.note.count({ userId })).toBe(20);
        expect(mark.lines(/prepared statement .* does not exist/)).toEqual([]);
      } finally {
        await db.close();
        await database.drop();
      }
    });
  }
});
