import { StrataError } from '@strata/core';
import { redactUrl } from '@strata/sql';
import { ENGINES, engineOf } from './engines/index.js';

/** The engines `connect` opens. */
export type ConnectEngine = 'postgres' | 'pglite' | 'sqlite' | 'libsql' | 'neon';

/** A connection described as options rather than a URL. */
export type ConnectTarget =
  | { readonly engine: 'postgres'; readonly url: string }
  | { readonly engine: 'pglite'; readonly dataDir?: string }
  | { readonly engine: 'sqlite'; readonly filename?: string }
  /** `url` as libSQL's client takes it: `file:./app.db`, `:memory:`, `libsql://…`. */
  | { readonly engine: 'libsql'; readonly url: string }
  | { readonly engine: 'neon'; readonly url: string; readonly driver: 'http' | 'websocket' };

/** The engine a URL names, at the type level: `connect('sqlite:./dev.db', …)` is a SQLite database. */
export type EngineOfUrl<U extends string> = U extends `postgres://${string}` | `postgresql://${string}`
  ? 'postgres'
  : U extends `pglite:${string}` | `idb://${string}`
    ? 'pglite'
    : U extends `sqlite:${string}`
      ? 'sqlite'
      : U extends `libsql:${string}`
        ? 'libsql'
        : U extends `neon+${string}`
          ? 'neon'
          : ConnectEngine;

/** The URL forms `connect` understands, for error messages. */
export const URL_FORMS = Object.values(ENGINES)
  .flatMap((entry) => entry.forms)
  .join(', ');

/**
 * Reads a connection URL: which engine, and where. Malformed or unknown URLs are a
 * `CONFIG_INVALID` error that shows the URL with its password masked.
 *
 * @example
 * ```ts
 * parseConnectionUrl('sqlite:./dev.sqlite3'); // { engine: 'sqlite', filename: './dev.sqlite3' }
 * ```
 */
export function parseConnectionUrl(url: string, variable = 'the connection URL'): ConnectTarget {
  const trimmed = url.trim();
  for (const entry of Object.values(ENGINES)) {
    const target = entry.parse(trimmed, { variable, forms: URL_FORMS });
    if (target !== undefined) return target;
  }
  const shown = /:\/\//.test(trimmed) ? redactUrl(trimmed) : trimmed.replace(/:[^:@/]*@/, ':***@');
  throw new StrataError('CONFIG_INVALID', `${variable} "${shown}" is not a URL Strata knows. Use ${URL_FORMS}`);
}

/**
 * The path of this machine's file system a target opens (a SQLite file, a PGlite data
 * directory), or `undefined` for memory, IndexedDB, SQLite's `file:` URIs and servers.
 *
 * @example
 * ```ts
 * localPathOf(parseConnectionUrl('pglite:./data/app')); // './data/app'
 * ```
 */
export function localPathOf(target: ConnectTarget): string | undefined {
  return engineOf(target).localPath(target);
}

/**
 * The target with its local path (if it has one) passed through `resolve`: the CLI resolves
 * `sqlite:./dev.sqlite3` and `pglite:./data` against the project root, not the shell's folder.
 *
 * @example
 * ```ts
 * withResolvedPath(parseConnectionUrl('sqlite:./dev.db'), (path) => resolve(root, path));
 * ```
 */
export function withResolvedPath<T extends ConnectTarget>(target: T, resolve: (path: string) => string): T {
  const entry = engineOf(target);
  const path = entry.localPath(target);
  return path === undefined ? target : entry.withLocalPath(target, resolve(path));
}
