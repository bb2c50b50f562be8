import type { DatabaseAdapter } from '@aphex/cms-core';
import { health } from '@strata/sql';
import { assetAdapter } from './assets.js';
import type { CmsDatabase } from './database.js';
import { documentAdapter } from './documents.js';
import { schemaTypeAdapter } from './schema-types.js';
import { userProfileAdapter } from './user-profiles.js';

/**
 * The CMS's `DatabaseAdapter` on a Strata database of any engine: the same code serves
 * PostgreSQL, PGlite and SQLite, since Strata's repository behaves the same on each.
 *
 * @example
 * ```ts
 * const adapter = createStrataAdapter(await createDatabase({ schema: cmsSchema, url }));
 * await adapter.createDocument({ type: 'post', draftData: { title: 'Hello' } });
 * ```
 */
export function createStrataAdapter(db: CmsDatabase): DatabaseAdapter {
  return {
    ...documentAdapter(db),
    ...assetAdapter(db),
    ...schemaTypeAdapter(db),
    ...userProfileAdapter(db),
    isHealthy: async () => (await health(db)).ok,
    disconnect: () => db.close(),
  };
}
