// Strata Studio over HTTP, on real SQLite (better-sqlite3) and PGlite: who may call it, browsing
// through the repository (pages, sort, filters, soft delete), writes with typed errors and undo,
// migrations and the read-only console.
import type { AnyStrataDatabase } from '@strata/sql';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type StudioHandle, startStudio } from '../src/index.js';
import { type Answer, authorized, call } from './support/client.js';
import { type Engine, LIBRARY_MIGRATIONS, openLibraryDatabase, openTestDatabase, seed } from './support/databases.js';
import type * as schema from './support/schema.js';

const ENGINES: Engine[] = ['sqlite', 'pglite'];

describe.each(ENGINES)('Studio over HTTP on %s', (engine) => {
  let db: AnyStrataDatabase<typeof schema>;
  let library: AnyStrataDatabase;
  let studio: StudioHandle;
  let api: (path: string, options?: Parameters<typeof call>[2]) => Promise<Answer>;
  let ids: { ursula: string; ted: string };

  beforeAll(async () => {
    db = await openTestDatabase(engine);
    library = await openLibraryDatabase(engine);
    ids = await seed(db, 120);
    studio = await startStudio({
      databases: [
        { name: 'blog', db },
        { name: 'library', db: library, migrations: LIBRARY_MIGRATIONS },
      ],
    });
    api = authorized(studio.port, studio.token);
  });
  afterAll(async () => {
    await studio?.close();
    await db?.close();
    await library?.close();
  });

  describe('access', () => {
    test('binds 127.0.0.1 and prints a URL with a 64-character token', () => {
      expect(studio.url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${studio.port}/\\?token=[0-9a-f]{64}$`));
      expect(studio.server.address()).toMatchObject({ address: '127.0.0.1' });
    });

    test('refuses requests without the token, or with a wrong one', async () => {
      expect((await call(studio.port, '/api/databases')).status).toBe(401);
      expect((await call(studio.port, '/api/databases')).json.error.code).toBe('TOKEN_REQUIRED');
      const wrong = await call(studio.port, '/api/databases', {
        headers: { authorization: `token ${'0'.repeat(64)}` },
      });
      expect(wrong.status).toBe(401);
      const page = await call(studio.port, '/');
      expect(page.status).toBe(401);
      expect(page.text).not.toContain('/app/main.js');
      const write = await call(studio.port, '/api/db/blog/tables/author/rows', {
        method: 'POST',
        body: { values: {} },
      });
      expect(write.status).toBe(401);
    });

    test('the token in the URL becomes an HTTP-only, same-site cookie, and leaves the address', async () => {
      const first = await call(studio.port, `/?token=${studio.token}`);
      expect(first.status).toBe(303);
      expect(first.headers.location).toBe('/');
      const cookie = String(first.headers['set-cookie']);
      expect(cookie).toContain('HttpOnly');
      expect(cookie).toContain('SameSite=Strict');
      const next = await call(studio.port, '/api/databases', { headers: { cookie: cookie.split(';')[0] as string } });
      expect(next.status).toBe(200);
    });

    test('refuses a foreign Host (DNS rebinding) and a foreign Origin, even with the token', async () => {
      const rebound = await api('/api/databases', { headers: { host: `attacker.example:${studio.port}` } });
      expect(rebound.status).toBe(403);
      expect(rebound.json.error.code).toBe('HOST_REFUSED');
      const otherPort = await api('/api/databases', { headers: { host: `127.0.0.1:${studio.port + 1}` } });
      expect(otherPort.status).toBe(403);
      const crossSite = await api('/api/db/blog/tables/author/rows', {
        method: 'POST',
        body: { values: { name: 'x', email: 'x@example.com' } },
        headers: { origin: 'http://attacker.example' },
      });
      expect(crossSite.status).toBe(403);
      expect(crossSite.json.error.code).toBe('ORIGIN_REFUSED');
      const localhost = await api('/api/databases', {
        headers: { host: `localhost:${studio.port}`, origin: `http://localhost:${studio.port}` },
      });
      expect(localhost.status).toBe(200);
    });

    test('serves the page with a strict Content-Security-Policy, and Preact from itself', async () => {
      const page = await api('/');
      expect(page.status).toBe(200);
      expect(page.headers['content-security-policy']).toContain("script-src 'self' 'sha256-");
      expect(page.text).toContain('"preact":"/vendor/preact.mjs"');
      const preact = await api('/vendor/preact.mjs');
      expect(preact.status).toBe(200);
      expect(preact.headers['content-type']).toContain('text/javascript');
      expect((await api('/app/main.js')).status).toBe(200);
      // Paths are normalised before lookup: only files of the client folder are ever served.
      expect((await api('/app/../package.json')).text).not.toContain('@strata/studio');
      expect((await api('/app/%2e%2e/package.json')).text).not.toContain('@strata/studio');
    });
  });

  describe('browsing', () => {
    test('lists databases and tables with row counts', async () => {
      const { json } = await api('/api/databases');
      expect(json.databases.map((d: { name: string }) => d.name)).toEqual(['blog', 'library']);
      const blog = (await api('/api/db/blog')).json;
      expect(blog.counts).toEqual([
        { name: 'author', rows: 2 },
        { name: 'post', rows: 120, deleted: 0 },
      ]);
      const post = blog.tables.find((t: { name: string }) => t.name === 'post');
      expect(post.softDelete).toBe('deletedAt');
      expect(post.columns.find((c: { name: string }) => c.name === 'status').enumValues).toEqual([
        'draft',
        'published',
      ]);
      expect(post.outgoing).toEqual([
        { from: 'post', fields: ['authorId'], to: 'author', references: ['id'], name: 'author' },
      ]);
      expect(blog.tables.find((t: { name: string }) => t.name === 'author').incoming).toHaveLength(1);
    });

    test('pages, sorts and filters with the repository where language', async () => {
      const page = await api('/api/db/blog/tables/post/rows?page=3&pageSize=50&orderBy=views:desc');
      expect(page.json).toMatchObject({ total: 120, page: 3, pageSize: 50, pageCount: 3 });
      expect(page.json.items.map((r: { views: number }) => r.views)).toEqual(
        Array.from({ length: 20 }, (_, i) => 19 - i),
      );
      const where = encodeURIComponent(JSON.stringify({ title: { contains: '50% off', ignoreCase: true } }));
      const found = await api(`/api/db/blog/tables/post/rows?where=${where}`);
      expect(found.json.items.map((r: { views: number }) => r.views)).toEqual([7]);
      const published = encodeURIComponent(JSON.stringify({ status: 'published', views: { gte: 100 } }));
      expect((await api(`/api/db/blog/tables/post/rows?where=${published}`)).json.total).toBe(4);
      // Timestamps travel as ISO strings and compare as dates, as Date values do in the API.
      const since = encodeURIComponent(JSON.stringify({ createdAt: { gte: '2000-01-01T00:00:00.000Z' } }));
      expect((await api(`/api/db/blog/tables/post/rows?where=${since}&pageSize=1`)).json.total).toBe(120);
    });

    test('encodes values: timestamps as UTC ISO strings, JSON as JSON', async () => {
      const { json } = await api('/api/db/blog/tables/post/rows?orderBy=views:asc&pageSize=1');
      expect(json.items[0].createdAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
      expect(json.items[0].meta).toEqual({ tags: ['even'] });
    });

    test('a bad filter is the repository QueryError, on its field', async () => {
      const unknown = await api(`/api/db/blog/tables/post/rows?where=${encodeURIComponent('{"nope":1}')}`);
      expect(unknown.status).toBe(400);
      expect(unknown.json.error.fields).toEqual({ nope: 'unknown field' });
      const wrongOperator = await api(
        `/api/db/blog/tables/post/rows?where=${encodeURIComponent('{"views":{"contains":"1"}}')}`,
      );
      expect(wrongOperator.status).toBe(400);
      expect(Object.keys(wrongOperator.json.error.fields)).toEqual(['views']);
      expect((await api('/api/db/blog/tables/nope/rows')).status).toBe(404);
      expect((await api('/api/db/blog/tables/post/rows?pageSize=100000')).json.pageSize).toBe(500);
    });
  });

  describe('writes through the repository', () => {
    test('insert and edit; a unique violation names its field', async () => {
      const created = await api('/api/db/blog/tables/author/rows', {
        method: 'POST',
        body: { values: { name: 'N. K. Jemisin', email: 'nk@example.com' } },
      });
      expect(created.status).toBe(201);
      expect(created.json.row).toMatchObject({ name: 'N. K. Jemisin', email: 'nk@example.com' });
      const id = created.json.row.id as string;
      const edited = await api(`/api/db/blog/tables/author/rows/${id}`, {
        method: 'PATCH',
        body: { values: { name: 'Nora K. Jemisin' } },
      });
      expect(edited.json.row.name).toBe('Nora K. Jemisin');
      const duplicate = await api(`/api/db/blog/tables/author/rows/${id}`, {
        method: 'PATCH',
        body: { values: { email: 'ursula@example.com' } },
      });
      expect(duplicate.status).toBe(409);
      expect(duplicate.json.error).toMatchObject({ kind: 'unique_violation', fields: { email: expect.any(String) } });
    });

    test('validation from the schema before any write, every field at once', async () => {
      const before = await db.repos.post.count({}, { withDeleted: true });
      const invalid = await api('/api/db/blog/tables/post/rows', {
        method: 'POST',
        body: { values: { status: 'archived', views: 'many', nope: 1 } },
      });
      expect(invalid.status).toBe(422);
      expect(Object.keys(invalid.json.error.fields).sort()).toEqual(['authorId', 'nope', 'status', 'title', 'views']);
      expect(await db.repos.post.count({}, { withDeleted: true })).toBe(before);
    });

    test('soft delete hides a row, the toggle shows it, restore brings it back; undo reverts', async () => {
      const [target] = await db.repos.post.findMany({ where: { views: 3 } });
      const id = target?.id as string;
      expect((await api(`/api/db/blog/tables/post/rows/${id}`, { method: 'DELETE' })).status).toBe(200);
      const where = encodeURIComponent(JSON.stringify({ views: 3 }));
      expect((await api(`/api/db/blog/tables/post/rows?where=${where}`)).json.total).toBe(0);
      const shown = await api(`/api/db/blog/tables/post/rows?where=${where}&deleted=with`);
      expect(shown.json.items[0].deletedAt).not.toBeNull();
      expect((await api('/api/db/blog/tables/post/rows?deleted=only')).json.total).toBe(1);
      expect((await api(`/api/db/blog/tables/post/rows/${id}/restore`, { method: 'POST' })).status).toBe(200);
      expect((await api(`/api/db/blog/tables/post/rows?where=${where}`)).json.total).toBe(1);
      // Undo the restore: the row is deleted again; undo the delete: it is back.
      expect((await api('/api/undo')).json.lastChange).toBe(`restored post ${id}`);
      expect((await api('/api/undo', { method: 'POST', body: {} })).json.undone).toBe(`restored post ${id}`);
      expect(await db.repos.post.findById(id)).toBeUndefined();
      await api('/api/undo', { method: 'POST', body: {} });
      expect(await db.repos.post.findById(id)).toMatchObject({ views: 3, deletedAt: null });
    });

    test('undo of an edit writes the previous values back; of an insert removes the row', async () => {
      const [target] = await db.repos.post.findMany({ where: { views: 4 } });
      const id = target?.id as string;
      await api(`/api/db/blog/tables/post/rows/${id}`, {
        method: 'PATCH',
        body: { values: { title: 'Changed', meta: { tags: ['x'] } } },
      });
      expect(await db.repos.post.findById(id)).toMatchObject({ title: 'Changed', meta: { tags: ['x'] } });
      await api('/api/undo', { method: 'POST', body: {} });
      expect(await db.repos.post.findById(id)).toMatchObject({ title: target?.title, meta: { tags: ['even'] } });
      const created = await api('/api/db/blog/tables/post/rows', {
        method: 'POST',
        body: { values: { authorId: ids.ted, title: 'Fresh', publishedAt: undefined } },
      });
      expect(created.status).toBe(201);
      await api('/api/undo', { method: 'POST', body: {} });
      expect(await db.repos.post.findById(created.json.row.id, { withDeleted: true })).toBeUndefined();
    });
  });

  describe('migrations', () => {
    test('pending, then applied after a confirmed apply, then rolled back', async () => {
      const before = (await api('/api/db/library/migrations')).json;
      expect(before.migrations.map((m: { id: string; state: string }) => [m.id, m.state])).toEqual([
        ['0001_init', 'pending'],
      ]);
      expect(before.migrations[0].up.join('\n')).toMatch(/CREATE TABLE/i);
      const unconfirmed = await api('/api/db/library/migrations/apply', { method: 'POST', body: { expect: [] } });
      expect(unconfirmed.status).toBe(409);
      const applied = await api('/api/db/library/migrations/apply', {
        method: 'POST',
        body: { expect: ['0001_init'] },
      });
      expect(applied.json.migrations[0].state).toBe('applied');
      expect(applied.json.drift).toEqual([]);
      const rolled = await api('/api/db/library/migrations/rollback', {
        method: 'POST',
        body: { expect: ['0001_init'] },
      });
      expect(rolled.json.migrations[0].state).toBe('pending');
      expect((await api('/api/db/blog/migrations')).status).toBe(404);
    });
  });

  describe('SQL console', () => {
    test('runs a query, with its plan', async () => {
      const { json } = await api('/api/db/blog/sql', {
        method: 'POST',
        body: { sql: 'select count(*) as n from post where views < 10;' },
      });
      expect(json.columns).toEqual(['n']);
      expect(Number(json.rows[0][0])).toBe(10);
      const plan = await api('/api/db/blog/sql', {
        method: 'POST',
        body: { sql: 'select * from post', explain: true },
      });
      expect(plan.status).toBe(200);
      expect(plan.json.statement).toMatch(/^EXPLAIN/);
    });

    test('refuses writes, several statements and transaction control', async () => {
      const attempts = [
        'delete from post',
        'select 1; delete from post',
        'commit',
        'with gone as (delete from post returning id) select count(*) from gone',
      ];
      for (const sql of attempts) {
        const answer = await api('/api/db/blog/sql', { method: 'POST', body: { sql } });
        expect(answer.status, sql).toBe(400);
      }
      expect(await db.repos.post.count({}, { withDeleted: true })).toBeGreaterThanOrEqual(120);
    });
  });
});
