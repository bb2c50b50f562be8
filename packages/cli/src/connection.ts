import { isAbsolute, resolve } from 'node:path';
import { connect, parseConnectionUrl, withResolvedPath } from '@strata/connect';
import { StrataError } from '@strata/core';
import type { AnyStrataDatabase, ResolvedDatabase } from './config.js';

/**
 * Opens a configured database: calls its connection function, or opens its URL with
 * `@strata/connect` (a few quick retries: a command should not wait long for a server that is down).
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
  // Paths in `sqlite:` and `pglite:` URLs are relative to the project root, not the shell's folder.
  const target = withResolvedPath(parseConnectionUrl(connection, `databases.${database.name}.connection`), (path) =>
    isAbsolute(path) ? path : resolve(root, path),
  );
  return (await connect(target, {
    schema: database.schema,
    retry: { attempts: 3, initialDelayMs: 200 },
  })) as unknown as AnyStrataDatabase;
}
