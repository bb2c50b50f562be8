// Acceptance: the app as a whole keeps working across the two databases — a user signs up
// through Better Auth on PostgreSQL, their session scopes their rows in PGlite, and deleting the
// user (no foreign key can cascade across databases) removes their app rows too.
import { createAuth, deleteUserRows, findOrphans } from '@strata/auth';
import { createPostgresTestDatabase, engineSkip, type PostgresTestDatabase, pgliteSnapshot } from '@strata/testing';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type AppDatabase, createAppDatabase } from '../src/client/app-db.js';
import { type AuthDatabase, createAuthDatabase } from '../src/client/auth-db.js';
import { userOwnedTables } from '../src/schema/app.js';

const skip = engineSkip('postgres', 'pglite');
const it = test.skipIf(skip !== undefined);
const password = 'correct horse battery staple';

describe('auth on PostgreSQL, app data in PGlite', () => {
  if (skip) test.skip(`needs PostgreSQL and PGlite: ${skip}`, () => {});
  let server: PostgresTestDatabase | undefined;
  let authDb: AuthDatabase;
  let appDb: AppDatabase;

  beforeAll(async () => {
    if (skip) return;
    server = await createPostgresTestDatabase();
    authDb = await createAuthDatabase({ connectionString: server.url });
    appDb = await createAppDatabase({ loadDataDir: await pgliteSnapshot() });
  });
  afterAll(async () => {
    await appDb?.db.close();
    await authDb?.db.close();
    await server?.drop();
  });

  function newAuth() {
    return createAuth({
      database: authDb.db,
      secret: 'typyst-test-secret-typyst-test-secret',
      baseURL: 'http://localhost:3000',
      emailAndPassword: { enabled: true },
      user: { deleteUser: { enabled: true } },
      onUserDeleted: deleteUserRows(appDb.db, userOwnedTables),
    });
  }

  async function signUp(auth: ReturnType<typeof newAuth>, email: string) {
    const { headers } = await auth.api.signUpEmail({ body: { name: email, email, password }, returnHeaders: true });
    const cookie = headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    const session = await auth.api.getSession({ headers: new Headers({ cookie }) });
    return { userId: session?.user.id ?? '', headers: new Headers({ cookie }) };
  }

  it('stores each signed-in user’s rows in PGlite and removes them with the user', async () => {
    const auth = newAuth();
    const ada = await signUp(auth, 'ada@example.com');
    const bob = await signUp(auth, 'bob@example.com');

    // Per request: the session's user scopes every app query.
    const adaCollections = appDb.db.repos.collection.forUser(ada.userId);
    const journal = await adaCollections.create({ name: 'Journal' });
    await appDb.db.repos.entry.forUser(ada.userId).create({ title: 'Day one', collectionId: journal.id });
    await appDb.db.repos.collectionSettings.forUser(ada.userId).create({ collectionId: journal.id, sortBy: 'title' });
    const bobs = await appDb.db.repos.collection.forUser(bob.userId).create({ name: 'Drafts' });
    expect(await adaCollections.findById(bobs.id)).toBeUndefined();
    expect(await appDb.db.repos.entry.forUser(bob.userId).count()).toBe(0);

    await auth.api.deleteUser({ body: { password }, headers: ada.headers });
    expect(await authDb.db.repos.user.findById(ada.userId)).toBeUndefined();
    for (const table of userOwnedTables) expect(await appDb.db.repo(table).count({ userId: ada.userId })).toBe(0);
    expect(await appDb.db.repos.collection.count({ userId: bob.userId })).toBe(1);
    expect(await findOrphans({ auth: authDb.db, app: appDb.db, tables: userOwnedTables })).toEqual([]);
  });
});
