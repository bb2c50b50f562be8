/**
 * The engine-neutral half of the CMS adapters: the schema and the adapter on Strata. Loads no
 * database driver; `@aphex/db-adapter-postgresql` and `@aphex/db-adapter-sqlite` only add the
 * engine they open and their migrations.
 *
 * @example
 * ```ts
 * import { cmsSchema, createStrataAdapter } from '@aphex/db-adapter-postgresql/shared';
 * const db = await createDatabase({ schema: cmsSchema, filename: 'cms.sqlite3' });
 * const adapter = createStrataAdapter(db);
 * ```
 */
export { createStrataAdapter } from './adapter.js';
export type { CmsDatabase, CmsSchema, CmsScope } from './database.js';
export * as cmsSchema from './schema.js';
