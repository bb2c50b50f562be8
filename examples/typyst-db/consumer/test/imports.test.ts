// Acceptance: the sub-path exports work from a consuming package. Every import below goes
// through @typyst/db's package.json `exports`, and each one is used for real: the auth client
// with Better Auth on PostgreSQL, the app client on PGlite, the schemas' tables and row types.
import { createPostgresTestDatabase, engineSkip, type PostgresTestDatabase, pgliteSnapshot } from '@strata/testing';
import * as typystDb from '@typyst/db';
import { type AppDatabase, type AppDatabaseConfig, createAppDatabase } from '@typyst/db/app';
import { type AuthDatabase, type AuthDatabaseConfig, createAuthDatabase } from '@typyst/db/auth';
import { type Entry, entry, type Session, session } from '@typyst/db/schema';
import { appSchema, type Collection, type NewCollection, userOwnedTables } from '@typyst/db/schema/app';
import { authSchema, type User, user } from '@typyst/db/schema/auth';
import { betterAuth } from 'better-auth';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

const skip = engineSkip('postgres', 'pglite');
const it = test.skipIf(skip !== undefined);

/** App code typed by the package's row types. */
function entryLine(row: Pick<Entry, 'title' | 'userId'>, owner: Pick<User, 'id' | 'name'>): string {
  return row.userId === owner.id ? `${owner.name}: ${row.title}` : row.title;
}

describe('@typyst/db from a consuming package', () => {
  if (skip) test.skip(`needs PostgreSQL and PGlite: ${skip}`, () => {});
  let server: PostgresTestDatabase | undefined;
  let authDb: AuthDatabase;
  let appDb: AppDatabase;

  beforeAll(async () => {
    if (skip) return;
    server = await createPostgresTestDatabase();
    const authConfig: AuthDatabaseConfig = { connectionString: server.url };
    const appConfig: AppDatabaseConfig = { loadDataDir: await pgliteSnapshot() };
    authDb = await createAuthDatabase(authConfig);
    appDb = await createAppDatabase(appConfig);
  });
  afterAll(async () => {
    await appDb?.db.close();
    await authDb?.db.close();
    await server?.drop();
  });

  it('the root export is the sub-paths’ very modules, not copies', () => {
    expect(typystDb.createAuthDatabase).toBe(createAuthDatabase);
    expect(typystDb.createAppDatabase).toBe(createAppDatabase);
    expect(typystDb.user).toBe(user);
    expect(typystDb.entry).toBe(entry);
    expect(typystDb.authSchema.session).toBe(session);
    expect(appSchema.entry).toBe(entry);
  });

  it('signs a user up with the auth client and keeps their entries with the app client', async () => {
    expect(authDb.schema).toBe(authSchema);
    const auth = betterAuth({
      database: authDb.adapter,
      secret: 'typyst-web-secret-typyst-web-secret',
      baseURL: 'http://localhost:3000',
      emailAndPassword: { enabled: true },
    });
    const { user: signedUp, token } = await auth.api.signUpEmail({
      body: { name: 'Ada', email: 'ada@example.com', password: 'correct horse battery staple' },
    });
    const ada: User | undefined = await authDb.db.repo(user).findById(signedUp.id);
    if (!ada) throw new Error('the signed-up user is not in the auth database');
    const adaSession: Session | undefined = await authDb.db.repo(session).findBy('token', token ?? '');
    expect(adaSession?.userId).toBe(ada.id);

    const input: NewCollection = { name: 'Notes', userId: signedUp.id };
    const notes: Collection = await appDb.db.repos.collection.create(input);
    const written = await appDb.db.repo(entry).forUser(signedUp.id).create({ title: 'Hello', collectionId: notes.id });
    expect(entryLine(written, ada)).toBe('Ada: Hello');
    expect(appDb.schema).toBe(appSchema);
    expect(userOwnedTables).toContain(entry);
  });
});
