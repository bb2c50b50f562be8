import { contentHash, type DocumentAdapter } from '@aphex/cms-core';
import { type CmsScope, countsByValue } from './database.js';

/**
 * Documents on Strata's repository: drafts, publishing with a content hash, lists and counts.
 *
 * @example
 * ```ts
 * const documents = documentAdapter(db);
 * await documents.publishDoc(id);
 * ```
 */
export function documentAdapter(db: CmsScope): DocumentAdapter {
  const documents = db.repos.documents;
  return {
    findManyDoc: ({ type, status, limit = 50, offset = 0 } = {}) =>
      documents.findMany({ where: { type, status }, orderBy: { updatedAt: 'desc' }, limit, offset }),
    findByDocId: async (id) => (await documents.findById(id)) ?? null,
    createDocument: ({ type, draftData, createdBy }) => documents.create({ type, draftData, createdBy }),
    updateDocDraft: async (id, draftData, updatedBy) => (await documents.update(id, { draftData, updatedBy })) ?? null,
    async publishDoc(id) {
      // The hash describes exactly the data copied: a draft saved in between is simply newer
      // than what was published, and shows as unpublished changes.
      const current = await documents.findById(id);
      if (!current?.draftData) return null;
      const publishedData = current.draftData;
      const published = await documents.update(id, {
        status: 'published',
        publishedData,
        publishedHash: contentHash(publishedData),
        publishedAt: new Date(),
      });
      return published ?? null;
    },
    unpublishDoc: async (id) =>
      (await documents.update(id, { status: 'draft', publishedData: null, publishedHash: null, publishedAt: null })) ??
      null,
    deleteDocById: async (id) => (await documents.delete(id)) !== undefined,
    countDocsByType: (type) => documents.count({ type }),
    getDocCountsByType: async () => countsByValue(await documents.countBy('type')),
  };
}
