// The clients of the original package: DB_METHOD picks the strategy; LOCAL_PROXY runs against
// the real PostgreSQL server; NEON_BRANCH runs Neon's real driver (HTTP and WebSocket) through
// local stand-ins for Neon's endpoints, in front of the same server.
import { isStrataError } from '@strata/core';
import { TRANSACTION_UNSUPPORTED } from '@strata/postgres/neon';
import {
  createPostgresTestDatabase,
  engineCases,
  startNeonHttpEndpoint,
  startNeonWebSocketProxy,
} from '@strata/testing';
import { describe, expect, test } from 'vitest';
import { createCodexAuth } from '../src/auth.js';
import { migrateCodexDatabase } from '../src/migrations.js';
import { openCodexDatabase } from '../src/open.js';

const postgres = engineCases().find((c) => c.engine === 'postgres');

describe('choosing the connection from the environment', () => {
  const refused = async (env: Record<string, string>) => {
    const error = await openCodexDatabase({ env, driver: 'http' }).then(
      () => expect.fail('opened a database'),
      (failure: unknown) => failure,
    );
    expect(isStrataError(error) && error.code).toBe('CONFIG_INVALID');
    return String(error);
  };

  test('every wrong setting is a CONFIG_INVALID error naming the variable, without the password', async () => {
    expect(await refused({})).toMatch(/No database is configured .*SQLite.*this app runs on postgres or neon/);
    expect(await refused({ DB_METHOD: 'STAGING' })).toMatch(/DB_METHOD=STAGING is not one of LOCAL_PROXY/);
    expect(await refused({ DB_METHOD: 'LOCAL_PROXY' })).toMatch(/DATABASE_URL_LOCAL_PROXY is not set/);
    expect(await refused({ DB_METHOD: 'NEON_BRANCH' })).toMatch(/DATABASE_URL is not set/);
    expect(await refused({ DB_METHOD: 'LOCAL_PROXY', DATABASE_URL_LOCAL_PROXY: 'sqlite:./codex.sqlite3' })).toMatch(
      /DATABASE_URL_LOCAL_PROXY names a sqlite database; this app runs on postgres or neon/,
    );
    const production = await refused({ DB_METHOD: 'PRODUCTION', DATABASE_URL: 'mysql://codex:s3cret-pw@db/codex' });
    expect(production).toMatch(/DATABASE_URL/);
    expect(production).not.toContain('s3cret-pw');
  });
});

describe.skipIf(postgres?.skip)('on the PostgreSQL server', () => {
  if (postgres?.skip) test.skip(`postgres: ${postgres.skip}`, () => {});

  test('LOCAL_PROXY: importing the package opens one postgres-js pool for dbHttp, dbWs and db', async () => {
    const database = await createPostgresTestDatabase();
    process.env.DB_METHOD = 'LOCAL_PROXY';
    process.env.DATABASE_URL_LOCAL_PROXY = database.url;
    const { db, dbHttp, dbWs, migrateCodexDatabase: migrateDb, testDbConnection } = await import('../src/index.js');
    expect(dbWs.engine).toBe('postgres');
    expect(dbHttp).toBe(dbWs);
    expect(db).toBe(dbHttp);
    await testDbConnection();
    await migrateDb(dbWs);

    const creator = await dbWs.repos.user.create({ id: 'local-1', name: 'Local', email: 'local@example.com' });
    await dbWs.transaction(async (tx) => {
      const org = await tx.repos.organizations.create({ name: 'Local Org', slug: 'local', ownerId: creator.id });
      await tx.repos.content.create({
        creatorId: creator.id,
        organizationId: org.id,
        title: 'Local video',
        slug: 'local-video',
        contentType: 'video',
      });
    });
    expect(await dbHttp.repos.content.count({ creatorId: creator.id })).toBe(1);
    await dbWs.close();
    await database.drop();
  });

  test('NEON_BRANCH: dbWs holds transactions; dbHttp signs users up, reads and joins, but refuses transactions', async () => {
    const database = await createPostgresTestDatabase();
    const server = new URL(database.url);
    const proxy = await startNeonWebSocketProxy({ host: server.hostname, port: Number(server.port) });
    const endpoint = await startNeonHttpEndpoint();
    const env = { DB_METHOD: 'NEON_BRANCH', DATABASE_URL: database.url };
    const dbWs = await openCodexDatabase({
      env,
      driver: 'websocket',
      neon: { webSocket: { proxy: proxy.wsProxy, secure: false, pipelineConnect: false } },
    });
    const dbHttp = await openCodexDatabase({ env, driver: 'http', neon: { fetchEndpoint: endpoint.url } });
    try {
      expect(dbWs.engine === 'neon' && dbWs.driver).toBe('websocket');
      expect(dbHttp.engine === 'neon' && dbHttp.driver).toBe('http');
      await migrateCodexDatabase(dbWs);

      // Better Auth over the HTTP driver: one request per statement, no transaction needed.
      const auth = createCodexAuth(dbHttp, {
        secret: 'codex-test-secret-codex-test-secret',
        baseURL: 'http://localhost:8787',
      });
      const { user: creator } = await auth.api.signUpEmail({
        body: { name: 'Neon', email: 'neon@example.com', password: 'correct horse battery staple' },
      });
      expect(await dbHttp.repos.user.findById(creator.id)).toMatchObject({
        email: 'neon@example.com',
        deletedAt: null,
      });
      const org = await dbWs.transaction(async (tx) => {
        const created = await tx.repos.organizations.create({ name: 'Acme Inc', slug: 'acme' });
        await tx.repos.content.create({
          creatorId: creator.id,
          organizationId: created.id,
          title: 'On Neon',
          slug: 'on-neon',
          contentType: 'video',
          status: 'published',
          publishedAt: new Date('2025-03-01T00:00:00Z'),
        });
        return created;
      });

      // The original's `dbHttp.query.content.findMany({ with })`.
      const published = await dbHttp.drizzle.query.content.findMany({
        where: (c, { eq }) => eq(c.status, 'published'),
        with: { creator: true, organization: true, mediaItem: true },
      });
      expect(published).toMatchObject([
        { title: 'On Neon', creator: { id: creator.id }, organization: { slug: 'acme' }, mediaItem: null },
      ]);

      const refused = await dbHttp.transaction(async () => undefined).catch((error: unknown) => error);
      expect(isStrataError(refused) && refused.code).toBe(TRANSACTION_UNSUPPORTED);

      // The trigger runs wherever the migration ran.
      await dbHttp.repos.organizations.hardDelete(org.id);
      expect(await dbHttp.repos.content.findOne({ slug: 'on-neon' })).toMatchObject({
        status: 'draft',
        publishedAt: null,
      });
    } finally {
      await dbHttp.close();
      await dbWs.close();
      await proxy.close();
      await endpoint.close();
      await database.drop();
    }
  });
});
