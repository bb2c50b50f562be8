// Seed 000's layout end to end: Better Auth on the test PostgreSQL server, app data in PGlite,
// both databases migrated from their own Strata-generated folders; per-user scoping; deleting a
// user through Better Auth removes their app rows; the consistency check finds nothing left.
import { createPostgresTestDatabase, engineCases, pgliteSnapshot } from '@strata/testing';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  type AppDatabase,
  type AuthDatabase,
  createAppAuth,
  createAppDatabase,
  createAuthDatabase,
  findOrphanedRows,
} from '../src/clients.js';

const cases = engineCases();
const skip = cases.find((c) => c.engine === 'postgres')?.skip ?? cases.find((c) => c.engine === 'pglite')?.skip;
const it = test.skipIf(skip !== undefined);
const password = 'correct horse battery staple';

describe('auth on PostgreSQL, app data in PGlite', () => {
  if (skip) test.skip(`needs PostgreSQL and PGlite: ${skip}`, () => {});

  let drop: (() => Promise<void>) | undefined;
  let authDb: AuthDatabase;
  let appDb: AppDatabase;
  let auth: ReturnType<typeof createAppAuth>;

  beforeAll(async () => {
    if (skip) return;
    const server = await createPostgresTestDatabase();
    drop = server.drop;
    authDb = await createAuthDatabase(server.url);
    appDb = await createAppDatabase({ loadDataDir: await pgliteSnapshot() });
    auth = createAppAuth(authDb, appDb, {
      secret: 'example-secret-example-secret-12',
      baseURL: 'http://localhost:3000',
    });
  });
  afterAll(async () => {
    await appDb?.close();
    await authDb?.close();
    await drop?.();
  });

  async function signUp(email: string) {
    const { response, headers } = await auth.api.signUpEmail({
      body: { name: email, email, password },
      returnHeaders: true,
    });
    const cookie = headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    return { userId: response.user.id, token: response.token, headers: new Headers({ cookie }) };
  }

  it('keeps each user to their own rows, deletes them with the user, and checks consistency', async () => {
    expect(authDb.engine).toBe('postgres');
    expect(appDb.engine).toBe('pglite');
    const ada = await signUp('ada@example.com');
    const bob = await signUp('bob@example.com');

    // The request's user, from the session, scopes every app query.
    const session = await auth.api.getSession({ headers: new Headers({ authorization: `Bearer ${ada.token}` }) });
    const adaId = session?.user.id ?? '';
    const collections = appDb.repos.collection.forUser(adaId);
    const entries = appDb.repos.entry.forUser(adaId);
    const inbox = await collections.create({ name: 'Inbox' });
    await entries.create({ title: 'First', collectionId: inbox.id });
    await appDb.repos.collectionSettings.forUser(adaId).create({ collectionId: inbox.id, viewMode: 'grid' });
    const bobs = await appDb.repos.collection.forUser(bob.userId).create({ name: 'Inbox' });

    expect(await collections.findById(bobs.id)).toBeUndefined();
    expect(await collections.update(bobs.id, { name: 'Mine now' })).toBeUndefined();
    expect(await collections.delete(bobs.id)).toBeUndefined();
    expect((await appDb.repos.collection.findById(bobs.id))?.name).toBe('Inbox');
    const withEntries = await appDb.drizzle.query.collection.findMany({
      where: (c, { eq }) => eq(c.userId, adaId),
      with: { entries: true, settings: true },
    });
    expect(withEntries).toMatchObject([
      { name: 'Inbox', entries: [{ title: 'First' }], settings: [{ viewMode: 'grid' }] },
    ]);

    // An API key stands in for the user in scripts.
    const key = await auth.api.createApiKey({ body: { name: 'sync' }, headers: ada.headers });
    expect((await auth.api.verifyApiKey({ body: { key: key.key } })).key?.referenceId).toBe(adaId);

    await auth.api.deleteUser({ body: { password }, headers: ada.headers });
    expect(await authDb.repos.user.findById(adaId)).toBeUndefined();
    expect(await appDb.repos.collection.count({ userId: adaId })).toBe(0);
    expect(await appDb.repos.entry.count({ userId: adaId })).toBe(0);
    expect(await appDb.repos.collectionSettings.count({ userId: adaId })).toBe(0);
    expect(await appDb.repos.collection.count({ userId: bob.userId })).toBe(1);
    expect(await findOrphanedRows(authDb, appDb)).toEqual([]);

    // A user removed behind Better Auth's back is caught by the check.
    await authDb.repos.user.delete(bob.userId);
    expect(await findOrphanedRows(authDb, appDb)).toEqual([{ table: 'collection', id: bobs.id, userId: bob.userId }]);
  });
});
