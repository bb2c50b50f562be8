// Node only: `connect` imports this module for file-backed targets alone, so a browser page
// opening `idb://…` never loads `node:fs`.
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { StrataError } from '@strata/core';
import { engineOf } from './engines/index.js';
import { type ConnectTarget, localPathOf } from './target.js';

/**
 * Creates the missing folders above a SQLite file or a PGlite data directory, so that
 * `pglite:./data/app` and `sqlite:./data/app.db` work in a new project as they read; the engine
 * then creates the file or directory itself. A folder that cannot be created is a
 * `CONFIG_INVALID` error naming it.
 *
 * @example
 * ```ts
 * await createParentFolders({ engine: 'pglite', dataDir: './data/app' }); // creates ./data
 * ```
 */
export async function createParentFolders(target: ConnectTarget): Promise<void> {
  const path = localPathOf(target);
  if (path === undefined) return;
  const folder = dirname(path);
  try {
    await mkdir(folder, { recursive: true });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    const what = engineOf(target).localPathKind ?? 'database path';
    throw new StrataError(
      'CONFIG_INVALID',
      `Cannot create the folder "${folder}" for the ${what} "${path}": ${reason}. Fix the path in the connection URL or create the folder.`,
      { cause: error },
    );
  }
}
