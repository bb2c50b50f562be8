// The D1 Worker bundled with esbuild and run in workerd (Cloudflare's Worker runtime, through
// miniflare) with a real local D1 database as its `DB` binding: create, read, a unique violation
// answered through the error helpers, a bulk import that is all or none, soft delete, and
// db.transaction() refused. The tables are created from Node on the same D1 database.
import { fileURLToPath } from 'node:url';
import { createDatabase, type D1Binding } from '@strata/d1';
import { Miniflare } from 'miniflare';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { bundleWorker, describeBundle, type WorkerBundle } from '../src/bundle.js';
import { article, author } from '../src/schema.js';

const schema = { author, article };
const D1_WORKER_ENTRY = fileURLToPath(new URL('../src/d1-worker.ts', import.meta.url));

type Answer = Record<string, unknown>;

let bundling: Promise<WorkerBundle> | undefined;
const workerBundle = () => {
  bundling ??= bundleWorker({ entry: D1_WORKER_ENTRY });
  return bundling;
};

test('the D1 Worker bundles with no Node built-in and nothing Node-only, from the sources', async () => {
  const bundle = await workerBundle();
  console.log(describeBundle('D1 Worker bundle (@strata/core + @strata/d1 + drizzle-orm/d1)', bundle));
  // Nothing on the way imports a Node built-in, not even code esbuild would tree-shake.
  expect(bundle.nodeImports).toEqual([]);
  expect(bundle.forbiddenInputs).toEqual([]);
  expect(bundle.inputs).toContain('packages/d1/src/d1-database.ts');
  expect(bundle.inputs.some((input) => input.includes('/dist/') && input.includes('packages/'))).toBe(false);
  expect(bundle.inputs.some((input) => input.includes('node_modules/drizzle-orm/d1/'))).toBe(true);
});

describe('a Cloudflare Worker on @strata/d1, in workerd', () => {
  let miniflare: Miniflare | undefined;

  beforeAll(async () => {
    const bundle = await workerBundle();
    miniflare = new Miniflare({
      modules: [{ type: 'ESModule', path: 'worker.js', contents: bundle.code }],
      // No nodejs_compat: the bundle imports no Node built-in.
      compatibilityDate: '2026-04-20',
      d1Databases: ['DB'],
    });
    // The tables, from Node (createTables needs drizzle-kit, which a Worker does not carry).
    const binding = (await miniflare.getD1Database('DB')) as unknown as D1Binding;
    const setup = await createDatabase({ schema, binding });
    await setup.createTables();
  });

  afterAll(async () => {
    await miniflare?.dispose();
  });

  async function call(method: string, path: string, body?: unknown): Promise<{ status: number; json: Answer }> {
    if (!miniflare) throw new Error('the Worker is not running');
    const response = await miniflare.dispatchFetch(`http://worker.test${path}`, {
      method,
      ...(body === undefined ? {} : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
    });
    const text = await response.text();
    return { status: response.status, json: (text ? JSON.parse(text) : undefined) as Answer };
  }

  test('creates and reads an article; a taken slug is 409 through isUniqueViolation', async () => {
    const created = await call('POST', '/articles', { author: 'Ada', title: 'Notes', slug: 'notes', body: 'First.' });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({
      title: 'Notes',
      slug: 'notes',
      body: 'First.',
      status: 'draft',
      deletedAt: null,
    });
    const read = await call('GET', `/articles/${created.json.id as string}`);
    expect(read.json).toEqual(created.json);

    const taken = await call('POST', '/articles', { author: 'Ada', title: 'Again', slug: 'notes' });
    expect(taken).toEqual({ status: 409, json: { error: 'taken', table: 'article', columns: ['slug'] } });
    const name = await call('POST', '/authors', { name: 'Ada' });
    expect(name).toEqual({ status: 409, json: { error: 'taken', table: 'author', columns: ['name'] } });
  });

  test('a bulk import is one batch: all rows, or none when one breaks a unique key', async () => {
    const names = Array.from({ length: 300 }, (_, i) => `writer ${i}`);
    expect(await call('POST', '/authors/import', { names })).toEqual({ status: 201, json: { imported: 300 } });
    const clash = Array.from({ length: 300 }, (_, i) => `second ${i}`);
    clash[299] = 'second 0';
    expect((await call('POST', '/authors/import', { names: clash })).status).toBe(409);
    expect((await call('POST', '/authors', { name: 'second 1' })).status).toBe(201);
  });

  test('soft delete hides the article and keeps its slug free for a new one', async () => {
    const created = await call('POST', '/articles', { author: 'Grace', title: 'Draft', slug: 'draft' });
    const id = created.json.id as string;
    const deleted = await call('DELETE', `/articles/${id}`);
    expect(deleted.status).toBe(200);
    expect(typeof deleted.json.deletedAt).toBe('string');
    expect((await call('GET', `/articles/${id}`)).status).toBe(404);
    expect((await call('POST', '/articles', { author: 'Grace', title: 'Draft 2', slug: 'draft' })).status).toBe(201);
  });

  test('db.transaction() is refused with TRANSACTION_UNSUPPORTED and writes nothing', async () => {
    const refused = await call('POST', '/transaction', {});
    expect(refused.status).toBe(501);
    expect(refused.json.code).toBe('TRANSACTION_UNSUPPORTED');
    expect((await call('POST', '/authors', { name: 'never written' })).status).toBe(201);
  });
});
