import { loadDriver } from '@strata/sql';
import type { ConnectedDatabase } from '../options.js';
import type { EngineEntry } from './entry.js';

/** SQLite through better-sqlite3: `sqlite:./file.db`, `sqlite::memory:`. */
export const sqliteEngine: EngineEntry<'sqlite'> = {
  engine: 'sqlite',
  forms: ['sqlite:./file.db', 'sqlite::memory:'],
  isServer: () => false,
  localPathKind: 'SQLite database file',
  parse(url) {
    const sqlite = /^sqlite:(?:\/\/)?(.*)$/i.exec(url);
    if (!sqlite) return undefined;
    const location = sqlite[1] ?? '';
    return { engine: 'sqlite', filename: location === '' || location === ':memory:' ? ':memory:' : location };
  },
  localPath(target) {
    const file = target.filename;
    // `:memory:`, an empty name (a temporary database) and `file:` URIs are SQLite's business.
    if (file === undefined || file === '' || file === ':memory:' || /^file:/i.test(file)) return undefined;
    return file;
  },
  withLocalPath: (target, filename) => ({ ...target, filename }),
  async open(target, options) {
    const { createDatabase } = await loadDriver('@strata/sqlite', '0.1', () => import('@strata/sqlite'));
    return (await createDatabase({
      schema: options.schema,
      ...(target.filename !== undefined && { filename: target.filename }),
      ...(options.sqlite?.busyTimeoutMs !== undefined && { busyTimeoutMs: options.sqlite.busyTimeoutMs }),
      ...(options.sqlite?.synchronous !== undefined && { synchronous: options.sqlite.synchronous }),
      ...(options.log && { log: options.log }),
    })) as unknown as ConnectedDatabase<typeof options.schema>;
  },
};
