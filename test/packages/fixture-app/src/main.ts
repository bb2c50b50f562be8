// The app a team writes: one schema, opened from DATABASE_URL on whichever engine it names,
// migrated by the strata CLI beforehand. Prints what it saw as JSON for the packages test.
import { connect } from '@strata/connect';
import { getConstraintName, isUniqueViolation, type NewRow, type Row } from '@strata/core';
// Typed `db.drizzle` for the engines this app opens: connect() itself imports no engine package.
import type {} from '@strata/pglite';
import type {} from '@strata/postgres';
import type {} from '@strata/sqlite';
import { and, type Column, desc, eq, gt, sql } from 'drizzle-orm';
import * as schema from './schema.js';

const url = process.env.DATABASE_URL;
if (!url) throw new Error('DATABASE_URL is not set');

const db = await connect(url, { schema });
try {
  const ada: Row<typeof schema.member> = await db.repos.member.create({ email: 'ada@example.com', name: 'Ada' });
  const drafts: NewRow<typeof schema.post>[] = [
    { memberId: ada.id, title: 'First', views: 10, meta: { tags: ['a'] } },
    { memberId: ada.id, title: 'Second', views: 20, meta: null },
    { memberId: ada.id, title: 'Third', views: 30 },
  ];
  const posts = await db.repos.post.createMany(drafts);
  await db.repos.post.delete(posts[1]?.id ?? '');

  let duplicate: { unique: boolean; constraint: string | undefined } | undefined;
  try {
    await db.repos.member.create({ email: 'ada@example.com', name: 'Ada again' });
  } catch (error) {
    duplicate = { unique: isUniqueViolation(error), constraint: getConstraintName(error) };
  }

  // The app's own drizzle-orm operators on Strata's tables (one copy of drizzle-orm). Drizzle's
  // query builders differ per dialect: narrow on db.dialect, then db.drizzle is callable.
  const popularWhere = (post: { memberId: Column; views: Column; deletedAt: Column }) =>
    and(eq(post.memberId, ada.id), gt(post.views, 15), sql`${post.deletedAt} is null`);
  let popular: { title: string }[];
  let related: { posts: unknown[] } | undefined;
  let drizzleUnique = false;
  const duplicateMember = { email: 'ada@example.com', name: 'Ada thrice' };
  if (db.dialect === 'pg') {
    const { member, post } = db.tables;
    popular = await db.drizzle
      .select({ title: post.title })
      .from(post)
      .where(popularWhere(post))
      .orderBy(desc(post.views));
    related = await db.drizzle.query.member.findFirst({ where: eq(member.email, ada.email), with: { posts: true } });
    drizzleUnique = await db.drizzle
      .insert(member)
      .values(duplicateMember)
      .then(() => false, isUniqueViolation);
  } else {
    const { member, post } = db.tables;
    popular = await db.drizzle
      .select({ title: post.title })
      .from(post)
      .where(popularWhere(post))
      .orderBy(desc(post.views));
    related = await db.drizzle.query.member.findFirst({ where: eq(member.email, ada.email), with: { posts: true } });
    drizzleUnique = await db.drizzle
      .insert(member)
      .values(duplicateMember)
      .then(() => false, isUniqueViolation);
  }

  console.log(
    JSON.stringify({
      engine: db.engine,
      role: ada.role,
      active: ada.active,
      visiblePosts: await db.repos.post.count(),
      page: (await db.repos.post.paginate({ page: 1, pageSize: 1, orderBy: { views: 'asc' } })).pageCount,
      popular: popular.map((row) => row.title),
      duplicate,
      drizzleUnique,
      relatedPosts: related?.posts.length,
    }),
  );
} finally {
  await db.close();
}
