// Better Auth's own flows on every engine, through Better Auth's public API only: the auth tables
// come from Strata's neutral definitions, created by Strata-generated migrations, and Better Auth
// runs on them through `createAuth`. One database per engine for the whole file.

import { apiKey } from '@better-auth/api-key';
import { schemaCheckFor } from '@better-auth/core/db/internal';
import { enumeration, integer, json, SchemaError, text, timestamp } from '@strata/core';
import { engineCases, openTestDatabase, type TestDatabase } from '@strata/testing';
import { APIError } from 'better-auth';
import { bearer } from 'better-auth/plugins';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  authSchema,
  betterAuthDrizzleSchema,
  createAuth,
  defineAuthSchema,
  defineUserProfiles,
  USER_ROLES,
} from '../src/index.js';
import { cookieFrom, migrateUp, testAuth } from './support.js';

// `user` with additional fields, defined once for the table and for Better Auth.
const auth = defineAuthSchema({
  userFields: {
    role: enumeration(USER_ROLES).notNull().default('viewer'),
    bio: text(),
    logins: integer().notNull().default(0),
    onboardedAt: timestamp(),
  },
  fieldOptions: { role: { input: false } },
});
const schema = { ...auth.schema, ...defineUserProfiles(auth.schema.user) };
type Db = TestDatabase<typeof schema>;

const password = 'correct horse battery staple';

/** Rejects with Better Auth's APIError; returns its HTTP status. */
async function apiStatus(call: Promise<unknown>): Promise<number> {
  const error = await call.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(APIError);
  return (error as APIError).statusCode;
}

function authFor(db: Db, deleted: string[]) {
  return createAuth({
    database: db,
    secret: 'strata-test-secret-strata-test-secret',
    baseURL: 'http://localhost:3000',
    telemetry: { enabled: false },
    logger: { disabled: true }, // the wrong-key and wrong-password cases would log errors
    emailAndPassword: { enabled: true },
    plugins: [apiKey(), bearer()],
    user: { ...auth.user, deleteUser: { enabled: true } },
    onUserDeleted: async (user) => {
      deleted.push(user.email);
    },
  });
}

