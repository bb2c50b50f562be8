// The seed's "App Usage" on a real PostgreSQL server: one database holds the CMS and Better Auth
// (with API keys); the first user becomes admin; an API key resolves to its user's CMS role; the
// profile and its user join in one typed relational query; a deleted user takes profile and keys
// along (createAuth deletes a user's API keys with the user).
import { apiKey } from '@better-auth/api-key';
import { createAuth } from '@strata/auth';
import { createPostgresTestDatabase, engineSkip } from '@strata/testing';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createPostgreSQLProvider, openPostgreSQLDatabase, type PostgreSQLCmsDatabase } from '../src/index.js';

const skip = engineSkip('postgres');
const password = 'correct horse battery staple';

describe('a studio on PostgreSQL: CMS and Better Auth in one database', () => {
  if (skip) test.skip(`needs PostgreSQL: ${skip}`, () => {});

  let db: PostgreSQLCmsDatabase;
  let drop: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    if (skip) return;
    const server = await createPostgresTestDatabase();
    drop = server.drop;
    db = await openPostgreSQLDatabase(server.url);
  });
  afterAll(async () => {
    await db?.close();
    await drop?.();
  });

  test.skipIf(skip !== undefined)('API keys carry their user’s CMS role and go with their user', async () => {
    const auth = createAuth({
      database: db,
      secret: 'example-secret-example-secret-12',
      baseURL: 'http://localhost:3000',
      emailAndPassword: { enabled: true },
      plugins: [apiKey({ apiKeyHeaders: ['x-api-key'], rateLimit: { enabled: true, maxRequests: 10_000 } })],
      user: { deleteUser: { enabled: true } },
    });
    const adapter = createPostgreSQLProvider({ db }).createAdapter();

    // Sign-up, then the hook an app runs on first sign-in: the very first user is the admin.
    const signUp = async (email: string) => {
      const { response, headers } = await auth.api.signUpEmail({
        body: { name: email, email, password },
        returnHeaders: true,
      });
      const role = (await adapter.hasAnyUserProfiles()) ? 'editor' : 'admin';
      await adapter.createUserProfile({ userId: response.user.id, role });
      const cookie = headers
        .getSetCookie()
        .map((c) => c.split(';')[0])
        .join('; ');
      return { userId: response.user.id, headers: new Headers({ cookie }) };
    };
    const ada = await signUp('ada@example.com');
    const bob = await signUp('bob@example.com');

    const key = await auth.api.createApiKey({ body: { name: 'deploy hook' }, headers: ada.headers });
    const verified = await auth.api.verifyApiKey({ body: { key: key.key } });
    const owner = verified.key?.referenceId ?? '';
    expect((await adapter.findUserProfileById(owner))?.role).toBe('admin');
    expect((await adapter.findUserProfileById(bob.userId))?.role).toBe('editor');

    const doc = await adapter.createDocument({ type: 'post', draftData: { title: 'Hi' }, createdBy: owner });
    expect((await adapter.publishDoc(doc.id))?.createdBy).toBe(ada.userId);

    const profiles = await db.drizzle.query.userProfiles.findMany({
      with: { user: true },
      orderBy: (profile, { asc }) => asc(profile.createdAt),
    });
    expect(profiles.map((p) => [p.user.email, p.role])).toEqual([
      ['ada@example.com', 'admin'],
      ['bob@example.com', 'editor'],
    ]);

    const bobsKey = await auth.api.createApiKey({ body: { name: 'laptop' }, headers: bob.headers });
    await auth.api.deleteUser({ body: { password }, headers: bob.headers });
    expect(await adapter.findUserProfileById(bob.userId)).toBeNull();
    expect(await db.repos.apikey.count({ referenceId: bob.userId })).toBe(0);
    expect(await db.repos.apikey.count({ referenceId: ada.userId })).toBe(1);
    expect((await auth.api.verifyApiKey({ body: { key: bobsKey.key } })).valid).toBe(false);
    expect((await auth.api.verifyApiKey({ body: { key: key.key } })).valid).toBe(true);
  });
});
