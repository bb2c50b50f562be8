// The CMS's own types, written for no database in particular: every adapter returns these.

/**
 * Any value JSON can hold: what document content and metadata are made of.
 *
 * @example
 * ```ts
 * const value: JsonValue = { title: 'Hello', tags: ['a', 'b'], rating: 4.5 };
 * ```
 */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/**
 * A document's content: its fields by name (a draft, or the published copy of one).
 *
 * @example
 * ```ts
 * const draft: DocumentData = { title: 'Hello', body: [{ type: 'block', text: 'Hi' }] };
 * ```
 */
export type DocumentData = { [field: string]: JsonValue };

/** The statuses a document moves through. */
export const DOCUMENT_STATUSES = ['draft', 'published'] as const;

/**
 * `draft` until first published, `published` after (even while its draft has changed since).
 *
 * @example
 * ```ts
 * const status: DocumentStatus = 'published';
 * ```
 */
export type DocumentStatus = (typeof DOCUMENT_STATUSES)[number];

/**
 * A content document: one row per document of any schema type, with its draft and the copy
 * published from it. `publishedHash` is the content hash of `publishedData` (see `contentHash`).
 *
 * @example
 * ```ts
 * const doc: Document = await adapter.createDocument({ type: 'post', draftData: { title: 'Hi' } });
 * ```
 */
export interface Document {
  readonly id: string;
  readonly type: string;
  readonly status: DocumentStatus;
  readonly draftData: DocumentData | null;
  readonly publishedData: DocumentData | null;
  readonly publishedHash: string | null;
  readonly createdBy: string | null;
  readonly updatedBy: string | null;
  readonly publishedAt: Date | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

/** The kinds of asset. */
export const ASSET_TYPES = ['image', 'file'] as const;

/**
 * An image (with width and height) or any other file.
 *
 * @example
 * ```ts
 * const kind: AssetType = 'image';
 * ```
 */
export type AssetType = (typeof ASSET_TYPES)[number];

/**
 * An uploaded file: where the storage adapter put it, and its editorial fields.
 *
 * @example
 * ```ts
 * const asset: Asset = await adapter.createAsset({ assetType: 'image', filename: 'a.png', ... });
 * ```
 */
export interface Asset {
  readonly id: string;
  readonly assetType: AssetType;
  readonly filename: string;
  readonly originalFilename: string;
  readonly mimeType: string;
  readonly size: number;
  readonly url: string;
  readonly path: string;
  readonly storageAdapter: string;
  readonly width: number | null;
  readonly height: number | null;
  readonly metadata: { [key: string]: JsonValue } | null;
  readonly title: string | null;
  readonly description: string | null;
  readonly alt: string | null;
  readonly creditLine: string | null;
  readonly createdBy: string | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

/** What a schema type describes: a document (stored on its own) or an object (nested in one). */
export const SCHEMA_KINDS = ['document', 'object'] as const;

/**
 * `document` or `object`.
 *
 * @example
 * ```ts
 * const kind: SchemaKind = 'document';
 * ```
 */
export type SchemaKind = (typeof SCHEMA_KINDS)[number];

/**
 * One field of a schema type.
 *
 * @example
 * ```ts
 * const field: SchemaField = { name: 'title', type: 'string', title: 'Title' };
 * ```
 */
export interface SchemaField {
  readonly name: string;
  readonly type: string;
  readonly title?: string;
}

/**
 * A content type the app defines (`post`, `author`, `seo`…), registered in the database so the
 * studio can list it.
 *
 * @example
 * ```ts
 * const post: SchemaType = { name: 'post', title: 'Post', type: 'document', fields: [{ name: 'title', type: 'string' }] };
 * ```
 */
export interface SchemaType {
  readonly name: string;
  readonly title: string;
  readonly type: SchemaKind;
  readonly description?: string;
  readonly fields: readonly SchemaField[];
}

/** The CMS roles, from most to least powerful. */
export const USER_ROLES = ['admin', 'editor', 'viewer'] as const;

/**
 * A user's role in the CMS.
 *
 * @example
 * ```ts
 * const role: UserRole = 'editor';
 * ```
 */
export type UserRole = (typeof USER_ROLES)[number];

/**
 * A user's studio preferences.
 *
 * @example
 * ```ts
 * const preferences: UserPreferences = { theme: 'dark', language: 'en' };
 * ```
 */
export interface UserPreferences {
  theme?: 'light' | 'dark';
  language?: string;
  [key: string]: unknown;
}

/**
 * The CMS's data about an authenticated user (the user itself belongs to the auth system).
 *
 * @example
 * ```ts
 * const profile: UserProfile = await adapter.createUserProfile({ userId, role: 'admin' });
 * ```
 */
export interface UserProfile {
  readonly userId: string;
  readonly role: UserRole;
  readonly preferences: UserPreferences | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}
