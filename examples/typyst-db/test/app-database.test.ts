// Acceptance: the PGlite client factory — migrations applied on open, app rows per user, the
// foreign keys inside the app database, types inferred from the schema, a data directory that
// keeps its rows when reopened, and migrations that roll back.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { migrate, rollback } from '@strata/cli/migrate';
import { isForeignKeyViolation } from '@strata/core';
import { engineSkip, pgliteSnapshot } from '@strata/testing';
import { afterAll, beforeAll, describe, expect, expectTypeOf, test } from 'vitest';
import { type AppDatabase, createAppDatabase } from '../src/client/app-db.js';
import type { Entry, NewEntry } from '../src/schema/app.js';
import { columnsOf } from './columns.js';

const skip = engineSkip('pglite');
const it = test.skipIf(skip !== undefined);
const migrations = fileURLToPath(new URL('../migrations/app', import.meta.url));

describe('the app database on PGlite', () => {
  if (skip) test.skip(`needs PGlite: ${skip}`, () => {});
  let app: AppDatabase;

  beforeAll(async () => {
    if (!skip) app = await createAppDatabase({ loadDataDir: await pgliteSnapshot() });
  });
  afterAll(() => app?.db.close());

  it('opens migrated, with the tables and columns the document defines', async () => {
    expect(app.db.engine).toBe('pglite');
    expect(app.appliedMigrations).toEqual(['0001_init']);
    expect(await columnsOf(app.db, 'collection')).toEqual(
      ['color', 'created_at', 'description', 'icon', 'id', 'name', 'updated_at', 'user_id'].sort(),
    );
    expect(await columnsOf(app.db, 'collection_settings')).toEqual(
      ['collection_id', 'created_at', 'id', 'sort_by', 'sort_order', 'updated_at', 'user_id', 'view_mode'].sort(),
    );
    expect(await columnsOf(app.db, 'entry')).toEqual(
      ['collection_id', 'content', 'created_at', 'id', 'title', 'updated_at', 'user_id'].sort(),
    );
  });

  it('keeps each user to their own rows', async () => {
    const ada = app.db.repos.collection.forUser('user-ada');
    const bob = app.db.repos.collection.forUser('user-bob');
    const inbox = await ada.create({ name: 'Inbox', color: 'blue' });
    await bob.create({ name: 'Inbox' });
    const entry = await app.db.repos.entry.forUser('user-ada').create({ title: 'First', collectionId: inbox.id });

    expect(entry.userId).toBe('user-ada');
    expect((await ada.findMany()).map((c) => c.name)).toEqual(['Inbox']);
    expect(await bob.findById(inbox.id)).toBeUndefined();
    expect(await app.db.repos.entry.forUser('user-bob').count()).toBe(0);
    const nested = await app.db.drizzle.query.collection.findFirst({
      where: (c, { eq }) => eq(c.id, inbox.id),
      with: { entries: true },
    });
    expect(nested?.entries.map((e) => e.title)).toEqual(['First']);
  });

  it('infers row types from the schema', async () => {
    const collection = await app.db.repos.collection.create({ name: 'Typed', userId: 'user-ada' });
    const input: NewEntry = { title: 'Typed', collectionId: collection.id, userId: 'user-ada' };
    const row = await app.db.repos.entry.create(input);
    expectTypeOf(row).toEqualTypeOf<Entry>();
    expectTypeOf<Entry>().toEqualTypeOf<{
      id: string;
      title: string;
      content: string | null;
      collectionId: string;
      userId: string;
      createdAt: Date;
      updatedAt: Date;
    }>();
    // @ts-expect-error an entry needs a title
    const untitled: NewEntry = { collectionId: collection.id, userId: 'user-ada' };
    expect(untitled).not.toHaveProperty('title');
    expect(row.createdAt).toBeInstanceOf(Date);
    expect(row.content).toBeNull();
  });

  it('enforces the foreign keys inside the app database: entries and settings go with their collection', async () => {
    const scope = 'user-fk';
    const missing = app.db.repos.entry.create({ title: 'Lost', collectionId: crypto.randomUUID(), userId: scope });
    await expect(missing).rejects.toSatisfy(isForeignKeyViolation);

    const collection = await app.db.repos.collection.create({ name: 'Doomed', userId: scope });
    await app.db.repos.entry.create({ title: 'Gone', collectionId: collection.id, userId: scope });
    await app.db.repos.collectionSettings.create({ collectionId: collection.id, viewMode: 'grid', userId: scope });
    await app.db.repos.collection.delete(collection.id);
    expect(await app.db.repos.entry.count({ userId: scope })).toBe(0);
    expect(await app.db.repos.collectionSettings.count({ userId: scope })).toBe(0);
  });
});

describe('the app database in a data directory', () => {
  if (skip) test.skip(`needs PGlite: ${skip}`, () => {});
  let dataDir: string;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'typyst-app-'));
  });
  afterAll(() => rm(dataDir, { recursive: true, force: true }));

  it('keeps its rows when reopened and applies no migration twice', async () => {
    const first = await createAppDatabase({ dataDir });
    expect(first.appliedMigrations).toEqual(['0001_init']);
    const saved = await first.db.repos.collection.forUser('user-ada').create({ name: 'Kept' });
    await first.db.close();

    const second = await createAppDatabase({ dataDir });
    try {
      expect(second.appliedMigrations).toEqual([]);
      expect(await second.db.repos.collection.findById(saved.id)).toMatchObject({ name: 'Kept', userId: 'user-ada' });
    } finally {
      await second.db.close();
    }
  });

  it('rolls its migrations back and forward again', async () => {
    const { db } = await createAppDatabase({ loadDataDir: await pgliteSnapshot() });
    try {
      expect((await rollback(db, { folder: migrations, steps: 1 })).migrations).toEqual(['0001_init']);
      expect(await columnsOf(db, 'entry')).toEqual([]);
      expect((await migrate(db, { folder: migrations })).migrations).toEqual(['0001_init']);
      expect(await db.repos.entry.count()).toBe(0);
    } finally {
      await db.close();
    }
  });
});
