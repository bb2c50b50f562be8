import type { AssetAdapter } from './asset.js';
import type { DocumentAdapter } from './document.js';
import type { SchemaAdapter } from './schema.js';
import type { UserProfileAdapter } from './user-profile.js';

/**
 * Everything the CMS needs of a database. Adapter packages implement it; the core only calls it.
 *
 * @example
 * ```ts
 * const adapter: DatabaseAdapter = createPostgreSQLProvider({ db }).createAdapter();
 * await adapter.findManyDoc({ type: 'post' });
 * ```
 */
export interface DatabaseAdapter extends DocumentAdapter, AssetAdapter, SchemaAdapter, UserProfileAdapter {
  /** True when the database answers. */
  isHealthy(): Promise<boolean>;
  /** Closes the connections the adapter opened. */
  disconnect(): Promise<void>;
}

/**
 * A configured database that creates adapters on demand: what an app hands to the CMS config.
 *
 * @example
 * ```ts
 * const provider: DatabaseProvider = createSQLiteProvider({ db });
 * createCMSConfig({ database: { adapter: provider.createAdapter() } });
 * ```
 */
export interface DatabaseProvider {
  readonly name: string;
  createAdapter(): DatabaseAdapter;
}
