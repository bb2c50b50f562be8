import { StrataError } from '@strata/core';
import { loadDriver } from '@strata/sql';
import type { ConnectedDatabase } from '../options.js';
import type { EngineEntry } from './entry.js';

/** PGlite: `pglite:memory`, `pglite:./dir` (Node), `idb://name` (a browser's IndexedDB). */
export const pgliteEngine: EngineEntry<'pglite'> = {
  engine: 'pglite',
  forms: ['pglite:memory', 'pglite:./dir', 'idb://name (browser)'],
  isServer: () => false,
  localPathKind: 'PGlite data directory',
  parse(url) {
    const pglite = /^pglite:(?:\/\/)?(.*)$/i.exec(url);
    if (pglite) {
      const location = pglite[1] ?? '';
      return { engine: 'pglite', dataDir: location === '' || location === 'memory' ? 'memory://' : location };
    }
    return /^idb:\/\/.+/i.test(url) ? { engine: 'pglite', dataDir: url } : undefined;
  },
  localPath(target) {
    if (target.dataDir === undefined) return undefined;
    const path = target.dataDir.replace(/^file:\/\//i, '');
    // Other schemes (memory://, idb://, opfs-ahp://) are not folders of this machine.
    return /^[a-z][a-z0-9+.-]*:\/\//i.test(path) ? undefined : path;
  },
  withLocalPath: (target, dataDir) => ({ ...target, dataDir }),
  async open(target, options) {
    if (target.dataDir?.startsWith('idb://') && typeof indexedDB === 'undefined') {
      throw new StrataError(
        'CONFIG_INVALID',
        `${target.dataDir} keeps PGlite's data in IndexedDB, which only browsers have; in Node use pglite:./dir or pglite:memory`,
      );
    }
    const { createDatabase } = await loadDriver('@strata/pglite', '0.1', () => import('@strata/pglite'));
    return (await createDatabase({
      schema: options.schema,
      ...(target.dataDir !== undefined && { dataDir: target.dataDir }),
      ...(options.log && { log: options.log }),
    })) as unknown as ConnectedDatabase<typeof options.schema>;
  },
};
