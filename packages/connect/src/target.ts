import { StrataError } from '@strata/core';
import { redactUrl } from '@strata/sql';

/** The engines `connect` opens. */
export type ConnectEngine = 'postgres' | 'pglite' | 'sqlite' | 'neon';

/** A connection described as options rather than a URL. */
export type ConnectTarget =
  | { readonly engine: 'postgres'; readonly url: string }
  | { readonly engine: 'pglite'; readonly dataDir?: string }
  | { readonly engine: 'sqlite'; readonly filename?: string }
  | { readonly engine: 'neon'; readonly url: string; readonly driver: 'http' | 'websocket' };

/** The engine a URL names, at the type level: `connect('sqlite:./dev.db', …)` is a SQLite database. */
export type EngineOfUrl<U extends string> = U extends `postgres://${string}` | `postgresql://${string}`
  ? 'postgres'
  : U extends `pglite:${string}` | `idb://${string}`
    ? 'pglite'
    : U extends `sqlite:${string}`
      ? 'sqlite'
      : U extends `neon+${string}`
        ? 'neon'
        : ConnectEngine;

/** The URL forms `connect` understands, for error messages. */
export const URL_FORMS =
  'postgres://user:password@host:5432/db, postgresql://…, neon+http://… or neon+ws://… (Neon serverless driver), pglite:memory, pglite:./dir, idb://name (browser), sqlite:./file.db, sqlite::memory:';

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
  if (/^postgres(ql)?:\/\//i.test(trimmed)) {
    try {
      new URL(trimmed);
    } catch {
      throw new StrataError(
        'CONFIG_INVALID',
        `${variable} is not a valid URL: ${redactUrl(trimmed)}. Use ${URL_FORMS}`,
      );
    }
    return { engine: 'postgres', url: trimmed };
  }
  const neon = /^neon\+(http|https|ws|wss|websocket):\/\/(.*)$/i.exec(trimmed);
  if (neon) {
    const url = `postgresql://${neon[2] ?? ''}`;
    try {
      new URL(url);
    } catch {
      throw new StrataError('CONFIG_INVALID', `${variable} is not a valid URL: ${redactUrl(url)}. Use ${URL_FORMS}`);
    }
    return { engine: 'neon', url, driver: /^https?$/i.test(neon[1] ?? '') ? 'http' : 'websocket' };
  }
  const pglite = /^pglite:(?:\/\/)?(.*)$/i.exec(trimmed);
  if (pglite) {
    const location = pglite[1] ?? '';
    return { engine: 'pglite', dataDir: location === '' || location === 'memory' ? 'memory://' : location };
  }
  if (/^idb:\/\/.+/i.test(trimmed)) return { engine: 'pglite', dataDir: trimmed };
  const sqlite = /^sqlite:(?:\/\/)?(.*)$/i.exec(trimmed);
  if (sqlite) {
    const location = sqlite[1] ?? '';
    return { engine: 'sqlite', filename: location === '' || location === ':memory:' ? ':memory:' : location };
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
  if (target.engine === 'sqlite') {
    const file = target.filename;
    // `:memory:`, an empty name (a temporary database) and `file:` URIs are SQLite's business.
    if (file === undefined || file === '' || file === ':memory:' || /^file:/i.test(file)) return undefined;
    return file;
  }
  if (target.engine === 'pglite' && target.dataDir !== undefined) {
    const path = target.dataDir.replace(/^file:\/\//i, '');
    // Other schemes (memory://, idb://, opfs-ahp://) are not folders of this machine.
    return /^[a-z][a-z0-9+.-]*:\/\//i.test(path) ? undefined : path;
  }
  return undefined;
}
