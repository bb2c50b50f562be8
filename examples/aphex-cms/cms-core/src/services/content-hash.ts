import type { Document, JsonValue } from '../types.js';

/** JSON with object keys sorted: PostgreSQL's jsonb reorders keys, so the order cannot count. */
function stableJson(value: JsonValue): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value).sort();
    return `{${keys.map((key) => `${JSON.stringify(key)}:${stableJson(value[key] as JsonValue)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

const FNV_OFFSET = 0xcbf29ce484222325n;
const FNV_PRIME = 0x100000001b3n;
const MASK_64 = 0xffffffffffffffffn;

/**
 * The content hash stored as `publishedHash` when a document is published: 16 hex digits
 * (FNV-1a, 64 bits) of its data as JSON with sorted keys, so the same content hashes the same
 * whichever engine stored it and however it ordered the keys. Not a security hash: it only tells
 * whether a draft still equals what was published.
 *
 * @example
 * ```ts
 * contentHash({ b: 1, a: 2 }) === contentHash({ a: 2, b: 1 }); // true
 * ```
 */
export function contentHash(data: JsonValue): string {
  let hash = FNV_OFFSET;
  const text = stableJson(data);
  for (let i = 0; i < text.length; i++) {
    hash = ((hash ^ BigInt(text.charCodeAt(i))) * FNV_PRIME) & MASK_64;
  }
  return hash.toString(16).padStart(16, '0');
}

/**
 * Whether the draft differs from what was published: always true for a document never published.
 *
 * @example
 * ```ts
 * const badge = hasUnpublishedChanges(doc) ? 'Edited' : 'Published';
 * ```
 */
export function hasUnpublishedChanges(document: Pick<Document, 'draftData' | 'publishedHash'>): boolean {
  if (document.publishedHash === null) return true;
  return contentHash(document.draftData) !== document.publishedHash;
}
