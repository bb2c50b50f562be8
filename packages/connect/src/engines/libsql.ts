import { loadDriver } from '@strata/sql';
import type { ConnectedDatabase } from '../options.js';
import type { EngineEntry } from './entry.js';

/** `libsql://host…` (and `https://`, `wss://`) servers; everything else is a local database. */
const REMOTE = /^libsql:\/\//i;

/**
 * libSQL through `@strata/libsql`: a server at `libsql://…` (its token in `libsql.authToken`), or
 * a local file `libsql:./app.db`, or `libsql::memory:`.
 */
export const libsqlEngine: EngineEntry<'libsql'> = {
  engine: 'libsql',
  forms: ['libsql://host (libSQL server)', 'libsql:./file.db', 'libsql::memory:'],
  isServer: (target) => !/^(file:|:memory:$)/i.test(target.url),
  localPathKind: 'libSQL database file',
  parse(url) {
    if (REMOTE.test(url)) return { engine: 'libsql', url };
    const local = /^libsql:(.*)$/i.exec(url);
    if (!local) return undefined;
    const location = local[1] ?? '';
    return { engine: 'libsql', url: location === '' || location === ':memory:' ? ':memory:' : `file:${location}` };
  },
  localPath(target) {
    const file = /^file:(.*)$/i.exec(target.url)?.[1];
    // `file:///abs` is a path too; memory and servers are not of this machine.
    return file === undefined ? undefined : file.replace(/^\/\/(?=\/)/, '');
  },
  withLocalPath: (target, path) => ({ ...target, url: `file:${path}` }),
  async open(target, options) {
    const { createDatabase } = await loadDriver('@strata/libsql', '0.1', () => import('@strata/libsql'));
    return (await createDatabase({
      schema: options.schema,
      url: target.url,
      ...(options.libsql?.authToken !== undefined && { authToken: options.libsql.authToken }),
      ...(options.sqlite?.busyTimeoutMs !== undefined && { busyTimeoutMs: options.sqlite.busyTimeoutMs }),
      ...(options.log && { log: options.log }),
    })) as unknown as ConnectedDatabase<typeof options.schema>;
  },
};
