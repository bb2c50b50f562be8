// Real databases for the Studio tests: SQLite in memory (better-sqlite3) and PGlite from a
// snapshot of a fresh data directory, with the test schema's tables and readable rows.
import { fileURLToPath } from 'node:url';
import { createDatabase as createPglite } from '@strata/pglite';
import type { AnyStrataDatabase } from '@strata/sql';
import { createDatabase as createSqlite } from '@strata/sqlite';
import { pgliteSnapshot } from '@strata/testing';
import * as schema from './schema.js';

/** The quickstart's migrations (author and book), for the migrations page: pg and sqlite folders. */
export const LIBRARY_MIGRATIONS = fileURLToPath(
  new URL('../../../../examples/quickstart/migrations/library', import.meta.url),
);

export type Engine = 'sqlite' | 'pglite';

/** Opens an empty database of the test schema on `engine`. */
export async function openTestDatabase(engine: Engine): Promise<AnyStrataDatabase<typeof schema>> {
  const db =
    engine === 'sqlite'
      ? await createSqlite({ schema })
      : await createPglite({ schema, loadDataDir: await pgliteSnapshot() });
  await db.createTables();
  return db as unknown as AnyStrataDatabase<typeof schema>;
}

/** Opens an empty database of the quickstart's schema (nothing applied yet) on `engine`. */
export async function openLibraryDatabase(engine: Engine): Promise<AnyStrataDatabase> {
  const library = await import('../../../../examples/quickstart/src/schema.js');
  const db =
    engine === 'sqlite'
      ? await createSqlite({ schema: library })
      : await createPglite({ schema: library, loadDataDir: await pgliteSnapshot() });
  return db as unknown as AnyStrataDatabase;
}

/** Two authors and `posts` posts (every fifth published, views 0…n-1, tags on even ones). */
export async function seed(
  db: AnyStrataDatabase<typeof schema>,
  posts: number,
): Promise<{ ursula: string; ted: string }> {
  const ursula = await db.repos.author.create({ name: 'Ursula K. Le Guin', email: 'ursula@example.com' });
  const ted = await db.repos.author.create({ name: 'Ted Chiang', email: 'ted@example.com' });
  const rows = Array.from({ length: posts }, (_, i) => ({
    authorId: i % 2 === 0 ? ursula.id : ted.id,
    title: `Post ${String(i).padStart(5, '0')}${i === 7 ? ' about 50% Off' : ''}`,
    status: i % 5 === 0 ? ('published' as const) : ('draft' as const),
    views: i,
    meta: i % 2 === 0 ? { tags: ['even'] } : null,
  }));
  await db.repos.post.insertMany(rows);
  return { ursula: ursula.id, ted: ted.id };
}

/**
 * The two-database example's layout on SQLite: Better Auth's tables (`auth`) and the app's
 * (`app`, every row with a `userId` and no foreign key), two users, Ada with two entries.
 */
export async function openTwoDatabases(): Promise<{ auth: AnyStrataDatabase; app: AnyStrataDatabase }> {
  const authSchema = await import('../../../../examples/two-databases/src/schema/auth.js');
  const appSchema = await import('../../../../examples/two-databases/src/schema/app.js');
  const auth = await createSqlite({ schema: authSchema });
  const app = await createSqlite({ schema: appSchema });
  await auth.createTables();
  await app.createTables();
  await auth.repos.user.create({ id: 'user_ada', name: 'Ada Lovelace', email: 'ada@example.com' });
  await auth.repos.user.create({ id: 'user_alan', name: 'Alan Turing', email: 'alan@example.com' });
  const notes = await app.repos.collection.create({ name: 'Notes', userId: 'user_ada' });
  const papers = await app.repos.collection.create({ name: 'Papers', userId: 'user_alan' });
  await app.repos.entry.insertMany([
    { title: 'Bernoulli numbers', collectionId: notes.id, userId: 'user_ada' },
    { title: 'Operation cards', collectionId: notes.id, userId: 'user_ada' },
    { title: 'On computable numbers', collectionId: papers.id, userId: 'user_alan' },
  ]);
  return { auth: auth as unknown as AnyStrataDatabase, app: app as unknown as AnyStrataDatabase };
}