describe.each(engineCases())('Better Auth on $engine', ({ engine, skip }) => {
  const it = test.skipIf(skip !== undefined);
  if (skip) test.skip(`${engine}: ${skip}`, () => {});

  let db: Db;
  let betterAuth: ReturnType<typeof authFor>;
  const deleted: string[] = [];

  beforeAll(async () => {
    if (skip) return;
    db = await openTestDatabase(engine, schema);
    await migrateUp(db, schema);
    betterAuth = authFor(db, deleted);
  });
  afterAll(async () => {
    await db?.close();
  });

  it('starts with a schema Better Auth validates as complete', async () => {
    const context = await betterAuth.$context;
    const check = schemaCheckFor(context.adapter);
    expect(check).toBeDefined();
    await expect(Promise.resolve(check?.())).resolves.toBeUndefined();
  });

  it('signs up, and refuses a second account for the same email; clients cannot set the role', async () => {
    const { response, headers } = await betterAuth.api.signUpEmail({
      body: { name: 'Ada', email: 'ada@example.com', password },
      returnHeaders: true,
    });
    expect(response.user).toMatchObject({
      name: 'Ada',
      email: 'ada@example.com',
      emailVerified: false,
      role: 'viewer',
    });
    expect(response.token).toEqual(expect.any(String));
    expect(cookieFrom(headers)).toContain('better-auth.session_token=');

    // The row Strata reads is the row Better Auth wrote: booleans, dates (ms) and defaults intact.
    const row = await db.repos.user.findBy('email', 'ada@example.com');
    expect(row).toMatchObject({ id: response.user.id, emailVerified: false, role: 'viewer', bio: null, logins: 0 });
    expect(row?.createdAt).toEqual(response.user.createdAt);

    expect(
      await apiStatus(betterAuth.api.signUpEmail({ body: { name: 'Ada 2', email: 'ada@example.com', password } })),
    ).toBe(422);
    expect(await db.repos.user.count()).toBe(1);
    // `role` has `input: false`: Better Auth ignores it in a sign-up body.
    const eve = await betterAuth.api.signUpEmail({
      body: { name: 'Eve', email: 'eve@example.com', password, role: 'admin' } as never,
    });
    expect(eve.user.role).toBe('viewer');
    expect((await db.repos.user.findBy('email', 'eve@example.com'))?.role).toBe('viewer');
  });

  it('signs in, and refuses a wrong password', async () => {
    const { response } = await betterAuth.api.signInEmail({
      body: { email: 'ada@example.com', password },
      returnHeaders: true,
    });
    expect(response.user.email).toBe('ada@example.com');
    expect(await apiStatus(betterAuth.api.signInEmail({ body: { email: 'ada@example.com', password: 'wrong' } }))).toBe(
      401,
    );
    expect(await apiStatus(betterAuth.api.signInEmail({ body: { email: 'nobody@example.com', password } }))).toBe(401);
  });

  it('finds the session by cookie and by bearer token, with dates to the millisecond', async () => {
    const { response, headers } = await betterAuth.api.signInEmail({
      body: { email: 'ada@example.com', password },
      returnHeaders: true,
    });
    const byCookie = await betterAuth.api.getSession({ headers: new Headers({ cookie: cookieFrom(headers) }) });
    expect(byCookie?.user.email).toBe('ada@example.com');
    expect(byCookie?.user.role).toBe('viewer');
    const byBearer = await betterAuth.api.getSession({
      headers: new Headers({ authorization: `Bearer ${response.token}` }),
    });
    expect(byBearer?.session.id).toBe(byCookie?.session.id);

    const stored = await db.repos.session.findBy('token', response.token);
    expect(stored?.expiresAt).toEqual(byCookie?.session.expiresAt);
    expect(stored?.expiresAt.getTime()).toBeGreaterThan(Date.now() + 6 * 24 * 3600 * 1000);
    // Relations under the keys Better Auth joins on.
    const query = { with: { sessions: true, accounts: true } } as const;
    const withSessions =
      db.engine === 'sqlite'
        ? await db.drizzle.query.user.findFirst(query)
        : db.engine === 'pglite'
          ? await db.drizzle.query.user.findFirst(query)
          : await db.drizzle.query.user.findFirst(query);
    expect(withSessions?.accounts).toHaveLength(1);
    expect(withSessions?.sessions.length).toBeGreaterThanOrEqual(2);
  });

  it('signs out: the cookie no longer opens a session', async () => {
    const { headers } = await betterAuth.api.signInEmail({
      body: { email: 'ada@example.com', password },
      returnHeaders: true,
    });
    const cookie = new Headers({ cookie: cookieFrom(headers) });
    expect(await betterAuth.api.getSession({ headers: cookie })).not.toBeNull();
    await betterAuth.api.signOut({ headers: cookie });
    expect(await betterAuth.api.getSession({ headers: cookie })).toBeNull();
  });

  it('updates additional user fields through Better Auth', async () => {
    const { headers } = await betterAuth.api.signInEmail({
      body: { email: 'ada@example.com', password },
      returnHeaders: true,
    });
    const cookie = new Headers({ cookie: cookieFrom(headers) });
    const onboardedAt = new Date(Date.UTC(2024, 1, 29, 12, 30, 45, 678));
    await betterAuth.api.updateUser({ body: { bio: 'Analyst', logins: 3, onboardedAt }, headers: cookie });
    const row = await db.repos.user.findBy('email', 'ada@example.com');
    expect(row).toMatchObject({ bio: 'Analyst', logins: 3, onboardedAt });
    const session = await betterAuth.api.getSession({ headers: cookie });
    expect(session?.user).toMatchObject({ bio: 'Analyst', logins: 3, onboardedAt, role: 'viewer' });
    expect(row?.updatedAt.getTime()).toBeGreaterThanOrEqual(row?.createdAt.getTime() ?? 0);
  });

  it('creates an API key and verifies it; a wrong key is not valid', async () => {
    const { headers } = await betterAuth.api.signInEmail({
      body: { email: 'ada@example.com', password },
      returnHeaders: true,
    });
    const created = await betterAuth.api.createApiKey({
      body: { name: 'ci' },
      headers: new Headers({ cookie: cookieFrom(headers) }),
    });
    const user = await db.repos.user.findBy('email', 'ada@example.com');
    expect(created).toMatchObject({ name: 'ci', referenceId: user?.id, enabled: true });
    const verified = await betterAuth.api.verifyApiKey({ body: { key: created.key } });
    expect(verified).toMatchObject({ valid: true, error: null });
    expect(verified.key?.requestCount).toBe(1);
    const wrong = await betterAuth.api.verifyApiKey({ body: { key: `${created.key}x` } });
    expect(wrong.valid).toBe(false);
    // Only the hash is stored.
    const stored = await db.repos.apikey.findById(created.id);
    expect(stored?.key).not.toBe(created.key);
  });

  it('keeps a user profile (role, preferences) next to the user', async () => {
    const user = await db.repos.user.findBy('email', 'ada@example.com');
    const profile = await db.repos.userProfiles.create({
      userId: user?.id ?? '',
      role: 'admin',
      preferences: { theme: 'dark', language: 'en' },
    });
    expect(profile).toMatchObject({ role: 'admin', preferences: { theme: 'dark', language: 'en' } });
    const query = { with: { user: true } } as const;
    const joined =
      db.engine === 'sqlite'
        ? await db.drizzle.query.userProfiles.findFirst(query)
        : db.engine === 'pglite'
          ? await db.drizzle.query.userProfiles.findFirst(query)
          : await db.drizzle.query.userProfiles.findFirst(query);
    expect(joined?.user.email).toBe('ada@example.com');
  });

  it('deletes a user through Better Auth: sessions, accounts, profile and API keys go, the hook runs', async () => {
    const { headers } = await betterAuth.api.signInEmail({
      body: { email: 'ada@example.com', password },
      returnHeaders: true,
    });
    await betterAuth.api.deleteUser({ body: { password }, headers: new Headers({ cookie: cookieFrom(headers) }) });
    expect(await db.repos.user.findBy('email', 'ada@example.com')).toBeUndefined();
    await db.repos.user.deleteMany({}); // Eve, deleted behind Better Auth's back: no hook
    expect(await db.repos.user.count()).toBe(0);
    expect(await db.repos.session.count()).toBe(0);
    expect(await db.repos.account.count()).toBe(0);
    expect(await db.repos.userProfiles.count()).toBe(0);
    // The plugin links keys by referenceId without a foreign key: createAuth deletes them.
    expect(await db.repos.apikey.count()).toBe(0);
    expect(deleted).toEqual(['ada@example.com']);
  });
});

