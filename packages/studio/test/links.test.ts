// Links between two databases over HTTP: the two-database example's layout, Better Auth's tables
// on SQLite and the app's tables (userId, no foreign key) on PGlite. By the userId convention the
// app rows link to their user, and the user lists the app rows; declared `links` replace it.
import { createDatabase as createPglite } from '@strata/pglite';
import type { AnyStrataDatabase } from '@strata/sql';
import { createDatabase as createSqlite } from '@strata/sqlite';
import { pgliteSnapshot } from '@strata/testing';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import * as app from '../../../examples/two-databases/src/schema/app.js';
import * as auth from '../../../examples/two-databases/src/schema/auth.js';
import { type StudioHandle, startStudio } from '../src/index.js';
import { type Answer, authorized } from './support/client.js';

interface Link {
  readonly from: string;
  readonly fields: string[];
  readonly to: string;
  readonly references: string[];
  readonly fromDatabase?: string;
  readonly toDatabase?: string;
}
type Table = { name: string; outgoing: Link[]; incoming: Link[] };

let authDb: AnyStrataDatabase<typeof auth>;
let appDb: AnyStrataDatabase<typeof app>;
const running: StudioHandle[] = [];

async function serve(links?: Parameters<typeof startStudio>[0]['links']) {
  const studio = await startStudio({
    databases: [
      { name: 'auth', db: authDb },
      { name: 'app', db: appDb },
    ],
    ...(links && { links }),
  });
  running.push(studio);
  return authorized(studio.port, studio.token);
}

async function tables(api: (path: string) => Promise<Answer>, database: string): Promise<Map<string, Table>> {
  const { json } = await api(`/api/db/${database}`);
  return new Map((json.tables as Table[]).map((table) => [table.name, table]));
}

beforeAll(async () => {
  authDb = (await createSqlite({ schema: auth })) as unknown as AnyStrataDatabase<typeof auth>;
  appDb = (await createPglite({
    schema: app,
    loadDataDir: await pgliteSnapshot(),
  })) as unknown as AnyStrataDatabase<typeof app>;
  await authDb.createTables();
  await appDb.createTables();
  for (const [id, name] of [
    ['user_ada', 'Ada Lovelace'],
    ['user_alan', 'Alan Turing'],
  ] as const) {
    await authDb.repos.user.create({ id, name, email: `${id.slice(5)}@example.com` });
  }
  const notes = await appDb.repos.collection.create({ name: 'Notes', userId: 'user_ada' });
  await appDb.repos.collection.create({ name: 'Papers', userId: 'user_alan' });
  await appDb.repos.entry.insertMany([
    { title: 'Bernoulli numbers', collectionId: notes.id, userId: 'user_ada' },
    { title: 'Operation cards', collectionId: notes.id, userId: 'user_ada' },
  ]);
});

afterAll(async () => {
  for (const studio of running) await studio.close();
  await authDb?.close();
  await appDb?.close();
});

describe('links between databases', () => {
  test('by the userId convention: app tables link to the auth database user, and back', async () => {
    const api = await serve();
    const listed = (await api('/api/databases')).json.links;
    expect(listed).toEqual([
      { from: 'app.collection.userId', to: 'auth.user.id', convention: true },
      { from: 'app.collectionSettings.userId', to: 'auth.user.id', convention: true },
      { from: 'app.entry.userId', to: 'auth.user.id', convention: true },
    ]);
    const appTables = await tables(api, 'app');
    expect(appTables.get('entry')?.outgoing).toContainEqual({
      from: 'entry',
      fields: ['userId'],
      to: 'user',
      references: ['id'],
      name: 'userId',
      fromDatabase: 'app',
      toDatabase: 'auth',
    });
    // The foreign key inside the app database is still there, with no database named.
    expect(appTables.get('entry')?.outgoing.find((link) => link.to === 'collection')?.toDatabase).toBeUndefined();
    const user = (await tables(api, 'auth')).get('user');
    expect(user?.incoming.filter((link) => link.fromDatabase === 'app').map((link) => link.from)).toEqual([
      'collection',
      'collectionSettings',
      'entry',
    ]);
    // Inside the auth database, session.userId is a real foreign key: not a link between databases.
    const session = (await tables(api, 'auth')).get('session');
    expect(session?.outgoing).toHaveLength(1);
    expect(session?.outgoing[0]?.toDatabase).toBeUndefined();
  });

  test('following a link both ways is a filter on the other database, through its repository', async () => {
    const api = await serve();
    // From an entry to its user: the cell's link is the user table filtered by id.
    const entries = await api(
      `/api/db/app/tables/entry/rows?where=${encodeURIComponent('{"title":"Operation cards"}')}`,
    );
    const owner = entries.json.items[0].userId as string;
    const user = await api(`/api/db/auth/tables/user/rows?where=${encodeURIComponent(JSON.stringify({ id: owner }))}`);
    expect(user.json.items.map((row: { name: string }) => row.name)).toEqual(['Ada Lovelace']);
    // From the user to the app rows carrying its id.
    const where = encodeURIComponent(JSON.stringify({ userId: 'user_ada' }));
    expect((await api(`/api/db/app/tables/entry/rows?where=${where}`)).json.total).toBe(2);
    expect((await api(`/api/db/app/tables/collection/rows?where=${where}`)).json.items).toMatchObject([
      { name: 'Notes' },
    ]);
  });

  test('declared links replace the convention, and a wrong end fails at start', async () => {
    const api = await serve([{ from: 'app.entry.userId', to: 'auth.user.id' }]);
    expect((await api('/api/databases')).json.links).toEqual([
      { from: 'app.entry.userId', to: 'auth.user.id', convention: false },
    ]);
    const appTables = await tables(api, 'app');
    expect(appTables.get('collection')?.outgoing).toEqual([]);
    const none = await serve([]);
    expect((await none('/api/databases')).json.links).toEqual([]);
    const wrong = [
      [{ from: 'app.entry.ownerId', to: 'auth.user.id' }, 'has no field "ownerId"'],
      [{ from: 'app.entry', to: 'auth.user.id' }, 'must be written database.table.field'],
      [{ from: 'app.entry.userId', to: 'billing.user.id' }, 'no database named "billing"'],
      [{ from: 'app.entry.collectionId', to: 'app.collection.id' }, 'stays in one database'],
    ] as const;
    for (const [link, message] of wrong) {
      await expect(
        startStudio({
          databases: [
            { name: 'auth', db: authDb },
            { name: 'app', db: appDb },
          ],
          links: [link],
        }),
      ).rejects.toThrow(message);
    }
  });

  test('with one database, or no auth user table, the convention links nothing', async () => {
    const alone = await startStudio({ databases: [{ name: 'app', db: appDb }] });
    running.push(alone);
    expect((await authorized(alone.port, alone.token)('/api/databases')).json.links).toEqual([]);
  });
});
