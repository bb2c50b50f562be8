import { once } from 'node:events';
import { createConnection, type Socket } from 'node:net';
import type { RawData, WebSocket } from 'ws';

/** Where a {@link startNeonWebSocketProxy} forwards every connection: a PostgreSQL server. */
export interface ProxyTarget {
  readonly host: string;
  readonly port: number;
}

/** A running loopback WebSocket-to-TCP proxy. */
export interface NeonWebSocketProxy {
  /** The loopback port the proxy listens on. */
  readonly port: number;
  /**
   * The value for Neon's `wsProxy` setting (`webSocket.proxy` of `createNeonDatabase`): the
   * proxy's address, whatever host the connection string names.
   */
  readonly wsProxy: (host: string, port: number | string) => string;
  /** WebSocket connections accepted so far (each one a PostgreSQL connection). */
  readonly connections: number;
  /** Closes every tunnel and stops listening. */
  close(): Promise<void>;
}

const asBuffer = (data: RawData): Buffer =>
  Array.isArray(data) ? Buffer.concat(data) : Buffer.isBuffer(data) ? data : Buffer.from(data);

/**
 * Starts a loopback WebSocket-to-TCP proxy in front of a PostgreSQL server: a stand-in for the
 * proxy Neon runs in front of its databases, so that Neon's WebSocket driver (a `pg` client
 * whose socket is a WebSocket) can run against a local server. Each WebSocket connection is one
 * TCP connection to `target`; the proxy ignores the `address` the driver asks for, so it is never
 * an open relay. Point the driver at it with `wsProxy`, `useSecureWebSocket: false` (no TLS on
 * loopback) and `pipelineConnect: false` (the driver's default sends a cleartext password
 * before the server asks for one, which SCRAM authentication refuses).
 *
 * Needs the `ws` package.
 *
 * @example
 * ```ts
 * const proxy = await startNeonWebSocketProxy({ host: '127.0.0.1', port: 5432 });
 * const db = await createNeonDatabase({ schema, url, driver: 'websocket',
 *   webSocket: { proxy: proxy.wsProxy, secure: false, pipelineConnect: false } });
 * // ...
 * await db.close();
 * await proxy.close();
 * ```
 */
export async function startNeonWebSocketProxy(target: ProxyTarget): Promise<NeonWebSocketProxy> {
  const { WebSocketServer } = await import('ws');
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await once(server, 'listening');
  const tunnels = new Set<{ ws: WebSocket; tcp: Socket }>();
  let connections = 0;

  server.on('connection', (ws) => {
    connections++;
    const tcp = createConnection({ host: target.host, port: target.port });
    const tunnel = { ws, tcp };
    tunnels.add(tunnel);
    // The driver writes its startup message as soon as the WebSocket opens, usually before the
    // TCP connection is up: keep those frames and send them once it is.
    let pending: Buffer[] | undefined = [];
    tcp.on('connect', () => {
      for (const chunk of pending ?? []) tcp.write(chunk);
      pending = undefined;
    });
    ws.on('message', (data) => {
      const chunk = asBuffer(data);
      if (pending) pending.push(chunk);
      else tcp.write(chunk);
    });
    tcp.on('data', (chunk) => ws.send(chunk));
    const end = () => {
      tunnels.delete(tunnel);
      tcp.destroy();
      if (ws.readyState === ws.OPEN || ws.readyState === ws.CONNECTING) ws.close();
    };
    tcp.on('close', end);
    tcp.on('error', end);
    ws.on('close', end);
    ws.on('error', end);
  });

  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('the proxy has no TCP address');
  const port = address.port;
  return {
    port,
    wsProxy: () => `127.0.0.1:${port}/v2`,
    get connections() {
      return connections;
    },
    close: async () => {
      for (const { ws, tcp } of tunnels) {
        ws.terminate();
        tcp.destroy();
      }
      tunnels.clear();
      await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    },
  };
}