describe('defineAuthSchema', () => {
  test('refuses user fields Better Auth cannot hold the same way on every engine', () => {
    expect(() => defineAuthSchema({ userFields: { email: text() } })).toThrow(SchemaError);
    expect(() => defineAuthSchema({ userFields: { prefs: json<{ a: number }>() } })).toThrow(/double-encoded/);
  });
});

describe('betterAuthDrizzleSchema', () => {
  test('gives the tables and relations under Better Auth’s model names, the same objects a database uses', async () => {
    for (const dialect of ['pg', 'sqlite'] as const) {
      const drizzleSchema = betterAuthDrizzleSchema(dialect);
      expect(Object.keys(drizzleSchema).sort()).toEqual([
        'account',
        'accountRelations',
        'apikey',
        'session',
        'sessionRelations',
        'user',
        'userRelations',
        'verification',
      ]);
    }
    const db = await openTestDatabase('sqlite', authSchema);
    try {
      expect(betterAuthDrizzleSchema('sqlite').user).toBe(db.tables.user);
      expect(betterAuthDrizzleSchema('sqlite', schema).user).toBe(betterAuthDrizzleSchema('sqlite', schema).user);
    } finally {
      await db.close();
    }
  });
});

describe('createAuth', () => {
  test('tells Better Auth which tables are missing', async () => {
    // Without the apikey table, Better Auth's start-up check names it.
    const { apikey: _, ...withoutApiKeys } = auth.schema;
    const db = await openTestDatabase('sqlite', withoutApiKeys);
    try {
      await migrateUp(db, withoutApiKeys);
      const incomplete = testAuth(db);
      const check = schemaCheckFor((await incomplete.$context).adapter);
      await expect(Promise.resolve(check?.())).rejects.toMatchObject({
        findings: [{ kind: 'missing-table', table: 'apikey' }],
      });
    } finally {
      await db.close();
    }
  });
});
