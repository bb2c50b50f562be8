import type { ConnectEngine, ConnectTarget } from '../target.js';
import type { EngineEntry } from './entry.js';
import { libsqlEngine } from './libsql.js';
import { neonEngine } from './neon.js';
import { pgliteEngine } from './pglite.js';
import { postgresEngine } from './postgres.js';
import { sqliteEngine } from './sqlite.js';

/**
 * Every engine `connect` opens, in the order URLs are tried: the one list of engines that
 * parsing, opening, local folders and the CLI read. A new engine is one more entry here.
 *
 * @example
 * ```ts
 * ENGINES.sqlite.forms; // ['sqlite:./file.db', 'sqlite::memory:']
 * ```
 */
export const ENGINES: { readonly [E in ConnectEngine]: EngineEntry<E> } = {
  postgres: postgresEngine,
  neon: neonEngine,
  pglite: pgliteEngine,
  sqlite: sqliteEngine,
  libsql: libsqlEngine,
};

/**
 * The entry of a target's engine, typed for that target.
 *
 * @example
 * ```ts
 * const path = engineOf(target).localPath(target);
 * ```
 */
export function engineOf<T extends ConnectTarget>(
  target: T,
): EngineEntry<T['engine']> & {
  localPath(target: T): string | undefined;
  withLocalPath(target: T, path: string): T;
} {
  // Indexing by the target's own engine gives the entry of exactly that target's type.
  return ENGINES[target.engine] as unknown as EngineEntry<T['engine']> & {
    localPath(target: T): string | undefined;
    withLocalPath(target: T, path: string): T;
  };
}

export type { EngineEntry, TargetOf, UrlContext } from './entry.js';
