// A tiny node:http server around the handler. Closing it also closes the shared database, so a
// deploy's SIGTERM lets queries in flight finish before the connections go.
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { db } from '@repo/db';
import { handleRequest } from './routes.js';

/** A running API server. */
export interface ApiServer {
  readonly url: string;
  /** Stops accepting requests, then closes the database; calling it again returns the same promise. */
  close(): Promise<void>;
}

async function toRequest(message: IncomingMessage, origin: string): Promise<Request> {
  const chunks: Buffer[] = [];
  for await (const chunk of message) chunks.push(chunk as Buffer);
  const body = chunks.length > 0 ? Buffer.concat(chunks) : undefined;
  const headers = new Headers();
  for (const [name, value] of Object.entries(message.headers)) if (typeof value === 'string') headers.set(name, value);
  return new Request(new URL(message.url ?? '/', origin), { method: message.method ?? 'GET', headers, body });
}

/**
 * Starts the API on `port` (0: any free port) and `host` (loopback unless told otherwise).
 *
 * @example
 * ```ts
 * const server = await startServer(3000);
 * process.once('SIGTERM', () => server.close());
 * ```
 */
export async function startServer(port = 0, host = '127.0.0.1'): Promise<ApiServer> {
  let origin = '';
  const server = createServer(async (message, reply) => {
    try {
      const response = await handleRequest(await toRequest(message, origin));
      reply.writeHead(response.status, Object.fromEntries(response.headers));
      reply.end(Buffer.from(await response.arrayBuffer()));
    } catch (error) {
      console.error(error instanceof Error ? error.message : error);
      reply.writeHead(500).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(port, host, resolve));
  origin = `http://${host.includes(':') ? `[${host}]` : host}:${(server.address() as AddressInfo).port}`;
  let closing: Promise<void> | undefined;
  return {
    url: origin,
    close: () => {
      closing ??= new Promise<void>((resolve, reject) =>
        server.close((error) => (error ? reject(error) : resolve())),
      ).then(() => db.close());
      return closing;
    },
  };
}
