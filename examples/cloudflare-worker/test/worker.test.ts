// The content Worker bundled with esbuild and run in workerd (Cloudflare's Worker runtime, through
// miniflare), on Neon's drivers pointed at the loopback stand-ins of @strata/testing in front of
// the test PostgreSQL server: the HTTP endpoint for reads and single writes, the WebSocket proxy
// for the transaction. The stand-ins speak Neon's protocols; Neon's cloud itself (its proxy, TLS,
// endpoint, cold starts) is not reachable here and is not what this covers. Without a server:
// a named skip.
import { createDatabase, type PostgresDatabase } from '@strata/postgres';
import { createNeonDatabase } from '@strata/postgres/neon';
import {
  createPostgresTestDatabase,
  engineSkip,
  type NeonHttpEndpoint,
  type NeonWebSocketProxy,
  type PostgresTestDatabase,
  startNeonHttpEndpoint,
  startNeonWebSocketProxy,
} from '@strata/testing';
import { Miniflare } from 'miniflare';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { bundleWorker, describeBundle, type WorkerBundle } from '../src/bundle.js';
import { article, author } from '../src/schema.js';

const schema = { author, article };
const skip = engineSkip('postgres');
const it = test.skipIf(skip !== undefined);

/** A JSON answer of the Worker, typed loosely: the assertions say what it holds. */
type Answer = Record<string, unknown> & { items?: Record<string, unknown>[] };

// Bundled once for the file; the bundle's checks need no database, so they run without one too.
let bundling: Promise<WorkerBundle> | undefined;
const workerBundle = () => {
  bundling ??= bundleWorker();
  return bundling;
};

test('the Worker bundles with no Node built-in, drizzle-kit, ws or postgres-js, from the sources', async () => {
  const bundle = await workerBundle();
  console.log(describeBundle('Worker bundle (@strata/core + @strata/postgres/neon)', bundle));
  expect(bundle.nodeImports).toEqual([]);
  expect(bundle.forbiddenInputs).toEqual([]);
  // Built from the TypeScript sources (the `source` condition), not from a stale dist/.
  expect(bundle.inputs).toContain('packages/postgres/src/neon-database.ts');
  expect(bundle.inputs.some((input) => input.includes('/dist/') && input.includes('packages/'))).toBe(false);
  expect(bundle.inputs.some((input) => input.includes('node_modules/@neondatabase/serverless/'))).toBe(true);
});

