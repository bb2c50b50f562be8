// The adapter suite from @aphex/cms-core on a libSQL file migrated from migrations/cms/sqlite (the
// migrations better-sqlite3 runs), with user profiles linked to users Better Auth signs up.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runAdapterSuite } from '@aphex/cms-core/testing';
import { createAuth } from '@strata/auth';
import { createSQLiteProvider, openLibSQLDatabase } from '../src/index.js';

runAdapterSuite('libSQL', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'aphex-cms-libsql-'));
  const db = await openLibSQLDatabase(`file:${join(dir, 'cms.db')}`);
  const auth = createAuth({
    database: db,
    secret: 'example-secret-example-secret-12',
    baseURL: 'http://localhost:3000',
    emailAndPassword: { enabled: true },
  });
  return {
    adapter: createSQLiteProvider({ db }).createAdapter(),
    createUser: async (email) =>
      (await auth.api.signUpEmail({ body: { name: email, email, password: 'correct horse battery' } })).user.id,
    deleteUser: async (userId) => {
      await db.repos.user.delete(userId);
    },
    close: async () => {
      await db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});
