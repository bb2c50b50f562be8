import { StrataError } from '@strata/core';

/**
 * Where a libSQL URL points: an in-memory database, a local file, or a server.
 *
 * @example
 * ```ts
 * const target: LibSQLTarget = parseLibsqlUrl(':memory:'); // { kind: 'memory', url: ':memory:' }
 * ```
 */
export type LibSQLTarget =
  | { readonly kind: 'memory'; readonly url: string }
  | { readonly kind: 'file'; readonly url: string; readonly path: string }
  | { readonly kind: 'remote'; readonly url: string };

/** The schemes libSQL's client reaches a server with (`libsql:` is TLS unless `?tls=0`). */
const REMOTE_SCHEMES = new Set(['libsql:', 'https:', 'http:', 'wss:', 'ws:']);

const EXAMPLES = "'file:./app.db', ':memory:' or 'libsql://your-db.example.com'";

/**
 * Reads a libSQL URL, refusing what libSQL's client would reject or misread with an error that
 * says what to write instead. A relative `file:` path is relative to the working directory.
 *
 * @example
 * ```ts
 * parseLibsqlUrl('file:./app.db'); // { kind: 'file', url: 'file:./app.db', path: './app.db' }
 * ```
 */
export function parseLibsqlUrl(url: unknown, authToken?: unknown): LibSQLTarget {
  if (typeof url !== 'string' || url.trim() === '') {
    throw new StrataError('CONFIG_INVALID', `createDatabase() needs a libSQL url: ${EXAMPLES}`);
  }
  if (authToken !== undefined && typeof authToken !== 'string') {
    throw new StrataError('CONFIG_INVALID', 'authToken must be a string (the token of your libSQL server)');
  }
  if (url === ':memory:' || url === 'file::memory:') {
    refuseToken(url, authToken);
    return { kind: 'memory', url: ':memory:' };
  }
  const scheme = /^([a-z][a-z0-9+.-]*:)/i.exec(url)?.[1]?.toLowerCase();
  if (scheme === 'file:') {
    refuseToken(url, authToken);
    return { kind: 'file', url, path: filePath(url) };
  }
  if (scheme !== undefined && REMOTE_SCHEMES.has(scheme)) return { kind: 'remote', url };
  if (scheme === undefined || /^[a-z]:$/i.test(scheme)) {
    // A bare path (or a Windows drive letter): libSQL's client wants a scheme.
    throw new StrataError(
      'CONFIG_INVALID',
      `"${url}" is not a libSQL URL: write a local file as "file:${url}", or use ':memory:'`,
    );
  }
  throw new StrataError(
    'CONFIG_INVALID',
    `libSQL cannot open a "${scheme}" URL; use ${EXAMPLES} (PostgreSQL and better-sqlite3 URLs belong to @strata/postgres and @strata/sqlite)`,
  );
}

function refuseToken(url: string, authToken: unknown): void {
  if (authToken === undefined) return;
  throw new StrataError(
    'CONFIG_INVALID',
    `authToken is for libsql:// servers; "${url}" is a local database and has none. Leave authToken out.`,
  );
}

/** The file a `file:` URL names, as libSQL's client reads it (`file:rel`, `file:/abs`, `file:///abs`). */
function filePath(url: string): string {
  let rest = url.slice('file:'.length);
  if (rest.includes('?') || rest.includes('#')) {
    throw new StrataError(
      'CONFIG_INVALID',
      `"${url}": a libSQL file URL takes no query or fragment; Strata sets the connection up itself`,
    );
  }
  if (rest.startsWith('//')) {
    const slash = rest.indexOf('/', 2);
    const host = rest.slice(2, slash < 0 ? undefined : slash);
    if (host !== '' && host.toLowerCase() !== 'localhost') {
      throw new StrataError(
        'CONFIG_INVALID',
        `"${url}" names a host; an absolute file path is written "file:/path/app.db" or "file:///path/app.db"`,
      );
    }
    rest = slash < 0 ? '' : rest.slice(slash);
  }
  const path = decodeURIComponent(rest);
  if (path === '') throw new StrataError('CONFIG_INVALID', `"${url}" names no file: write "file:./app.db"`);
  return path;
}
