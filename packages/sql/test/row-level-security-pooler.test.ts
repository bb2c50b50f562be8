// Row-level security where the server is reached through PgBouncer (transaction pooling), and on
// SQLite, which has none: a schema with policies is refused there unless it acknowledges that
// SQLite leaves them unenforced, and withClaims is refused with a typed error.

import { lazyDatabase } from '@strata/connect';
import { defineTable, enableRowLevelSecurity, id, policy, SchemaError, text, uuid } from '@strata/core';
import { createDatabase as createPglite } from '@strata/pglite';
import { createDatabase } from '@strata/postgres';
import {
  createPostgresTestDatabase,
  engineCases,
  installSupabaseAuthStandIn,
  openTestDatabase,
  poolerSkip,
  throughPgbouncer,
} from '@strata/testing';
import { sql } from 'drizzle-orm';
import { describe, expect, test } from 'vitest';
import { alice, as, bob, mine, rejection, schema } from './rls-support.js';

// Behind PgBouncer in transaction mode every transaction may get another server connection: the
// role and claims are transaction-local, so none leaks to the next transaction on that connection.
describe('row-level security behind PgBouncer (transaction pooling)', () => {
  const skip = poolerSkip();
  test.skipIf(skip !== undefined)(
    'concurrent users each see only their rows; nothing outlives a transaction',
    async () => {
      const database = await createPostgresTestDatabase();
      const db = await createDatabase({
        schema,
        url: throughPgbouncer(database.url),
        pooler: 'transaction',
        maxConnections: 3,
      });
      try {
        await installSupabaseAuthStandIn(db);
        await db.createTables();
        await db.repos.note.createMany([
          { ownerId: alice, body: 'alice' },
          { ownerId: bob, body: 'bob' },
        ]);
        const runs = Array.from({ length: 30 }, (_, index) => {
          const user = index % 2 === 0 ? alice : bob;
          return db
            .withClaims(as(user), (tx) => tx.repos.note.findMany())
            .then((rows) => rows.map((row) => row.ownerId));
        });
        const seen = await Promise.all(runs);
        seen.forEach((owners, index) => {
          expect(owners).toEqual([index % 2 === 0 ? alice : bob]);
        });
        // Plain work on the same pooled connections runs as the connecting role again, with no claims.
        const after = await Promise.all(
          Array.from({ length: 6 }, () =>
            db.drizzle.execute(sql`select current_user as "user", auth.uid() as uid`).then((rows) => rows[0]),
          ),
        );
        for (const row of after) expect(row).toEqual({ user: 'strata', uid: null });
        expect(await db.repos.note.count()).toBe(2);
      } finally {
        await db.close();
        await database.drop();
      }
    },
  );
});

describe('row-level security on SQLite', () => {
  const [sqlite] = engineCases({ only: ['sqlite'] });
  const skip = sqlite?.skip;

  test.skipIf(skip)(
    'a schema with policies is refused unless it acknowledges SQLite leaves them unenforced',
    async () => {
      const refused = await rejection(openTestDatabase('sqlite', schema));
      expect(refused).toBeInstanceOf(SchemaError);
      expect(String((refused as Error).message)).toMatch(
        /table "note".*enableRowLevelSecurity\(\{ sqlite: 'unenforced' \}\)/,
      );

      const acknowledged = {
        note: defineTable('note', { id: id(), ownerId: uuid().notNull(), body: text().notNull() }, (t) => [
          enableRowLevelSecurity({ sqlite: 'unenforced' }),
          policy('note_read_own', { for: 'select', to: 'authenticated', using: mine(t) }),
        ]),
      };
      const db = await openTestDatabase('sqlite', acknowledged);
      try {
        await db.createTables();
        await db.repos.note.create({ ownerId: alice, body: 'visible to all: the app filters' });
        expect(await db.repos.note.count()).toBe(1);
        const unsupported = await rejection(db.withClaims(as(alice), (tx) => tx.repos.note.findMany()));
        expect(unsupported).toMatchObject({ code: 'ROW_LEVEL_SECURITY_UNSUPPORTED' });
        expect(String((unsupported as Error).message)).toMatch(/sqlite/);
        await expect(installSupabaseAuthStandIn(db)).rejects.toMatchObject({ code: 'ROW_LEVEL_SECURITY_UNSUPPORTED' });
      } finally {
        await db.close();
      }
    },
  );
});

describe('row-level security through a lazy handle', () => {
  const [pglite] = engineCases({ only: ['pglite'] });
  test.skipIf(pglite?.skip)('lazyDatabase(...).withClaims opens the database and runs as the role', async () => {
    const db = lazyDatabase(async () => {
      const opened = await createPglite({ schema });
      await installSupabaseAuthStandIn(opened);
      await opened.createTables();
      await opened.repos.note.createMany([
        { ownerId: alice, body: 'alice' },
        { ownerId: bob, body: 'bob' },
      ]);
      return opened;
    });
    try {
      const rows = await db.withClaims(as(bob), (tx) => tx.repos.note.findMany());
      expect(rows.map((row) => row.body)).toEqual(['bob']);
    } finally {
      await db.close();
    }
  });
});
