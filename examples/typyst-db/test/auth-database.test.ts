// Acceptance: the auth client factory on a real PostgreSQL server — migrations applied once,
// the tables Better Auth's hand-written schema had, the adapter working with Better Auth
// (sign-up, sign-in, sessions), the foreign keys inside the auth database, and rollback.
import { fileURLToPath } from 'node:url';
import { checkProject, loadConfig } from '@strata/cli';
import { migrate, rollback } from '@strata/cli/migrate';
import { createPostgresTestDatabase, engineSkip, type PostgresTestDatabase } from '@strata/testing';
import { betterAuth } from 'better-auth';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type AuthDatabase, createAuthDatabase } from '../src/client/auth-db.js';
import { columnsOf } from './columns.js';

const skip = engineSkip('postgres');
const it = test.skipIf(skip !== undefined);
const migrations = fileURLToPath(new URL('../migrations/auth', import.meta.url));
const packageDir = fileURLToPath(new URL('..', import.meta.url));
const password = 'correct horse battery staple';

describe('the auth database on PostgreSQL', () => {
  if (skip) test.skip(`needs PostgreSQL: ${skip}`, () => {});
  let server: PostgresTestDatabase | undefined;
  let authDb: AuthDatabase;

  beforeAll(async () => {
    if (skip) return;
    server = await createPostgresTestDatabase();
    authDb = await createAuthDatabase({ connectionString: server.url });
  });
  afterAll(async () => {
    await authDb?.db.close();
    await server?.drop();
  });

  function newAuth() {
    // Better Auth as the app configures it, on the package's adapter.
    return betterAuth({
      database: authDb.adapter,
      secret: 'typyst-test-secret-typyst-test-secret',
      baseURL: 'http://localhost:3000',
      emailAndPassword: { enabled: true },
    });
  }

  it('opens migrated, with the columns the hand-written auth schema had', async () => {
    expect(authDb.db.engine).toBe('postgres');
    expect(authDb.appliedMigrations).toEqual(['0001_init']);
    expect(await columnsOf(authDb.db, 'user')).toEqual(
      ['created_at', 'email', 'email_verified', 'id', 'image', 'name', 'updated_at'].sort(),
    );
    expect(await columnsOf(authDb.db, 'session')).toEqual(
      ['created_at', 'expires_at', 'id', 'ip_address', 'token', 'updated_at', 'user_agent', 'user_id'].sort(),
    );
    expect(await columnsOf(authDb.db, 'account')).toEqual(
      [
        'access_token',
        'access_token_expires_at',
        'account_id',
        'created_at',
        'id',
        'id_token',
        'password',
        'provider_id',
        'refresh_token',
        'refresh_token_expires_at',
        'scope',
        'updated_at',
        'user_id',
      ].sort(),
    );
    expect(await columnsOf(authDb.db, 'verification')).toEqual(
      ['created_at', 'expires_at', 'id', 'identifier', 'updated_at', 'value'].sort(),
    );
  });

  it('applies nothing when opened again, and the live database matches its migrations (strata check)', async () => {
    const again = await createAuthDatabase({ connectionString: server?.url ?? '' });
    await again.db.close();
    expect(again.appliedMigrations).toEqual([]);

    // strata.config.ts, pointed at this test's server rather than AUTH_DATABASE_URL.
    const config = await loadConfig(packageDir);
    const databases = config.databases.map((d) => (d.name === 'auth' ? { ...d, connection: server?.url } : d));
    const result = await checkProject({ ...config, databases }, { database: 'auth' });
    expect(result).toMatchObject({ ok: true, findings: [], databasesChecked: ['auth'] });
  });

  it('signs users up and in through Better Auth on the adapter', async () => {
    const auth = newAuth();
    const signedUp = await auth.api.signUpEmail({ body: { name: 'Ada', email: 'ada@example.com', password } });
    expect(await authDb.db.repos.user.findById(signedUp.user.id)).toMatchObject({ email: 'ada@example.com' });
    expect(await authDb.db.repos.account.count({ userId: signedUp.user.id, providerId: 'credential' })).toBe(1);

    await expect(
      auth.api.signUpEmail({ body: { name: 'Ada again', email: 'ada@example.com', password } }),
    ).rejects.toMatchObject({ statusCode: 422 });
    await expect(
      auth.api.signInEmail({ body: { email: 'ada@example.com', password: 'wrong password!' } }),
    ).rejects.toMatchObject({ statusCode: 401 });

    const signedIn = await auth.api.signInEmail({ body: { email: 'ada@example.com', password }, returnHeaders: true });
    // The session cookie Better Auth set, sent back as a browser would.
    const cookie = signedIn.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    const session = await auth.api.getSession({ headers: new Headers({ cookie }) });
    expect(session?.user.email).toBe('ada@example.com');
    const token = signedIn.response.token;
    expect(await authDb.db.repos.session.findBy('token', token)).toMatchObject({ userId: signedUp.user.id });
  });

  it('deletes a user’s sessions and accounts with the user (foreign keys inside the auth database)', async () => {
    const { user } = await newAuth().api.signUpEmail({ body: { name: 'Bob', email: 'bob@example.com', password } });
    expect(await authDb.db.repos.session.count({ userId: user.id })).toBe(1);
    await authDb.db.repos.user.delete(user.id);
    expect(await authDb.db.repos.session.count({ userId: user.id })).toBe(0);
    expect(await authDb.db.repos.account.count({ userId: user.id })).toBe(0);
  });

  it('rolls its migrations back and forward again', async () => {
    expect((await rollback(authDb.db, { folder: migrations, steps: 1 })).migrations).toEqual(['0001_init']);
    expect(await columnsOf(authDb.db, 'user')).toEqual([]);
    expect((await migrate(authDb.db, { folder: migrations })).migrations).toEqual(['0001_init']);
    expect(await authDb.db.repos.user.count()).toBe(0);
  });
});
