// Readable demo data: three people in the auth database, their collections and entries in the
// app database (linked by userId, as the two-database example does without a foreign key).
import type { AnyStrataDatabase } from '@strata/sql';
import type * as app from '../../two-databases/src/schema/app.js';
import type * as auth from '../../two-databases/src/schema/auth.js';

const PEOPLE = [
  { id: 'user_ada', name: 'Ada Lovelace', email: 'ada@example.com', emailVerified: true },
  { id: 'user_grace', name: 'Grace Hopper', email: 'grace@example.com', emailVerified: true },
  { id: 'user_alan', name: 'Alan Turing', email: 'alan@example.com', emailVerified: false },
];

const COLLECTIONS: Record<string, { name: string; color: string; entries: string[] }[]> = {
  user_ada: [
    {
      name: 'Notes on the Engine',
      color: '#2f5fd0',
      entries: ['Bernoulli numbers', 'Operation cards', 'Variables and the store'],
    },
    { name: 'Letters', color: '#9a6700', entries: ['To Babbage, July 1843', 'To Mary Somerville'] },
  ],
  user_grace: [
    {
      name: 'Compilers',
      color: '#1a7f37',
      entries: ['A-0 system', 'FLOW-MATIC', 'COBOL committee minutes', 'Nanoseconds, a demonstration'],
    },
    { name: 'Bugs', color: '#b3261e', entries: ['Moth in relay 70, panel F'] },
  ],
  user_alan: [
    {
      name: 'Computable numbers',
      color: '#6f42c1',
      entries: ['On computable numbers', 'The imitation game', 'Morphogenesis'],
    },
  ],
};

/** Fills both databases through their repositories. */
export async function seedDemo(
  authDb: AnyStrataDatabase<typeof auth>,
  appDb: AnyStrataDatabase<typeof app>,
): Promise<void> {
  for (const person of PEOPLE) await authDb.repos.user.create(person);
  for (const [userId, collections] of Object.entries(COLLECTIONS)) {
    for (const { name, color, entries } of collections) {
      const collection = await appDb.repos.collection.create({
        name,
        color,
        userId,
        description: `${entries.length} entries`,
      });
      await appDb.repos.collectionSettings.create({
        collectionId: collection.id,
        userId,
        sortBy: 'title',
        sortOrder: 'asc',
        viewMode: 'list',
      });
      for (const title of entries) {
        await appDb.repos.entry.create({
          title,
          content: `${title}: a note kept by ${userId.slice(5)}.`,
          collectionId: collection.id,
          userId,
        });
      }
    }
  }
}
