import { isAbsolute, resolve } from 'node:path';
import { type ConnectTarget, connect, parseConnectionUrl } from '@strata/connect';
import { StrataError } from '@strata/core';
import type { AnyStrataDatabase, ResolvedDatabase } from './config.js';

/** Paths in `sqlite:` and `pglite:` URLs are relative to the project root, not the shell's folder. */
function fromRoot(target: ConnectTarget, root: string): ConnectTarget {
  if (target.engine === 'sqlite' && target.filename && target.filename !== ':memory:' && !isAbsolute(target.filename)) {
    return { ...target, filename: resolve(root, target.filename) };
  }
  if (
    target.engine === 'pglite' &&
    target.dataDir &&
    !/^(memory|idb):\/\//.test(target.dataDir) &&
    !isAbsolute(target.dataDir)
  ) {
    return { ...target, dataDir: resolve(root, target.dataDir) };
  }
  return target;
}

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
  const target = fromRoot(parseConnectionUrl(connection, `databases.${database.name}.connection`), root);
  return (await connect(target, {
    schema: database.schema,
    retry: { attempts: 3, initialDelayMs: 200 },
  })) as unknown as AnyStrataDatabase;
}
