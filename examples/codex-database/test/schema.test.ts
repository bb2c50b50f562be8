// The schema on every engine: soft deletes, CHECK constraints on status and type, and the
// error helpers of the original package, each met with the real fault.
import { isDatabaseError, QueryError } from '@strata/core';
import { engineCases, rawInsert } from '@strata/testing';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  findDatabaseError,
  getConstraintName,
  getErrorDetail,
  isCheckViolation,
  isForeignKeyViolation,
  isNotNullViolation,
  isUniqueViolation,
} from '../src/errors.js';
import { type CodexTestDatabase, newUser, openCodex } from './codex.js';

/** The rejection of `write`, which must fail. */
async function failure(write: () => Promise<unknown>): Promise<unknown> {
  return write().then(
    () => expect.fail('the write succeeded'),
    (error: unknown) => error,
  );
}

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

  it('soft-deletes content: hidden from reads and counts, restorable, still stored', async () => {
    const creator = await newUser(db);
    const post = await db.repos.content.create({
      creatorId: creator.id,
      title: 'Soft',
      slug: 'soft',
      contentType: 'written',
    });
    expect(post).toMatchObject({ status: 'draft', deletedAt: null });

    const deleted = await db.repos.content.delete(post.id);
    expect(deleted?.deletedAt).toBeInstanceOf(Date);
    expect(await db.repos.content.findById(post.id)).toBeUndefined();
    expect(await db.repos.content.count({ creatorId: creator.id })).toBe(0);
    expect(await db.repos.content.count({ creatorId: creator.id }, { onlyDeleted: true })).toBe(1);

    await db.repos.content.restore(post.id);
    expect((await db.repos.content.findById(post.id))?.deletedAt).toBeNull();

    // Users soft-delete too (a Better Auth field clients cannot set).
    await db.repos.user.delete(creator.id);
    expect(await db.repos.user.findById(creator.id)).toBeUndefined();
    expect((await db.repos.user.findById(creator.id, { withDeleted: true }))?.email).toBe(creator.email);
  });

  it('refuses unknown statuses and types, and published content without a date (CHECK)', async () => {
    const creator = await newUser(db);
    const base = { creatorId: creator.id, title: 'Checked', slug: 'checked', contentType: 'video' } as const;
    // Values that do not compile are what an unchecked caller (raw SQL, another service) could send.
    const badStatus = await failure(() => rawInsert(db, 'content', { ...base, status: 'live' }));
    expect(isCheckViolation(badStatus)).toBe(true);
    expect(getConstraintName(badStatus)).toBe('content_status_enum');

    const badType = await failure(() => rawInsert(db, 'content', { ...base, contentType: 'podcast' }));
    expect(getConstraintName(badType)).toBe('content_content_type_enum');

    const undated = await failure(() => db.repos.content.create({ ...base, status: 'published' }));
    expect(isCheckViolation(undated)).toBe(true);
    expect(getConstraintName(undated)).toBe('content_published_has_date');

    // The repository refuses such values before they reach the database (untyped input, too).
    const unknownType = await failure(() =>
      db.repos.mediaItems.create({
        creatorId: creator.id,
        title: 'Hologram',
        mediaType: 'hologram' as 'video',
        r2Key: `originals/${engine}/hologram.mp4`,
      }),
    );
    expect(unknownType instanceof QueryError && unknownType.field).toBe('mediaType');
    const negativeSize = await failure(() =>
      db.repos.mediaItems.create({
        creatorId: creator.id,
        title: 'Negative',
        mediaType: 'video',
        r2Key: `originals/${engine}/negative.mp4`,
        fileSizeBytes: -1n,
      }),
    );
    expect(getConstraintName(negativeSize)).toBe('media_items_file_size_not_negative');
  });

  it('names unique, foreign key and not-null violations the same way on every engine', async () => {
    const creator = await newUser(db);
    const duplicate = await failure(() =>
      db.repos.user.create({ id: 'someone-else', name: 'Copy', email: creator.email }),
    );
    expect(isUniqueViolation(duplicate)).toBe(true);
    expect(isForeignKeyViolation(duplicate)).toBe(false);
    expect(getConstraintName(duplicate)).toBe('user_email_key');
    expect(getErrorDetail(duplicate)).toBe('Key (email) already exists.');
    expect(String(duplicate)).not.toContain(creator.email); // messages carry no row values

    const slug = `taken-${engine}`;
    await db.repos.organizations.create({ name: 'First', slug });
    const takenSlug = await failure(() => db.repos.organizations.create({ name: 'Second', slug }));
    expect(getConstraintName(takenSlug)).toBe('organizations_slug_key');

    const orphan = await failure(() =>
      db.repos.content.create({
        creatorId: 'no-such-user',
        title: 'Orphan',
        slug: 'orphan',
        contentType: 'audio',
      }),
    );
    expect(isForeignKeyViolation(orphan)).toBe(true);
    expect(isDatabaseError(orphan) && orphan.table).toBe('content');
    // SQLite does not say which foreign key failed; PostgreSQL names it.
    expect(getConstraintName(orphan)).toBe(engine === 'sqlite' ? undefined : 'content_creator_id_user_id_fk');

    // Errors of queries through Drizzle itself are read the same way.
    const notNull = await failure(() => rawInsert(db, 'organizations', { name: null, slug: 'untitled' }));
    expect(isNotNullViolation(notNull)).toBe(true);
    expect(findDatabaseError(notNull)?.columns).toEqual(['name']);
    // Errors wrapped by a caller are still recognized.
    expect(isNotNullViolation(new Error('saving failed', { cause: notNull }))).toBe(true);
  });

  it("lets a new organization take a soft-deleted organization's slug, never a live one's", async () => {
    const slug = `reused-${engine}`;
    const closed = await db.repos.organizations.create({ name: 'Closed', slug });
    await db.repos.organizations.delete(closed.id);
    const successor = await db.repos.organizations.create({ name: 'Successor', slug });
    expect(await db.repos.organizations.findBy('slug', slug)).toMatchObject({ id: successor.id });

    const taken = await failure(() => db.repos.organizations.create({ name: 'Third', slug }));
    expect(isUniqueViolation(taken)).toBe(true);
    expect(getConstraintName(taken)).toBe('organizations_slug_key');
    // Restoring the old one would give the slug two live organizations.
    expect(isUniqueViolation(await failure(() => db.repos.organizations.restore(closed.id)))).toBe(true);
  });
});
