import { createServer, type Server, type Socket, connect as tcpConnect } from 'node:net';

/** A TCP proxy in front of a database server that a test can take down and bring back. */
export interface FaultProxy {
  /** The server's URL with the proxy's host and port. */
  readonly url: string;
  readonly port: number;
  /** Stops accepting connections and cuts every open one: clients see the server gone. */
  down(): Promise<void>;
  /** Accepts connections again, on the same port. */
  up(): Promise<void>;
  /** Cuts every open connection but keeps accepting new ones (a server restart, seen from clients). */
  reset(): void;
  close(): Promise<void>;
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve((server.address() as { port: number }).port);
    });
  });
}

/**
 * Starts a loopback TCP proxy to the server of `url` (PostgreSQL here): outages and restarts as
 * clients see them — refused connections, connections cut mid-query — while the real server,
 * shared with other tests, keeps running.
 *
 * @example
 * ```ts
 * const proxy = await startFaultProxy(process.env.STRATA_TEST_POSTGRES_URL!);
 * await proxy.down(); // queries now fail with a connection error
 * await proxy.up();
 * ```
 */
export async function startFaultProxy(url: string): Promise<FaultProxy> {
  const target = new URL(url);
  const sockets = new Set<Socket>();
  const serve = () =>
    createServer((client) => {
      const upstream = tcpConnect(Number(target.port || 5432), target.hostname);
      sockets.add(client);
      sockets.add(upstream);
      const drop = () => {
        client.destroy();
        upstream.destroy();
        sockets.delete(client);
        sockets.delete(upstream);
      };
      client.on('error', drop).on('close', drop);
      upstream.on('error', drop).on('close', drop);
      client.pipe(upstream);
      upstream.pipe(client);
    });
  let server: Server | undefined = serve();
  const port = await listen(server, 0);
  const proxied = new URL(url);
  proxied.hostname = '127.0.0.1';
  proxied.port = String(port);
  const cut = () => {
    for (const socket of sockets) socket.destroy();
    sockets.clear();
  };
  const stop = async () => {
    const current = server;
    server = undefined;
    cut();
    if (current) await new Promise<void>((resolve) => current.close(() => resolve()));
  };
  return {
    url: proxied.toString(),
    port,
    down: stop,
    up: async () => {
      if (server) return;
      server = serve();
      await listen(server, port);
    },
    reset: cut,
    close: stop,
  };
}