describe('a Cloudflare Worker on @strata/postgres/neon, in workerd', () => {
  if (skip) test.skip(`needs PostgreSQL: ${skip}`, () => {});
  let database: PostgresTestDatabase | undefined;
  let proxy: NeonWebSocketProxy | undefined;
  let endpoint: NeonHttpEndpoint | undefined;
  let miniflare: Miniflare | undefined;
  let rows: PostgresDatabase<typeof schema> | undefined;

  beforeAll(async () => {
    if (skip) return;
    database = await createPostgresTestDatabase();
    const server = new URL(database.url);
    let bundle: WorkerBundle;
    [proxy, endpoint, bundle] = await Promise.all([
      startNeonWebSocketProxy({ host: server.hostname, port: Number(server.port) }),
      startNeonHttpEndpoint(),
      workerBundle(),
    ]);
    // The tables, and a view of the rows the Worker writes, from Node over postgres-js.
    rows = await createDatabase({ schema, url: database.url });
    await rows.createTables();
    miniflare = new Miniflare({
      // Listed rather than given as `script`: miniflare would walk the module and refuse the
      // dynamic imports by variable (drizzle-kit, ws) that are never called in a Worker.
      modules: [{ type: 'ESModule', path: 'worker.js', contents: bundle.code }],
      // No nodejs_compat: the bundle imports no Node built-in, so the Worker needs none.
      compatibilityDate: '2026-04-20',
      bindings: {
        DATABASE_URL: database.url,
        NEON_FETCH_ENDPOINT: endpoint.url,
        NEON_WS_PROXY: `127.0.0.1:${proxy.port}/v2`,
        NEON_WS_LOOPBACK: 'true',
      },
    });
    await miniflare.ready;
  });

  afterAll(async () => {
    await miniflare?.dispose();
    await rows?.close();
    await Promise.all([proxy?.close(), endpoint?.close()]);
    await database?.drop();
  });

  /** Calls the Worker; the body parsed as JSON (undefined when empty). */
  async function call(method: string, path: string, body?: unknown): Promise<{ status: number; json: Answer }> {
    if (!miniflare) throw new Error('the Worker is not running');
    const response = await miniflare.dispatchFetch(`http://worker.test${path}`, {
      method,
      ...(body === undefined ? {} : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
    });
    const text = await response.text();
    return { status: response.status, json: (text ? JSON.parse(text) : undefined) as Answer };
  }

  it('creates an author and an article in one transaction over WebSocket', async () => {
    const before = proxy?.connections ?? 0;
    const created = await call('POST', '/articles', {
      author: 'Ada',
      title: 'Notes on the engine',
      slug: 'notes',
      body: 'First.',
      publish: true,
    });
    expect(created.status).toBe(201);
    const createdArticle = created.json.article as Record<string, unknown>;
    expect(createdArticle).toMatchObject({ title: 'Notes on the engine', slug: 'notes', status: 'published' });
    expect(typeof createdArticle.publishedAt).toBe('string');
    expect((proxy?.connections ?? 0) - before).toBe(1);

    const stored = await rows?.repos.article.findById(createdArticle.id as string);
    expect(stored).toMatchObject({ slug: 'notes', body: 'First.', status: 'published', deletedAt: null });
    expect(stored?.authorId).toBe((created.json.author as { id: string }).id);

    // The same author is found, not created again.
    const second = await call('POST', '/articles', { author: 'Ada', title: 'A draft', slug: 'draft' });
    expect(second.status).toBe(201);
    expect(second.json.author).toEqual(created.json.author);
    expect(await rows?.repos.author.count()).toBe(1);
  });

  it("answers a taken slug with 409 from Strata's unique-violation error, and rolls the author back", async () => {
    const taken = await call('POST', '/articles', { author: 'Grace', title: 'Another', slug: 'notes' });
    expect(taken.status).toBe(409);
    expect(taken.json).toMatchObject({
      error: 'unique_violation',
      table: 'article',
      columns: ['slug'],
      constraint: 'article_live_slug',
    });
    // The author created earlier in the same transaction is gone with it.
    expect(await rows?.repos.author.findBy('name', 'Grace')).toBeUndefined();
    const invalid = await call('POST', '/articles', { author: 'Grace' });
    expect(invalid.status).toBe(400);
  });

  it('lists and reads over HTTP', async () => {
    const before = endpoint?.requests ?? 0;
    const all = await call('GET', '/articles');
    expect(all.status).toBe(200);
    expect(all.json.items?.map((item) => item.slug)).toEqual(['draft', 'notes']);
    const published = await call('GET', '/articles?status=published');
    expect(published.json.items?.map((item) => item.slug)).toEqual(['notes']);
    const id = published.json.items?.[0]?.id as string;
    const one = await call('GET', `/articles/${id}`);
    expect(one.status).toBe(200);
    expect(one.json).toMatchObject({ id, slug: 'notes', body: 'First.' });
    expect((endpoint?.requests ?? 0) - before).toBe(3);
    expect((await call('GET', '/articles/0190a000-0000-7000-8000-000000000000')).status).toBe(404);
    expect((await call('GET', '/articles?status=secret')).status).toBe(400);
    expect((await call('GET', '/elsewhere')).status).toBe(404);
  });

  it('soft-deletes: the row stays, reads leave it out, its slug is free again, restore brings it back', async () => {
    const [notes] = (await rows?.repos.article.findAllBy('slug', 'notes')) ?? [];
    if (!notes) throw new Error('the article "notes" is missing');
    expect((await call('DELETE', `/articles/${notes.id}`)).status).toBe(204);
    expect((await call('DELETE', `/articles/${notes.id}`)).status).toBe(404);
    expect((await call('GET', `/articles/${notes.id}`)).status).toBe(404);
    expect((await call('GET', '/articles')).json.items?.map((item) => item.slug)).toEqual(['draft']);
    const kept = await rows?.repos.article.findById(notes.id, { withDeleted: true });
    expect(kept?.deletedAt).toBeInstanceOf(Date);

    // The live-slug index leaves deleted rows out: the slug can be taken again.
    const again = await call('POST', '/articles', { author: 'Grace', title: 'Notes, again', slug: 'notes' });
    expect(again.status).toBe(201);
    expect(await rows?.repos.article.count({ slug: 'notes' }, { withDeleted: true })).toBe(2);

    // Restoring the old one now collides with the new live one: a unique violation over HTTP.
    const restore = await call('POST', `/articles/${notes.id}/restore`);
    expect(restore.status).toBe(422);
    expect(restore.json).toMatchObject({ error: 'unique_violation', constraint: 'article_live_slug' });
    const draft = (await rows?.repos.article.findBy('slug', 'draft'))?.id as string;
    expect((await call('DELETE', `/articles/${draft}`)).status).toBe(204);
    const restored = await call('POST', `/articles/${draft}/restore`);
    expect(restored.status).toBe(200);
    expect(restored.json).toMatchObject({ slug: 'draft', deletedAt: null });
  });

  // Node before 22 has no global WebSocket: the driver loads `ws` itself, by a specifier that
  // bundlers do not follow (so that the Worker bundle above carries none of it).
  test.skipIf(skip !== undefined || typeof globalThis.WebSocket === 'function')(
    'on Node without a global WebSocket, the WebSocket driver loads ws by itself',
    async () => {
      const db = await createNeonDatabase({
        schema,
        url: database?.url,
        driver: 'websocket',
        webSocket: { proxy: `127.0.0.1:${proxy?.port}/v2`, secure: false, pipelineConnect: false },
      });
      try {
        expect(await db.repos.author.count()).toBe(2);
      } finally {
        await db.close();
      }
    },
  );
});
