import type { Document, DocumentData, DocumentStatus } from '../types.js';

/**
 * Which documents `findManyDoc` returns: newest change first.
 *
 * @example
 * ```ts
 * await adapter.findManyDoc({ type: 'post', status: 'published', limit: 20 });
 * ```
 */
export interface DocumentFilters {
  readonly type?: string;
  readonly status?: DocumentStatus;
  /** Default 50. */
  readonly limit?: number;
  readonly offset?: number;
}

/**
 * A new document: it always starts as a draft.
 *
 * @example
 * ```ts
 * const data: CreateDocumentData = { type: 'post', draftData: { title: 'Hi' }, createdBy: userId };
 * ```
 */
export interface CreateDocumentData {
  readonly type: string;
  readonly draftData: DocumentData;
  readonly createdBy?: string;
}

/**
 * Documents: drafts saved as the editor types, published by copying the draft.
 *
 * @example
 * ```ts
 * const doc = await adapter.createDocument({ type: 'post', draftData: { title: 'Hi' } });
 * await adapter.publishDoc(doc.id);
 * ```
 */
export interface DocumentAdapter {
  findManyDoc(filters?: DocumentFilters): Promise<Document[]>;
  findByDocId(id: string): Promise<Document | null>;
  createDocument(data: CreateDocumentData): Promise<Document>;
  /** Replaces the draft (auto-save); the published copy stays as it is. */
  updateDocDraft(id: string, draftData: DocumentData, updatedBy?: string): Promise<Document | null>;
  /**
   * Copies the draft to the published copy and stores its content hash; `null` when there is no
   * such document or it has no draft.
   */
  publishDoc(id: string): Promise<Document | null>;
  /** Removes the published copy and its hash; the draft stays. */
  unpublishDoc(id: string): Promise<Document | null>;
  deleteDocById(id: string): Promise<boolean>;
  countDocsByType(type: string): Promise<number>;
  getDocCountsByType(): Promise<Record<string, number>>;
}
