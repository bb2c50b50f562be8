import { resolve } from 'node:path';
import type { SchemaModule } from '@strata/core';
import { StrataError } from '@strata/core';
import { loadDriver, redactUrl } from '@strata/sql';
import type { AnyStrataDatabase, ResolvedDatabase } from './config.js';

type Opener = (schema: SchemaModule, url: string, root: string) => Promise<AnyStrataDatabase>;

/** URL schemes and how to open each; the engine package is imported only when its URL is used. */
const OPENERS: readonly { readonly pattern: RegExp; readonly packageName: string; readonly open: Opener }[] = [
  {
    pattern: /^postgres(ql)?:\/\//i,
    packageName: '@strata/postgres',
    open: async (schema, url) => {
      const { createDatabase } = await loadDriver('@strata/postgres', '0.1', () => import('@strata/postgres'));
      return (await createDatabase({ schema, url })) as unknown as AnyStrataDatabase;
    },
  },
  {
    pattern: /^pglite:/i,
    packageName: '@strata/pglite',
    open: async (schema, url, root) => {
      const { createDatabase } = await loadDriver('@strata/pglite', '0.1', () => import('@strata/pglite'));
      const location = url.replace(/^pglite:(\/\/)?/i, '');
      const dataDir = location === '' || location === 'memory' ? 'memory://' : resolve(root, location);
      return (await createDatabase({ schema, dataDir })) as unknown as AnyStrataDatabase;
    },
  },
  {
    pattern: /^sqlite:/i,
    packageName: '@strata/sqlite',
    open: async (schema, url, root) => {
      const { createDatabase } = await loadDriver('@strata/sqlite', '0.1', () => import('@strata/sqlite'));
      const location = url.replace(/^sqlite:(\/\/)?/i, '');
      const filename = location === '' || location === ':memory:' ? ':memory:' : resolve(root, location);
      return (await createDatabase({ schema, filename })) as unknown as AnyStrataDatabase;
    },
  },
];

/**
 * Opens a configured database: calls its connection function, or picks the engine from its URL.
 * Paths in `sqlite:` and `pglite:` URLs are relative to the project root.
 *
 * @example
 * ```ts
 * const db = await openConfiguredDatabase(config.databases[0], config.root);
 * ```
 */
export async function openConfiguredDatabase(database: ResolvedDatabase, root: string): Promise<AnyStrataDatabase> {
  const { connection } = database;
  if (connection === undefined) {
    throw new StrataError(
      'CONFIG_INVALID',
      `databases.${database.name}.connection is not set: give a URL (postgres://…, sqlite:./dev.sqlite3, pglite:./data) or a function that opens the database`,
    );
  }
  if (typeof connection === 'function') return connection();
  const opener = OPENERS.find((candidate) => candidate.pattern.test(connection));
  if (!opener) {
    throw new StrataError(
      'CONFIG_INVALID',
      `databases.${database.name}.connection "${redactUrl(connection)}" is not a URL Strata knows: use postgres://…, sqlite:<file>, sqlite::memory:, pglite:<dir> or pglite:memory`,
    );
  }
  return opener.open(database.schema, connection, root);
}
