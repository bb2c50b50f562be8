/**
 * Neon's connection settings, kept here rather than in `@strata/postgres/neon` because they
 * name no driver type: `@strata/connect` passes them through without making every app that uses
 * it install (or type-check) Neon's driver.
 */

/**
 * Where `neon()` posts its queries: a URL, or a function of the database's host and port.
 * Neon's default is its own API next to the database host (`https://api.<host>/sql`).
 *
 * @example
 * ```ts
 * const fetchEndpoint: NeonFetchEndpoint = (host, port) => `http://${host}:${port}/sql`;
 * ```
 */
export type NeonFetchEndpoint = string | ((host: string, port: number | string) => string);

/**
 * A WebSocket class: the global `WebSocket` of browsers, Node 22+ and edge runtimes, or the `ws`
 * package's.
 *
 * @example
 * ```ts
 * import { WebSocket } from 'ws';
 * const webSocketConstructor: WebSocketClass = WebSocket;
 * ```
 */
export type WebSocketClass = new (url: string, protocols?: string | string[]) => object;

/**
 * How the WebSocket driver reaches the database. Every field is optional: the defaults are
 * Neon's own and are right for Neon's cloud.
 *
 * @example
 * ```ts
 * const webSocket: NeonWebSocketOptions = { proxy: 'localhost:5488/v2', secure: false, pipelineConnect: false };
 * ```
 */
export interface NeonWebSocketOptions {
  /**
   * The WebSocket proxy's address, without protocol: a string (the driver appends
   * `?address=<host>:<port>`) or a function of the database's host and port. Default: Neon's
   * proxy at `<host>/v2`.
   */
  readonly proxy?: string | ((host: string, port: number | string) => string);
  /**
   * The WebSocket class (Neon's `webSocketConstructor`), where there is no global `WebSocket`
   * (Node before 22). Default: the global one, else the `ws` package (an optional peer
   * dependency). (Not named `constructor`: every object inherits one, so TypeScript would refuse
   * `{}` and the driver would be handed `Object`.)
   */
  readonly webSocketConstructor?: WebSocketClass;
  /** `wss:` (true) or `ws:` (false, for a proxy on loopback). Default true. */
  readonly secure?: boolean;
  /**
   * `'password'` sends the cleartext password with the startup message, saving a round trip on
   * Neon, which asks for one; `false` waits for the server to ask, which a server using SCRAM
   * (any ordinary PostgreSQL) requires. Default `'password'`.
   */
  readonly pipelineConnect?: 'password' | false;
}
