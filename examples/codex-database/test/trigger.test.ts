// The organization-deletion trigger (custom migration 0002, PostgreSQL and SQLite versions):
// deleting an organization unpublishes its content, on every engine; the registry describes it.
import { rollback } from '@strata/cli/migrate';
import { engineCases, rawRows } from '@strata/testing';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { migrationsFolder } from '../src/migrations.js';
import { content } from '../src/schema/index.js';
import { getAllTriggerNames, getTriggerMetadata, getTriggersForTable, triggers } from '../src/triggers.js';
import { type CodexTestDatabase, newUser, openCodex, publishedContent } from './codex.js';

test('the registry describes the trigger the custom migration creates', async () => {
  const trigger = getTriggerMetadata('unpublish_content_on_org_delete');
  expect(trigger).toMatchObject({
    name: 'trigger_unpublish_on_org_delete',
    table: 'content',
    timing: { pg: 'before', sqlite: 'after' },
    events: ['update'],
    function: 'unpublish_content_on_org_delete',
    migration: '0002_add_org_deletion_trigger',
  });
  expect(trigger.businessReason).toMatch(/personal page/);
  expect(getTriggerMetadata('unpublish_content_on_org_delete', { dialect: 'pg' }).timing).toBe('before');
  expect(getTriggerMetadata('unpublish_content_on_org_delete', { dialect: 'sqlite' }).timing).toBe('after');
  expect(triggers.DATABASE_TRIGGERS.unpublish_content_on_org_delete).toBe(trigger);
  expect(getTriggersForTable(content)).toEqual([trigger]);
  expect(getTriggersForTable('organizations')).toEqual([]);
  expect(getAllTriggerNames()).toEqual(['trigger_unpublish_on_org_delete']);
  expect(() => getTriggerMetadata('nope' as 'unpublish_content_on_org_delete')).toThrow(/no trigger is registered/);
});

describe.each(engineCases())('on $engine', ({ engine, skip }) => {
  let db: CodexTestDatabase;
  beforeAll(async () => {
    if (!skip) db = await openCodex(engine);
  });
  afterAll(async () => {
    await db?.close();
  });
  const it = test.skipIf(skip !== undefined);
  if (skip) test.skip(`${engine}: ${skip}`, () => {});

  it('deleting an organization unpublishes its content and nothing else', async () => {
    const creator = await newUser(db);
    const acme = await db.repos.organizations.create({ name: 'Acme Inc', slug: `acme-${engine}` });
    const other = await db.repos.organizations.create({ name: 'Other', slug: `other-${engine}` });
    const orgVideo = await publishedContent(db, { creatorId: creator.id, organizationId: acme.id, title: 'Org video' });
    const otherVideo = await publishedContent(db, { creatorId: creator.id, organizationId: other.id, title: 'Kept' });
    const personal = await publishedContent(db, { creatorId: creator.id, title: 'Personal' });

    // A soft delete keeps the row, so the reference stays and nothing is unpublished.
    await db.repos.organizations.delete(acme.id);
    expect((await db.repos.content.findById(orgVideo.id))?.status).toBe('published');

    // Removing the row sets organization_id to NULL (ON DELETE SET NULL); the trigger follows.
    await db.repos.organizations.hardDelete(acme.id);
    expect(await db.repos.content.findById(orgVideo.id)).toMatchObject({
      organizationId: null,
      status: 'draft',
      publishedAt: null,
    });
    expect(await db.repos.content.findById(otherVideo.id)).toMatchObject({ status: 'published' });
    expect(await db.repos.content.findById(personal.id)).toMatchObject({ status: 'published' });

    // Moving content out of an organization by hand is the same change, with the same result.
    await db.repos.content.update(otherVideo.id, { organizationId: null });
    expect(await db.repos.content.findById(otherVideo.id)).toMatchObject({ status: 'draft', publishedAt: null });
  });

  it('is created with the timing the registry gives for the dialect', async () => {
    const { name, timing } = getTriggerMetadata('unpublish_content_on_org_delete', { dialect: db.dialect });
    const [created] =
      db.dialect === 'sqlite'
        ? await rawRows(db, sql`select sql as definition from sqlite_master where type = 'trigger' and name = ${name}`)
        : await rawRows(
            db,
            sql`select action_timing || ' ' || event_manipulation as definition from information_schema.triggers where trigger_name = ${name}`,
          );
    expect(String(created?.definition)).toMatch(new RegExp(`\\b${timing} update\\b`, 'i'));
  });

  it('is the migration that does it: rolled back, a deletion leaves content published', async () => {
    await rollback(db, { folder: migrationsFolder, to: 1 }); // undoes 0002_add_org_deletion_trigger and after
    const creator = await newUser(db);
    const org = await db.repos.organizations.create({ name: 'Gone', slug: `gone-${engine}` });
    const video = await publishedContent(db, { creatorId: creator.id, organizationId: org.id, title: 'Stays' });
    await db.repos.organizations.hardDelete(org.id);
    expect(await db.repos.content.findById(video.id)).toMatchObject({ organizationId: null, status: 'published' });
  });
});
