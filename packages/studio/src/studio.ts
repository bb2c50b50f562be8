import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { handleApi } from './api.js';
import { type AssetSet, loadAssets } from './assets.js';
import { COMMON_HEADERS, HttpError, sendError, sendJson } from './http.js';
import type { StudioLink } from './links.js';
import { type AccessPolicy, admit, allowedHosts, newToken, tokenCookie } from './security.js';
import { StudioState } from './state.js';
import type { StudioDatabase } from './types.js';

/** Options of {@link startStudio}. */
export interface StudioOptions {
  /** The databases to show, each already open (the caller closes them). */
  readonly databases: readonly StudioDatabase[];
  /** The address to bind; default `127.0.0.1` (this machine only). */
  readonly host?: string;
  /** The port; default 0 (a free one). */
  readonly port?: number;
  /** The access token; default a new random one. Keep it secret: it allows every write. */
  readonly token?: string;
  /** More host names the server answers to (behind a tunnel or in a container), e.g. `studio.local`. */
  readonly allowHosts?: readonly string[];
  /**
   * Links between tables of two databases (no foreign key can cross them), shown as links both
   * ways: `[{ from: 'app.entry.ownerId', to: 'auth.user.id' }]`. When given, exactly these are
   * shown (`[]`: none). Default: the `userId` convention — when one database has Better Auth's
   * `user` table, every `userId` field of the other databases' tables links to that user.
   */
  readonly links?: readonly StudioLink[];
}

/** A running Studio. */
export interface StudioHandle {
  /** The address to open, with the token: `http://127.0.0.1:4983/?token=…`. */
  readonly url: string;
  readonly port: number;
  readonly token: string;
  readonly server: Server;
  /** Stops the server (the databases stay open: they are the caller's). */
  close(): Promise<void>;
}

function sendAsset(response: ServerResponse, body: Buffer, type: string, extra: Record<string, string> = {}): void {
  response.writeHead(200, { ...COMMON_HEADERS, 'content-type': type, 'content-length': body.length, ...extra });
  response.end(body);
}

function unauthorizedPage(response: ServerResponse, error: HttpError): void {
  const body = Buffer.from(
    `<!doctype html><meta charset="utf-8"><title>Strata Studio</title><p>${error.status === 401 ? 'Strata Studio needs its token: open the URL that <code>strata studio</code> printed in your terminal.' : 'Refused: open Strata Studio at the address it printed.'}</p>`,
  );
  response.writeHead(error.status, { ...COMMON_HEADERS, 'content-type': 'text/html; charset=utf-8' });
  response.end(body);
}

async function handle(
  request: IncomingMessage,
  response: ServerResponse,
  policy: AccessPolicy,
  assets: AssetSet,
  state: StudioState,
): Promise<void> {
  const url = new URL(request.url ?? '/', 'http://studio.invalid');
  const isApi = url.pathname.startsWith('/api/');
  let admitted: { viaQuery: boolean };
  try {
    admitted = admit(request, url, policy);
  } catch (error) {
    const refusal = error instanceof HttpError ? error : new HttpError(403, 'REFUSED', 'refused');
    if (isApi) sendError(response, refusal);
    else unauthorizedPage(response, refusal);
    return;
  }
  if (admitted.viaQuery) {
    // Keep the token in a cookie and out of the address bar (and the browser's history).
    url.searchParams.delete('token');
    response.writeHead(303, {
      ...COMMON_HEADERS,
      'set-cookie': tokenCookie(policy),
      location: `/${url.pathname.replace(/^\/+/, '')}${url.search}`,
    });
    response.end();
    return;
  }
  if (isApi) {
    try {
      const segments = url.pathname.slice('/api/'.length).split('/').filter(Boolean).map(decodeURIComponent);
      const { status, body } = await handleApi(state, request, url, segments);
      sendJson(response, status, body);
    } catch (error) {
      sendError(response, error instanceof HttpError ? error : new HttpError(500, 'INTERNAL', String(error)));
    }
    return;
  }
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    sendError(response, new HttpError(405, 'METHOD_NOT_ALLOWED', 'only GET here'));
    return;
  }
  const asset = assets.files.get(url.pathname);
  if (asset) sendAsset(response, asset.body, asset.type);
  else if (url.pathname.startsWith('/app/') || url.pathname.startsWith('/vendor/')) {
    sendError(response, new HttpError(404, 'NOT_FOUND', 'no such file'));
  } else {
    sendAsset(response, assets.page.body, assets.page.type, {
      'content-security-policy': assets.contentSecurityPolicy,
    });
  }
}

/**
 * Starts Strata Studio over open databases: a local web app (every asset served from here, no
 * network needed) to browse tables, edit rows through the repository, apply migrations and run
 * read-only queries. It binds 127.0.0.1 and refuses any request without its token, from another
 * Host (DNS rebinding) or from another site's page.
 *
 * @example
 * ```ts
 * const studio = await startStudio({ databases: [{ name: 'app', db, migrations: 'migrations/app' }] });
 * console.log(studio.url); // http://127.0.0.1:4983/?token=…
 * ```
 */
export async function startStudio(options: StudioOptions): Promise<StudioHandle> {
  if (options.databases.length === 0) throw new Error('startStudio needs at least one database');
  const host = options.host ?? '127.0.0.1';
  const state = new StudioState(options.databases, options.links);
  const assets = loadAssets();
  const policy: AccessPolicy = {
    token: options.token ?? newToken(),
    hosts: allowedHosts(host, options.allowHosts ?? []),
    port: 0,
  };
  const server = createServer((request, response) => {
    handle(request, response, policy, assets, state).catch((error: unknown) => {
      if (!response.headersSent) sendError(response, new HttpError(500, 'INTERNAL', String(error)));
      else response.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  policy.port = (server.address() as AddressInfo).port;
  const shownHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${shownHost}:${policy.port}/?token=${policy.token}`,
    port: policy.port,
    token: policy.token,
    server,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
