// Better Auth wired by hand (`authAdapter`), Better Auth's tables without the API-key plugin's,
// API keys kept on request, and Better Auth on Neon's HTTP driver (no transactions there).
import { apiKey } from '@better-auth/api-key';
import { connect } from '@strata/connect';
import { createNeonDatabase } from '@strata/postgres/neon';
import { createPostgresTestDatabase, engineCases, openTestDatabase, startNeonHttpEndpoint } from '@strata/testing';
import { betterAuth } from 'better-auth';
import { describe, expect, test } from 'vitest';
import { authAdapter, authSchema, createAuth, defineAuthSchema } from '../src/index.js';
import { cookieFrom, migrateUp } from './support.js';

const password = 'correct horse battery staple';
const common = {
  secret: 'strata-test-secret-strata-test-secret',
  baseURL: 'http://localhost:3000',
  telemetry: { enabled: false },
  logger: { disabled: true },
  emailAndPassword: { enabled: true },
} as const;

describe('authAdapter and defineAuthSchema({ apiKey: false })', () => {
  test('Better Auth, called directly on the adapter, signs up and in on tables without apikey', async () => {
    const plain = defineAuthSchema({ apiKey: false });
    expect(Object.keys(plain.schema).sort()).toEqual([
      'account',
      'accountRelations',
      'session',
      'sessionRelations',
      'user',
      'userRelations',
      'verification',
    ]);
    expect(plain.user.additionalFields).toEqual({});
    const db = await openTestDatabase('sqlite', plain.schema);
    try {
      await migrateUp(db, plain.schema);
      const auth = betterAuth({ ...common, database: authAdapter(db) });
      const { response } = await auth.api.signUpEmail({
        body: { name: 'Ada', email: 'ada@example.com', password },
        returnHeaders: true,
      });
      const { headers } = await auth.api.signInEmail({
        body: { email: 'ada@example.com', password },
        returnHeaders: true,
      });
      const session = await auth.api.getSession({ headers: new Headers({ cookie: cookieFrom(headers) }) });
      expect(session?.user.id).toBe(response.user.id);
      expect(await db.repos.session.count()).toBe(2);
    } finally {
      await db.close();
    }
  });

  test('createAuth takes a database opened with connect()', async () => {
    const db = await connect('sqlite::memory:', { schema: authSchema });
    try {
      await migrateUp(db, authSchema);
      const auth = createAuth({ ...common, database: db });
      const { user } = await auth.api.signUpEmail({ body: { name: 'Bo', email: 'bo@example.com', password } });
      expect(await db.repos.user.findById(user.id)).toMatchObject({ email: 'bo@example.com' });
    } finally {
      await db.close();
    }
  });

  test('deleteApiKeysWithUser: false keeps a deleted user’s keys', async () => {
    const db = await openTestDatabase('sqlite', authSchema);
    try {
      await migrateUp(db, authSchema);
      const auth = createAuth({
        ...common,
        database: db,
        plugins: [apiKey()],
        user: { deleteUser: { enabled: true } },
        deleteApiKeysWithUser: false,
      });
      const { headers } = await auth.api.signUpEmail({
        body: { name: 'Cy', email: 'cy@example.com', password },
        returnHeaders: true,
      });
      const cookie = new Headers({ cookie: cookieFrom(headers) });
      await auth.api.createApiKey({ body: { name: 'ci' }, headers: cookie });
      await auth.api.deleteUser({ body: { password }, headers: cookie });
      expect(await db.repos.user.count()).toBe(0);
      expect(await db.repos.apikey.count()).toBe(1);
    } finally {
      await db.close();
    }
  });
});

const postgres = engineCases({ only: ['postgres'] })[0];

describe('Better Auth on Neon’s HTTP driver', () => {
  const it = test.skipIf(postgres?.skip !== undefined);
  if (postgres?.skip) test.skip(`postgres: ${postgres.skip}`, () => {});

  it('signs up without transactions, which the HTTP driver cannot run', async () => {
    const server = await createPostgresTestDatabase();
    const endpoint = await startNeonHttpEndpoint();
    const db = await createNeonDatabase({
      schema: authSchema,
      url: server.url,
      driver: 'http',
      fetchEndpoint: endpoint.url,
    });
    try {
      const migrator = await connect(server.url, { schema: authSchema });
      await migrateUp(migrator, authSchema);
      await migrator.close();
      const auth = createAuth({ ...common, database: db, plugins: [apiKey()] });
      const { user } = await auth.api.signUpEmail({ body: { name: 'Di', email: 'di@example.com', password } });
      expect(await db.repos.account.count({ userId: user.id })).toBe(1);
    } finally {
      await db.close();
      await endpoint.close();
      await server.drop();
    }
  });
});
