// The original document's usage examples on Strata, on every engine: transactions, the media
// workflow, dynamic filters with pagination, keyset pages, and joins through Drizzle's
// relational queries.
import { engineCases } from '@strata/testing';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type CodexTestDatabase, newUser, openCodex, publishedContent } from './codex.js';

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

  it('creates an organization and its content atomically, or neither', async () => {
    const creator = await newUser(db);
    const org = await db.transaction(async (tx) => {
      const created = await tx.repos.organizations.create({ name: 'Acme Inc', slug: 'acme', description: 'Great' });
      await tx.repos.content.create({
        creatorId: creator.id,
        organizationId: created.id,
        title: 'Welcome Video',
        slug: 'welcome',
        contentType: 'video',
      });
      return created;
    });
    expect(await db.repos.content.count({ organizationId: org.id })).toBe(1);

    // The second insert fails (no such creator): the organization is rolled back with it.
    const failed = db.transaction(async (tx) => {
      const created = await tx.repos.organizations.create({ name: 'Doomed', slug: 'doomed' });
      await tx.repos.content.create({
        creatorId: 'no-such-user',
        organizationId: created.id,
        title: 'Never',
        slug: 'never',
        contentType: 'video',
      });
    });
    await expect(failed).rejects.toMatchObject({ kind: 'foreign_key_violation' });
    expect(await db.repos.organizations.exists({ slug: 'doomed' })).toBe(false);
  });

  it('tracks a media item from upload to ready, and lists a creator’s ready media', async () => {
    const creator = await newUser(db);
    const media = await db.repos.mediaItems.create({
      creatorId: creator.id,
      title: 'My Video',
      mediaType: 'video',
      r2Key: `originals/${engine}/video.mp4`,
      fileSizeBytes: 3_221_225_472n, // 3 GiB: past a 4-byte integer
      mimeType: 'video/mp4',
    });
    expect(media.status).toBe('uploading');
    await db.repos.mediaItems.create({
      creatorId: creator.id,
      title: 'Still uploading',
      mediaType: 'audio',
      r2Key: `originals/${engine}/audio.mp3`,
    });
    const uploadedAt = new Date('2025-02-03T04:05:06.789Z');
    await db.repos.mediaItems.update(media.id, {
      status: 'ready',
      durationSeconds: 120,
      width: 1920,
      height: 1080,
      hlsMasterPlaylistKey: `hls/${media.id}/master.m3u8`,
      thumbnailKey: `thumbnails/${media.id}/thumb.jpg`,
      uploadedAt,
    });
    const ready = await db.repos.mediaItems.findMany({ where: { creatorId: creator.id, status: 'ready' } });
    expect(ready).toMatchObject([{ id: media.id, fileSizeBytes: 3_221_225_472n, width: 1920, uploadedAt }]);
  });

  it('filters, searches and paginates content, newest first, leaving deleted rows out', async () => {
    const creator = await newUser(db);
    const org = await db.repos.organizations.create({ name: 'Studio', slug: `studio-${engine}` });
    for (let day = 1; day <= 5; day++) {
      await publishedContent(db, {
        creatorId: creator.id,
        organizationId: org.id,
        title: `Lesson ${day} (100% fun)`,
        publishedAt: new Date(Date.UTC(2025, 0, day)),
      });
    }
    const outsider = await publishedContent(db, { creatorId: creator.id, title: 'Lesson elsewhere' });
    const removed = await publishedContent(db, { creatorId: creator.id, organizationId: org.id, title: 'Lesson gone' });
    await db.repos.content.delete(removed.id);

    // The dynamic filters of the original: only those given apply.
    const filters = { organizationId: org.id, searchTerm: '100% FUN' };
    const page = await db.repos.content.paginate({
      where: {
        ...(filters.organizationId && { organizationId: filters.organizationId }),
        ...(filters.searchTerm && { title: { contains: filters.searchTerm, ignoreCase: true } }),
      },
      orderBy: { publishedAt: 'desc' },
      page: 2,
      pageSize: 2,
    });
    expect(page).toMatchObject({ total: 5, page: 2, pageSize: 2, pageCount: 3 });
    expect(page.items.map((c) => c.title)).toEqual(['Lesson 3 (100% fun)', 'Lesson 2 (100% fun)']);

    // Keyset pages over the whole creator's content, stable while rows are added.
    const first = await db.repos.content.findPage({
      where: { creatorId: creator.id },
      orderBy: { createdAt: 'desc' },
      limit: 4,
    });
    const second = await db.repos.content.findPage({
      where: { creatorId: creator.id },
      orderBy: { createdAt: 'desc' },
      limit: 4,
      after: first.nextCursor ?? undefined,
    });
    expect(first.items).toHaveLength(4);
    expect(second.nextCursor).toBeNull();
    const seen = [...first.items, ...second.items].map((c) => c.id);
    expect(new Set(seen).size).toBe(6);
    expect(seen).toContain(outsider.id);
    expect(seen).not.toContain(removed.id);
  });

  it('joins content with its creator, organization and media item', async () => {
    const creator = await newUser(db, 'joiner');
    const org = await db.repos.organizations.create({ name: 'Joined', slug: `joined-${engine}` });
    const media = await db.repos.mediaItems.create({
      creatorId: creator.id,
      title: 'Clip',
      mediaType: 'video',
      r2Key: `originals/${engine}/clip.mp4`,
    });
    await db.repos.content.create({
      creatorId: creator.id,
      organizationId: org.id,
      mediaItemId: media.id,
      title: 'Joined video',
      slug: 'joined-video',
      contentType: 'video',
      status: 'published',
      publishedAt: new Date('2030-01-01T00:00:00Z'),
    });
    // Drizzle's query builders are typed per dialect: the same call, written once for each.
    const latest =
      db.engine === 'sqlite'
        ? await db.drizzle.query.content.findMany({
            where: (c, { and, eq, isNull }) => and(eq(c.status, 'published'), isNull(c.deletedAt)),
            with: { creator: true, organization: true, mediaItem: true },
            orderBy: (c, { desc }) => [desc(c.publishedAt)],
            limit: 1,
          })
        : await db.drizzle.query.content.findMany({
            where: (c, { and, eq, isNull }) => and(eq(c.status, 'published'), isNull(c.deletedAt)),
            with: { creator: true, organization: true, mediaItem: true },
            orderBy: (c, { desc }) => [desc(c.publishedAt)],
            limit: 1,
          });
    expect(latest).toMatchObject([
      {
        title: 'Joined video',
        creator: { name: 'joiner', email: creator.email },
        organization: { slug: `joined-${engine}` },
        mediaItem: { r2Key: `originals/${engine}/clip.mp4` },
      },
    ]);
    expect(latest[0]?.publishedAt).toEqual(new Date('2030-01-01T00:00:00Z'));
  });
});
