// Auth in one database, app data in another (seed 000): deleting a user through Better Auth
// cleans up their app rows through `onUserDeleted`, and `findOrphans` reports app rows whose
// owner is gone. Every engine hosts both databases in turn (on PGlite, the app database shares
// the auth database's PGlite instance rather than starting a second one).
import { createDatabase as createPglite } from '@strata/pglite';
import { engineCases, openTestDatabase, type TestDatabase, type TestEngineName } from '@strata/testing';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { authSchema, deleteUserRows, findOrphans } from '../src/index.js';
import * as app from './app-schema.js';
import { cookieFrom, migrateUp, testAuth } from './support.js';

type AuthDb = TestDatabase<typeof authSchema>;
type AppDb = TestDatabase<typeof app>;

const password = 'correct horse battery staple';

async function openAppDatabase(engine: TestEngineName, authDb: AuthDb): Promise<AppDb> {
  if (authDb.engine === 'pglite') return createPglite({ schema: app, client: authDb.client });
  return openTestDatabase(engine, app);
}

describe.each(engineCases())('two databases on $engine', ({ engine, skip }) => {
  const it = test.skipIf(skip !== undefined);
  if (skip) test.skip(`${engine}: ${skip}`, () => {});

  let authDb: AuthDb;
  let appDb: AppDb;

  beforeAll(async () => {
    if (skip) return;
    authDb = await openTestDatabase(engine, authSchema);
    await migrateUp(authDb, authSchema);
    appDb = await openAppDatabase(engine, authDb);
    // Strata's migration history is one table per physical database: two schemas sharing one
    // PGlite instance cannot both keep one, so the shared instance gets its app tables directly.
    if (appDb.engine === 'pglite') await appDb.createTables();
    else await migrateUp(appDb, app);
  });
  afterAll(async () => {
    await appDb?.close();
    await authDb?.close();
  });

  /** Signs a user up and gives them a collection with an entry and settings in the app database. */
  async function userWithData(email: string) {
    const { response, headers } = await auth.api.signUpEmail({
      body: { name: email, email, password },
      returnHeaders: true,
    });
    const userId = response.user.id;
    const mine = appDb.repos.collection.forUser(userId);
    const collection = await mine.create({ name: 'Inbox' });
    await appDb.repos.entry.forUser(userId).create({ title: 'Hello', collectionId: collection.id });
    await appDb.repos.collectionSettings.forUser(userId).create({ collectionId: collection.id, viewMode: 'list' });
    return { userId, cookie: new Headers({ cookie: cookieFrom(headers) }) };
  }

  const tables = [app.entry, app.collectionSettings, app.collection];
  let auth: ReturnType<typeof testAuth>;
  let reassignAuth: ReturnType<typeof testAuth>;

  beforeAll(() => {
    if (skip) return;
    auth = testAuth(authDb, deleteUserRows(appDb, tables));
    reassignAuth = testAuth(authDb, deleteUserRows(appDb, tables, { reassignTo: 'archive' }));
  });

  it('deletes a deleted user’s app rows in the other database', async () => {
    const ada = await userWithData('ada@example.com');
    const bob = await userWithData('bob@example.com');
    await auth.api.deleteUser({ body: { password }, headers: ada.cookie });
    expect(await authDb.repos.user.findById(ada.userId)).toBeUndefined();
    // Entries soft-delete; the rest are gone. Bob keeps everything.
    expect(await appDb.repos.entry.count({ userId: ada.userId })).toBe(0);
    expect(await appDb.repos.collection.count({ userId: ada.userId })).toBe(0);
    expect(await appDb.repos.collectionSettings.count({ userId: ada.userId })).toBe(0);
    expect(await appDb.repos.collection.count({ userId: bob.userId })).toBe(1);
    expect(await findOrphans({ auth: authDb, app: appDb, tables })).toEqual([]);
  });

  it('or reassigns them', async () => {
    const cyd = await userWithData('cyd@example.com');
    await reassignAuth.api.deleteUser({ body: { password }, headers: cyd.cookie });
    expect(await appDb.repos.collection.count({ userId: cyd.userId })).toBe(0);
    expect(await appDb.repos.collection.count({ userId: 'archive' })).toBe(1);
    expect(await appDb.repos.entry.count({ userId: 'archive' })).toBe(1);
  });

  it('reports app rows whose user is gone', async () => {
    // A user deleted behind Better Auth's back (no hook ran) leaves rows behind.
    const dee = await userWithData('dee@example.com');
    await authDb.repos.user.delete(dee.userId);
    const orphans = await findOrphans({ auth: authDb, app: appDb, tables, batchSize: 1 });
    const deeRows = orphans.filter((orphan) => orphan.userId === dee.userId);
    expect(deeRows.map((orphan) => orphan.table).sort()).toEqual(['collection', 'collection_settings', 'entry']);
    // Reassigned rows (owner "archive", no such user) are orphans too, until the archive user exists.
    expect(orphans.filter((orphan) => orphan.userId === 'archive')).toHaveLength(3);
    // Rows of live users never are.
    const users = new Set((await authDb.repos.user.findMany({ select: ['id'] })).map((user) => user.id));
    expect(orphans.some((orphan) => users.has(orphan.userId))).toBe(false);
  });
});
