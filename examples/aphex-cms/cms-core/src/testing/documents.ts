import { expect, test } from 'vitest';
import { contentHash, hasUnpublishedChanges } from '../services/content-hash.js';
import type { DocumentData } from '../types.js';
import { nextMillisecond, type SuiteContext, uniqueTag, unknownId } from './context.js';

/** Drafts, publishing with a hash, unpublishing, lists and counts. */
export function defineDocumentTests({ subject }: SuiteContext): void {
  test('a new document is a draft with nothing published', async () => {
    const { adapter } = subject();
    const doc = await adapter.createDocument({ type: 'post', draftData: { title: 'Hello' }, createdBy: 'user-1' });
    expect(doc).toMatchObject({ type: 'post', status: 'draft', draftData: { title: 'Hello' }, createdBy: 'user-1' });
    expect(doc).toMatchObject({ publishedData: null, publishedHash: null, publishedAt: null, updatedBy: null });
    expect(doc.createdAt).toBeInstanceOf(Date);
    expect(hasUnpublishedChanges(doc)).toBe(true);
    expect(await adapter.findByDocId(doc.id)).toEqual(doc);
  });

  test('publishing copies the draft and stores its hash, and the stored draft then has no changes', async () => {
    const { adapter } = subject();
    // Keys out of order and nested: PostgreSQL's jsonb stores them reordered.
    const draftData: DocumentData = { zeta: 1, title: 'Launch', alpha: { y: [2, { d: 1, c: 'é' }], b: null }, n: 1.5 };
    const doc = await adapter.createDocument({ type: 'post', draftData });
    const published = await adapter.publishDoc(doc.id);
    expect(published).toMatchObject({ status: 'published', publishedData: draftData, draftData });
    expect(published?.publishedHash).toBe(contentHash(draftData));
    expect(published?.publishedHash?.length).toBeLessThanOrEqual(20);
    expect(published?.publishedAt).toBeInstanceOf(Date);
    const stored = await adapter.findByDocId(doc.id);
    expect(stored && hasUnpublishedChanges(stored)).toBe(false);
  });

  test('editing after publishing keeps the published copy and shows unpublished changes until they match', async () => {
    const { adapter } = subject();
    const doc = await adapter.createDocument({ type: 'post', draftData: { title: 'v1' } });
    await adapter.publishDoc(doc.id);
    const edited = await adapter.updateDocDraft(doc.id, { title: 'v2' }, 'editor-1');
    expect(edited).toMatchObject({ status: 'published', draftData: { title: 'v2' }, publishedData: { title: 'v1' } });
    expect(edited?.updatedBy).toBe('editor-1');
    expect(edited && hasUnpublishedChanges(edited)).toBe(true);
    // Typing the published text back: the hash compares content, not edit history.
    const reverted = await adapter.updateDocDraft(doc.id, { title: 'v1' });
    expect(reverted && hasUnpublishedChanges(reverted)).toBe(false);
    await adapter.updateDocDraft(doc.id, { title: 'v3' });
    expect((await adapter.publishDoc(doc.id))?.publishedData).toEqual({ title: 'v3' });
  });

  test('unpublishing removes the published copy and its hash, and keeps the draft', async () => {
    const { adapter } = subject();
    const doc = await adapter.createDocument({ type: 'post', draftData: { title: 'Gone soon' } });
    await adapter.publishDoc(doc.id);
    const unpublished = await adapter.unpublishDoc(doc.id);
    expect(unpublished).toMatchObject({ status: 'draft', draftData: { title: 'Gone soon' } });
    expect(unpublished).toMatchObject({ publishedData: null, publishedHash: null, publishedAt: null });
  });

  test('a missing document is null or false, whatever the operation', async () => {
    const { adapter } = subject();
    const id = unknownId();
    expect(await adapter.findByDocId(id)).toBeNull();
    expect(await adapter.updateDocDraft(id, { title: 'x' })).toBeNull();
    expect(await adapter.publishDoc(id)).toBeNull();
    expect(await adapter.unpublishDoc(id)).toBeNull();
    expect(await adapter.deleteDocById(id)).toBe(false);
  });

  test('a malformed id is refused, not looked up', async () => {
    await expect(subject().adapter.findByDocId('not-an-id')).rejects.toThrow();
  });

  test('lists documents by type and status, most recently changed first, and counts them', async () => {
    const { adapter } = subject();
    const type = `list-${uniqueTag()}`;
    const a = await adapter.createDocument({ type, draftData: { n: 'a' } });
    await nextMillisecond();
    const b = await adapter.createDocument({ type, draftData: { n: 'b' } });
    await nextMillisecond();
    const c = await adapter.createDocument({ type, draftData: { n: 'c' } });
    await nextMillisecond();
    await adapter.publishDoc(b.id);
    await nextMillisecond();
    await adapter.updateDocDraft(a.id, { n: 'a2' });
    await adapter.createDocument({ type: `${type}-other`, draftData: {} });

    const ids = async (filters: Parameters<typeof adapter.findManyDoc>[0]) =>
      (await adapter.findManyDoc(filters)).map((doc) => doc.id);
    expect(await ids({ type })).toEqual([a.id, b.id, c.id]);
    expect(await ids({ type, status: 'published' })).toEqual([b.id]);
    expect(await ids({ type, limit: 2, offset: 1 })).toEqual([b.id, c.id]);
    expect(await adapter.countDocsByType(type)).toBe(3);
    const counts = await adapter.getDocCountsByType();
    expect([counts[type], counts[`${type}-other`]]).toEqual([3, 1]);
  });

  test('deletes a document', async () => {
    const { adapter } = subject();
    const doc = await adapter.createDocument({ type: 'post', draftData: { title: 'Bye' } });
    expect(await adapter.deleteDocById(doc.id)).toBe(true);
    expect(await adapter.findByDocId(doc.id)).toBeNull();
    expect(await adapter.deleteDocById(doc.id)).toBe(false);
  });
}
