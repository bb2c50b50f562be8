import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { HttpError } from './http.js';

/**
 * Who may talk to a running Studio: the holder of its token, through a Host it answers to, from
 * a page of its own origin — the checks Jupyter makes against other local users, DNS rebinding
 * and cross-site requests.
 */
export interface AccessPolicy {
  readonly token: string;
  /** Host names (without port) the server answers to; others are refused (DNS rebinding). */
  readonly hosts: ReadonlySet<string>;
  /** The port, known once the server listens. */
  port: number;
}

/**
 * A new random token: 32 bytes, hex.
 *
 * @example
 * ```ts
 * const token = newToken(); // '3f1c…' (64 characters)
 * ```
 */
export function newToken(): string {
  return randomBytes(32).toString('hex');
}

/**
 * The host names a Studio answers to: the loopback names, the address it binds to unless that is
 * a wildcard, and any the caller adds.
 *
 * @example
 * ```ts
 * allowedHosts('127.0.0.1', []); // Set { '127.0.0.1', 'localhost', '[::1]' }
 * ```
 */
export function allowedHosts(bind: string, extra: readonly string[]): Set<string> {
  const hosts = new Set(['127.0.0.1', 'localhost', '[::1]']);
  if (bind !== '0.0.0.0' && bind !== '::') hosts.add(bind.includes(':') ? `[${bind}]` : bind);
  for (const host of extra) hosts.add(host.toLowerCase());
  return hosts;
}

/** The cookie's name carries the port: two Studios on one machine must not overwrite each other's. */
export function cookieName(policy: AccessPolicy): string {
  return `strata-studio-${policy.port}`;
}

function sameToken(given: string | undefined, token: string): boolean {
  if (given === undefined) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

function cookieValue(request: IncomingMessage, name: string): string | undefined {
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return rest.join('=');
  }
  return undefined;
}

/** What a request that passed the checks still needs: a cookie to set (it came with `?token=`). */
export interface Admitted {
  readonly viaQuery: boolean;
}

function checkHost(request: IncomingMessage, policy: AccessPolicy): string {
  const host = (request.headers.host ?? '').toLowerCase();
  const match = /^(\[[0-9a-f:.]+\]|[^:]+)(?::(\d+))?$/.exec(host);
  if (!match?.[1] || !policy.hosts.has(match[1]) || Number(match[2] ?? 80) !== policy.port) {
    throw new HttpError(
      403,
      'HOST_REFUSED',
      `Host "${host}" is not one this Studio answers to; open it at 127.0.0.1 or localhost (or start it with --allow-host)`,
    );
  }
  return host;
}

/**
 * Checks a request: its Host, its Origin (when a browser sent one) and its token (cookie,
 * `Authorization: token …` header, or `?token=` on the first visit). Throws an `HttpError`
 * (403 for a foreign Host or Origin, 401 without the right token).
 *
 * @example
 * ```ts
 * const { viaQuery } = admit(request, url, policy); // then set the cookie when viaQuery
 * ```
 */
export function admit(request: IncomingMessage, url: URL, policy: AccessPolicy): Admitted {
  const host = checkHost(request, policy);
  const origin = request.headers.origin;
  if (origin !== undefined && origin !== `http://${host}`) {
    throw new HttpError(
      403,
      'ORIGIN_REFUSED',
      `requests from ${origin} are refused: only this Studio's own pages may call it`,
    );
  }
  // Browsers mark requests from other sites; refuse them even where no Origin is sent (GETs).
  if (request.headers['sec-fetch-site'] === 'cross-site') {
    throw new HttpError(403, 'ORIGIN_REFUSED', 'cross-site requests are refused');
  }
  const header = /^token\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1];
  if (sameToken(header, policy.token) || sameToken(cookieValue(request, cookieName(policy)), policy.token)) {
    return { viaQuery: false };
  }
  const query = url.searchParams.get('token') ?? undefined;
  if (sameToken(query, policy.token) && (request.method === 'GET' || request.method === 'HEAD')) {
    return { viaQuery: true };
  }
  throw new HttpError(
    401,
    'TOKEN_REQUIRED',
    query === undefined && header === undefined
      ? 'this Studio needs its token: open the URL that strata studio printed'
      : 'the token is wrong: open the URL that strata studio printed',
  );
}

/**
 * The `Set-Cookie` value that keeps the token after the first visit: HTTP-only (no script reads
 * it) and SameSite=Strict (never sent with a request another site starts).
 *
 * @example
 * ```ts
 * response.setHeader('set-cookie', tokenCookie(policy));
 * ```
 */
export function tokenCookie(policy: AccessPolicy): string {
  return `${cookieName(policy)}=${policy.token}; Path=/; HttpOnly; SameSite=Strict`;
}
