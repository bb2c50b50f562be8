// The adapter suite from @aphex/cms-core on a real PostgreSQL server and on PGlite, both migrated
// from migrations/cms/pg, with user profiles linked to users Better Auth signs up.
import { type AdapterUnderTest, runAdapterSuite } from '@aphex/cms-core/testing';
import { createAuth } from '@strata/auth';
import { createDatabase as createPglite } from '@strata/pglite';
import { createPostgresTestDatabase, engineSkip, pgliteSnapshot } from '@strata/testing';
import {
  type CmsDatabase,
  cmsSchema,
  createPostgreSQLProvider,
  migrateCmsDatabase,
  openPostgreSQLDatabase,
} from '../src/index.js';

function underTest(db: CmsDatabase, drop?: () => Promise<void>): AdapterUnderTest {
  const auth = createAuth({
    database: db,
    secret: 'example-secret-example-secret-12',
    baseURL: 'http://localhost:3000',
    emailAndPassword: { enabled: true },
  });
  return {
    adapter: createPostgreSQLProvider({ db }).createAdapter(),
    createUser: async (email) =>
      (await auth.api.signUpEmail({ body: { name: email, email, password: 'correct horse battery' } })).user.id,
    deleteUser: async (userId) => {
      await db.repos.user.delete(userId);
    },
    close: async () => {
      await db.close();
      await drop?.();
    },
  };
}

runAdapterSuite(
  'PostgreSQL',
  async () => {
    const server = await createPostgresTestDatabase();
    return underTest(await openPostgreSQLDatabase(server.url), server.drop);
  },
  { skip: engineSkip('postgres') },
);

runAdapterSuite(
  'PGlite',
  async () => {
    const db = await createPglite({ schema: cmsSchema, loadDataDir: await pgliteSnapshot() });
    await migrateCmsDatabase(db);
    return underTest(db);
  },
  { skip: engineSkip('pglite') },
);
