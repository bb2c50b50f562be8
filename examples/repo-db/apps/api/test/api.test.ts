// The API over HTTP, on the shared package as the document's "Usage" shows it (`@repo/db`), on
// SQLite (development) and PostgreSQL (production), both chosen by the environment.
import { type DbRecord, db } from '@repo/db';
import { useTestDatabase } from '@repo/db/testing';
import { engineCases } from '@strata/testing';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type ApiServer, startServer } from '../src/index.js';

const cases = engineCases({ only: ['sqlite', 'postgres'] });

describe.each(cases)('the API on $engine', ({ engine, skip }) => {
  const it = test.skipIf(skip !== undefined);
  if (skip) test.skip(`${engine}: ${skip}`, () => {});

  let cleanUp: (() => Promise<void>) | undefined;
  let server: ApiServer;
  beforeAll(async () => {
    if (skip) return;
    cleanUp = await useTestDatabase(engine);
    server = await startServer();
  });
  afterAll(async () => {
    await server?.close();
    await cleanUp?.();
  });

  async function call(method: string, path: string, body?: unknown) {
    const response = await fetch(`${server.url}${path}`, {
      method,
      ...(body !== undefined && { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
    });
    return { status: response.status, body: response.status === 204 ? undefined : await response.json() };
  }

  it('reports health: the engine the environment chose, no pending migration', async () => {
    const { status, body } = await call('GET', '/health');
    expect(status).toBe(200);
    expect(body).toMatchObject({
      ok: true,
      engine,
      dbType: engine === 'sqlite' ? 'sqlite' : 'postgresql',
      pendingMigrations: 0,
    });
  });

  it('registers, finds, renames and deletes users with their assessments', async () => {
    const created = await call('POST', '/users', { email: 'ada@example.com', name: 'Ada' });
    expect(created.status).toBe(201);
    const ada = created.body as DbRecord<'users'>;
    expect(await call('POST', '/users', { email: 'ada@example.com', name: 'Twin' })).toMatchObject({ status: 409 });
    expect(await call('POST', '/users', { email: 'bob@example.com' })).toMatchObject({
      status: 400,
      body: { error: expect.stringContaining('"name"') },
    });
    expect(await call('POST', '/users', ['bob@example.com'])).toMatchObject({ status: 400 });

    expect((await call('GET', '/users?email=ada%40example.com')).body).toEqual([ada]);
    expect(await call('GET', `/users/${ada.id}`)).toMatchObject({ status: 200, body: { email: 'ada@example.com' } });
    expect(await call('GET', '/users/not-a-uuid')).toMatchObject({ status: 400 });
    expect(await call('PATCH', `/users/${ada.id}`, { name: 'Ada Lovelace' })).toMatchObject({
      status: 200,
      body: { name: 'Ada Lovelace' },
    });

    const ids: string[] = [];
    for (const title of ['Intro', 'Final', 'Midterm']) {
      const { status, body } = await call('POST', `/users/${ada.id}/assessments`, { title });
      expect(status).toBe(201);
      ids.push((body as DbRecord<'assessments'>).id);
    }
    const nobody = '01900000-0000-7000-8000-000000000000';
    expect(await call('POST', `/users/${nobody}/assessments`, { title: 'Lost' })).toMatchObject({ status: 404 });
    expect(await call('POST', `/assessments/${ids[1]}/complete`, { score: 101 })).toMatchObject({ status: 400 });
    expect(await call('POST', `/assessments/${ids[1]}/complete`, {})).toMatchObject({
      status: 400,
      body: { error: 'table "assessments", field "score": is required' },
    });
    expect(await call('POST', `/assessments/${ids[1]}/complete`, { score: 92 })).toMatchObject({
      status: 200,
      body: { title: 'Final', status: 'completed', score: 92 },
    });

    const list = await call('GET', `/users/${ada.id}/assessments?page=1`);
    expect(list.body).toMatchObject({
      total: 3,
      pageCount: 1,
      items: [{ title: 'Final' }, { title: 'Intro' }, { title: 'Midterm' }],
      summary: { draft: 2, in_progress: 0, completed: 1 },
    });

    expect(await call('DELETE', `/users/${ada.id}`)).toMatchObject({ status: 204 });
    expect(await call('GET', `/users/${ada.id}`)).toMatchObject({ status: 404 });
    expect(await call('DELETE', `/users/${ada.id}`)).toMatchObject({ status: 404 });
    expect((await call('GET', `/users/${ada.id}/assessments`)).body).toMatchObject({ total: 0 });
  });

  it('closes the shared database when the server closes', async () => {
    const open = await db.get();
    await server.close();
    expect(open.closed).toBe(true);
  });
});
