/**
 * `@aphex/cms-core`: the CMS's types, the adapter interfaces every database package implements,
 * and the business rules that need no database (content hashes for publishing). No database
 * dependency: adapters live in `@aphex/db-adapter-postgresql` and `@aphex/db-adapter-sqlite`.
 *
 * @example
 * ```ts
 * import { type DatabaseAdapter, hasUnpublishedChanges } from '@aphex/cms-core';
 *
 * async function drafts(adapter: DatabaseAdapter) {
 *   return (await adapter.findManyDoc({ type: 'post' })).filter(hasUnpublishedChanges);
 * }
 * ```
 */
export * from './interfaces/index.js';
export { contentHash, hasUnpublishedChanges } from './services/content-hash.js';
export * from './types.js';
