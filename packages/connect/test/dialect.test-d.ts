/**
 * Type tests: a database from a URL known only at run time is a union of the engines' databases;
 * narrowed to several PostgreSQL engines — by `db.dialect === 'pg'` or by `db.engine` — its
 * `db.drizzle` is callable and is Drizzle's `PgDatabase` (`PgDrizzleOf`), and narrowed to SQLite it
 * is a `BaseSQLiteDatabase` (`SQLiteDrizzleOf`). Only type-checked, never executed.
 */
import { defineRelations, defineTable, id, softDelete, text, uuid } from '@strata/core';
import { eq } from 'drizzle-orm';
import { describe, expectTypeOf, test } from 'vitest';
import { type ConnectedDatabase, connect, type PgDrizzleOf, type SQLiteDrizzleOf } from '../src/index.js';

const member = defineTable('member', { id: id(), name: text().notNull(), ...softDelete() });
const post = defineTable('post', {
  id: id(),
  memberId: uuid()
    .notNull()
    .references(() => member.id),
  title: text(),
});
const memberRelations = defineRelations(member, ({ many }) => ({ posts: many(post) }));
const postRelations = defineRelations(post, ({ one }) => ({
  member: one(member, { fields: [post.memberId], references: [member.id] }),
}));
const schema = { member, post, memberRelations, postRelations };

declare const db: ConnectedDatabase<typeof schema>;

describe('narrowing a ConnectedDatabase to a dialect', () => {
  test("db.dialect is 'pg' | 'sqlite', and each engine's is one of them", () => {
    expectTypeOf(db.dialect).toEqualTypeOf<'pg' | 'sqlite'>();
    if (db.engine === 'pglite') expectTypeOf(db.dialect).toEqualTypeOf<'pg'>();
    if (db.engine === 'sqlite') expectTypeOf(db.dialect).toEqualTypeOf<'sqlite'>();
  });

  test("dialect === 'pg': the PostgreSQL engines, with a callable PgDatabase", async () => {
    if (db.dialect !== 'pg') return;
    expectTypeOf(db.engine).toEqualTypeOf<'postgres' | 'pglite' | 'neon'>();
    const rows = await db.drizzle.select().from(db.tables.member).where(eq(db.tables.member.name, 'Ann'));
    expectTypeOf(rows).toEqualTypeOf<(typeof db.tables.member.$inferSelect)[]>();
    const withPosts = await db.drizzle.query.member.findMany({ with: { posts: true } });
    expectTypeOf(withPosts[0]?.posts[0]?.title).toEqualTypeOf<string | null | undefined>();
    await db.drizzle.insert(db.tables.post).values({ memberId: 'x', title: 't' });
    expectTypeOf(db.drizzle).toMatchTypeOf<PgDrizzleOf<typeof schema>>();
  });

  test('engine === pglite || postgres: the same callable PgDatabase', async () => {
    if (db.engine === 'pglite' || db.engine === 'postgres') {
      const rows = await db.drizzle.select({ id: db.tables.member.id }).from(db.tables.member);
      expectTypeOf(rows).toEqualTypeOf<{ id: string }[]>();
      expectTypeOf(db.drizzle).toMatchTypeOf<PgDrizzleOf<typeof schema>>();
    }
  });

  test("dialect === 'sqlite': SQLite's BaseSQLiteDatabase, better-sqlite3's or libSQL's", () => {
    if (db.dialect !== 'sqlite') return;
    expectTypeOf(db.engine).toEqualTypeOf<'sqlite' | 'libsql'>();
    expectTypeOf(db.drizzle).toMatchTypeOf<SQLiteDrizzleOf<typeof schema>>();
    if (db.engine !== 'sqlite') return;
    // better-sqlite3 answers synchronously; libSQL's `all()` is a promise.
    const rows = db.drizzle.select().from(db.tables.post).all();
    expectTypeOf(rows).toEqualTypeOf<(typeof db.tables.post.$inferSelect)[]>();
  });

  test('a function written once for every PostgreSQL engine takes db.drizzle after narrowing', async () => {
    const members = (drizzle: PgDrizzleOf<typeof schema>) => drizzle.query.member.findMany({ with: { posts: true } });
    const opened = await connect(process.env.DATABASE_URL ?? 'pglite:memory', { schema });
    if (opened.dialect === 'pg') expectTypeOf(await members(opened.drizzle)).items.toHaveProperty('posts');
    // Narrowing is needed: SQLite's Drizzle is not a PgDatabase.
    // @ts-expect-error db.drizzle may be SQLite's
    await members(opened.drizzle);
  });
});
