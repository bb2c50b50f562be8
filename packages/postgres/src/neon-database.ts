import type { ClientConfig, NeonQueryFunction, Pool, WebSocketConstructor } from '@neondatabase/serverless';
import { DatabaseClosedError, type SchemaModule, StrataError } from '@strata/core';
import { loadDriver, redactUrl, type StrataDatabase } from '@strata/sql';
import {
  compilePgSchema,
  type NeonFetchEndpoint,
  type NeonWebSocketOptions,
  openPgDatabase,
  type PgSchemaOf,
  type PgTablesOf,
  pgSchemaStatements,
  type WebSocketClass,
} from '@strata/sql/postgres';
import type { NeonHttpDatabase } from 'drizzle-orm/neon-http';
import type { NeonDatabase } from 'drizzle-orm/neon-serverless';
import { type NeonArrayQueryable, neonHttpExecutor, neonPoolExecutor, neonTextTypes } from './neon-executor.js';
import { endpointKey, routeFetchEndpoint } from './neon-fetch-endpoint.js';
import { parsePostgresUrl } from './postgres-url.js';

/** Neon's two drivers: one HTTP request per statement, or a pool of WebSocket connections. */
export type NeonDriver = 'http' | 'websocket';

export type { NeonFetchEndpoint, NeonWebSocketOptions };

interface NeonCommonOptions<S extends SchemaModule> {
  /** The schema module: `import * as schema from './schema.js'`. */
  readonly schema: S;
  /** The database URL Neon shows: `postgresql://user:password@ep-….neon.tech/database`. */
  readonly url: string | undefined;
}

/** Options of {@link createNeonDatabase} for Neon's HTTP driver. */
export interface NeonHttpDatabaseOptions<S extends SchemaModule> extends NeonCommonOptions<S> {
  /** One HTTP request per statement: no connection to keep, no interactive transactions. */
  readonly driver: 'http';
  /**
   * Where to post queries for this database's host and port (local development against a
   * stand-in for Neon's endpoint). Neon's driver reads this from its process-wide `neonConfig`:
   * Strata routes this database's host and port to it there, and puts the previous setting back
   * when the last database that set one closes.
   */
  readonly fetchEndpoint?: NeonFetchEndpoint;
}

/** Options of {@link createNeonDatabase} for Neon's WebSocket driver. */
export interface NeonWebSocketDatabaseOptions<S extends SchemaModule> extends NeonCommonOptions<S> {
  /** A pool of WebSocket connections: full interactive transactions, as on postgres-js. */
  readonly driver: 'websocket';
  /** How to reach the database over WebSocket (proxy, WebSocket class, TLS, pipelining). */
  readonly webSocket?: NeonWebSocketOptions;
  /** Most connections the pool opens. Default 10. */
  readonly maxConnections?: number;
  /** Seconds an idle connection stays open. Default 30. */
  readonly idleTimeoutSeconds?: number;
  /** Seconds to wait for a connection. Default 10. */
  readonly connectTimeoutSeconds?: number;
}

/** Options of {@link createNeonDatabase}: `driver` picks HTTP or WebSocket. */
export type NeonDatabaseOptions<S extends SchemaModule> = NeonHttpDatabaseOptions<S> | NeonWebSocketDatabaseOptions<S>;

/** A Strata database on Neon's HTTP driver. `transaction()` rejects with `TRANSACTION_UNSUPPORTED`. */
export type NeonHttpStrataDatabase<S extends SchemaModule> = StrataDatabase<
  NeonHttpDatabase<PgSchemaOf<S>>,
  PgTablesOf<S>,
  'neon',
  S
> & {
  readonly driver: 'http';
  /** The driver's query function, for `client.transaction([...])` batches Drizzle does not wrap. */
  readonly client: NeonQueryFunction<false, false>;
};

/** A Strata database on Neon's WebSocket driver (a connection pool). */
export type NeonWebSocketStrataDatabase<S extends SchemaModule> = StrataDatabase<
  NeonDatabase<PgSchemaOf<S>>,
  PgTablesOf<S>,
  'neon',
  S
> & {
  readonly driver: 'websocket';
  /** The driver's `Pool` (node-postgres compatible), for features Drizzle does not wrap. */
  readonly client: Pool;
};

/** A Strata database on either Neon driver; `driver` tells which. */
export type NeonStrataDatabase<S extends SchemaModule> = NeonHttpStrataDatabase<S> | NeonWebSocketStrataDatabase<S>;

// Registers this engine's database type, so that types ranging over engines (connect()'s
// result, the test harness) name it only when this package is installed.
declare module '@strata/sql' {
  interface EngineDatabases<S extends SchemaModule> {
    readonly neon: NeonStrataDatabase<S>;
  }
}

/** The `code` of the error `transaction()` rejects with on the HTTP driver. */
export const TRANSACTION_UNSUPPORTED = 'TRANSACTION_UNSUPPORTED';

const transactionUnsupported = () =>
  new StrataError(
    TRANSACTION_UNSUPPORTED,
    "Neon's HTTP driver sends one statement per request and cannot hold a transaction open. " +
      "Open the database with driver: 'websocket' for db.transaction(), migrations and createMany " +
      'of more rows than one insert takes.',
  );

/**
 * Checks the URL before the driver sees it: Neon's own error for a malformed URL quotes it whole,
 * password included.
 */
function validUrl(url: string | undefined): URL {
  const parsed = parsePostgresUrl(url, {
    name: 'Neon database',
    example: 'postgresql://user:secret@ep-example.neon.tech/database',
  });
  // Neon's driver refuses a url without them, with a message that quotes the url.
  if (!parsed.username || !parsed.hostname || parsed.pathname.length <= 1) {
    throw new StrataError(
      'CONFIG_INVALID',
      `A Neon database url names a user, a host and a database: ${redactUrl(parsed.href)}`,
    );
  }
  return parsed;
}

// ---------------------------------------------------------------------------------------------

type NeonModule = typeof import('@neondatabase/serverless');

const loadNeon = () =>
  loadDriver('@neondatabase/serverless', '1.2', () => import('@neondatabase/serverless')) as Promise<NeonModule>;

/**
 * Opens a Strata database on Neon through its serverless driver, `@neondatabase/serverless`
 * (an optional peer dependency: `npm install @neondatabase/serverless`).
 *
 * - `driver: 'http'`: each statement is one HTTPS request (`neon()`), with no connection to
 *   open or keep: the fastest first query from a serverless function or an edge runtime. The
 *   repository and Drizzle work as usual, but there are **no interactive transactions**:
 *   `db.transaction()` (and `db.drizzle.transaction()`, migrations, and `createMany` of more
 *   rows than one insert takes) reject with a `StrataError` whose code is
 *   `TRANSACTION_UNSUPPORTED`. `createTables()` and `dropTables()` run as one non-interactive
 *   transaction (a batch). Use `db.client.transaction([...])` for batches of your own.
 * - `driver: 'websocket'`: a `Pool` of PostgreSQL connections carried over WebSocket, with
 *   full transactions (SERIALIZABLE, nested with savepoints, retried on conflicts), exactly as
 *   on postgres-js. On Node before 22 it needs the `ws` package (loaded when there is no global
 *   `WebSocket`).
 *
 * Errors are Strata's `DatabaseError` with the same kind, table and columns as on postgres-js;
 * no message carries the url's password. Connections open lazily, at the first query.
 *
 * @example
 * ```ts
 * import { createNeonDatabase } from '@strata/postgres/neon';
 * import * as schema from './schema.js';
 *
 * // Edge and serverless reads and single writes:
 * const http = await createNeonDatabase({ schema, url: process.env.DATABASE_URL, driver: 'http' });
 * const posts = await http.repos.post.findMany({ limit: 10 });
 *
 * // Transactions (and migrations):
 * const ws = await createNeonDatabase({ schema, url: process.env.DATABASE_URL, driver: 'websocket' });
 * await ws.transaction(async (tx) => {
 *   const author = await tx.repos.author.create({ name: 'Ada' });
 *   await tx.repos.post.create({ authorId: author.id, title: 'Notes' });
 * });
 * await Promise.all([http.close(), ws.close()]);
 * ```
 */
export function createNeonDatabase<S extends SchemaModule>(
  options: NeonHttpDatabaseOptions<S>,
): Promise<NeonHttpStrataDatabase<S>>;
export function createNeonDatabase<S extends SchemaModule>(
  options: NeonWebSocketDatabaseOptions<S>,
): Promise<NeonWebSocketStrataDatabase<S>>;
export function createNeonDatabase<S extends SchemaModule>(
  options: NeonDatabaseOptions<S>,
): Promise<NeonStrataDatabase<S>>;
export async function createNeonDatabase<S extends SchemaModule>(
  options: NeonDatabaseOptions<S>,
): Promise<NeonStrataDatabase<S>> {
  const url = validUrl(options.url);
  switch (options.driver) {
    case 'http':
      return openHttp(options, url);
    case 'websocket':
      return openWebSocket(options, url);
    default:
      throw new StrataError(
        'CONFIG_INVALID',
        `Neon's driver is 'http' or 'websocket', got ${JSON.stringify((options as { driver?: unknown }).driver)}`,
      );
  }
}

async function openHttp<S extends SchemaModule>(
  options: NeonHttpDatabaseOptions<S>,
  url: URL,
): Promise<NeonHttpStrataDatabase<S>> {
  const neonModule = await loadNeon();
  const { drizzle } = await import('drizzle-orm/neon-http');
  const compiled = compilePgSchema(options.schema);
  const client = neonModule.neon(url.href);
  const db = drizzle(client, { schema: compiled.drizzleSchema as PgSchemaOf<S> });
  // Drizzle's neon-http transaction throws a plain Error; every path to a transaction (the
  // repository, migrations, the user's own db.drizzle.transaction) gets Strata's typed one.
  Object.defineProperty(db, 'transaction', { value: () => Promise.reject(transactionUnsupported()) });
  const unroute =
    options.fetchEndpoint === undefined
      ? () => {}
      : routeFetchEndpoint(neonModule.neonConfig, endpointKey(url), options.fetchEndpoint);
  const opened = openPgDatabase({
    engine: 'neon',
    schema: options.schema,
    tables: compiled.tables,
    drizzle: db,
    client,
    // Each statement is its own request: statements run side by side, as on a pool.
    connections: 'pool',
    capabilities: { interactiveTransactions: false, drizzleTransactions: 'none' },
    affectedRows: (result) => (result as { rowCount?: number | null }).rowCount ?? 0,
    executor: neonHttpExecutor(client, neonTextTypes(neonModule.types)),
    close: async () => unroute(),
  });
  // DDL cannot run in an interactive transaction here: send it as one batch, which Neon runs as a
  // single non-interactive transaction (all or nothing, as on the other engines).
  const runSchema = async (direction: 'create' | 'drop') => {
    if (opened.closed) throw new DatabaseClosedError('neon');
    const statements = await pgSchemaStatements(compiled.tables, direction);
    if (statements.length > 0) await client.transaction(statements.map((statement) => client.query(statement)));
  };
  return Object.assign(opened, {
    driver: 'http' as const,
    createTables: () => runSchema('create'),
    dropTables: () => runSchema('drop'),
  });
}

async function openWebSocket<S extends SchemaModule>(
  options: NeonWebSocketDatabaseOptions<S>,
  url: URL,
): Promise<NeonWebSocketStrataDatabase<S>> {
  const neonModule = await loadNeon();
  const { drizzle } = await import('drizzle-orm/neon-serverless');
  const settings: NeonWebSocketOptions = options.webSocket ?? {};
  const webSocketConstructor = settings.webSocketConstructor ?? (await defaultWebSocket());
  // Per-client settings rather than the process-wide `neonConfig`: two databases with different
  // proxies can live side by side, and nothing is left changed after close.
  class ConfiguredClient extends neonModule.Client {
    constructor(config?: string | ClientConfig) {
      super(config);
      const socket = this.neonConfig;
      // The driver's own type asks for `addEventListener`/`send`, which every WebSocket class has.
      if (webSocketConstructor) socket.webSocketConstructor = webSocketConstructor as WebSocketConstructor;
      if (settings.proxy !== undefined) socket.wsProxy = settings.proxy;
      if (settings.secure !== undefined) socket.useSecureWebSocket = settings.secure;
      if (settings.pipelineConnect !== undefined) socket.pipelineConnect = settings.pipelineConnect;
      // The driver reports a failed WebSocket with the WebSocket's error event, which is not an
      // Error: hand node-postgres the socket error under it (ECONNREFUSED, ...) instead, so that
      // it rejects with an Error and maps to a connection DatabaseError as on postgres-js.
      const emit = socket.emit.bind(socket);
      socket.emit = (event: string | symbol, ...args: unknown[]) =>
        event === 'error' ? emit(event, webSocketError(args[0])) : emit(event, ...args);
    }
  }
  const pool = new neonModule.Pool({
    connectionString: url.href,
    max: options.maxConnections ?? 10,
    idleTimeoutMillis: (options.idleTimeoutSeconds ?? 30) * 1000,
    connectionTimeoutMillis: (options.connectTimeoutSeconds ?? 10) * 1000,
  });
  pool.Client = ConfiguredClient;
  // An idle connection the server drops (Neon suspends idle computes) emits 'error' on the pool;
  // unheard, it would end the process. The next query simply opens a new connection.
  pool.on('error', () => {});
  const compiled = compilePgSchema(options.schema);
  const db = drizzle(pool, { schema: compiled.drizzleSchema as PgSchemaOf<S> });
  const types = neonTextTypes(neonModule.types);
  const opened = openPgDatabase({
    engine: 'neon',
    schema: options.schema,
    tables: compiled.tables,
    drizzle: db,
    client: pool,
    connections: 'pool',
    affectedRows: (result) => (result as { rowCount?: number | null }).rowCount ?? 0,
    executor: neonPoolExecutor(pool, types),
    transactionExecutor: (session) => {
      // Drizzle's neon-serverless transaction keeps its pool client as `session.client`.
      const client = (session as { session?: { client?: NeonArrayQueryable } }).session?.client;
      return client ? neonPoolExecutor(client, types) : undefined;
    },
    close: () => pool.end(),
  });
  return Object.assign(opened, { driver: 'websocket' as const });
}

/** The Error under a WebSocket error event (`ws` keeps it as `error`), or one made from its message. */
function webSocketError(event: unknown): unknown {
  if (event instanceof Error) return event;
  const { error, message } = (event ?? {}) as { error?: unknown; message?: unknown };
  if (error instanceof Error) return error;
  return new Error(typeof message === 'string' && message ? message : 'the WebSocket connection failed', {
    cause: event,
  });
}

/**
 * In a variable, so that bundlers do not follow it: `ws` is Node's fallback only, and a bundle for
 * a Worker or a browser (which have a global `WebSocket`) would otherwise carry it, or its browser
 * stub. A Node app bundled whole on Node before 22 passes `webSocket.webSocketConstructor`.
 */
const WS_PACKAGE = 'ws';

/** The global `WebSocket` (Node 22+, browsers, edge runtimes), else the `ws` package's. */
async function defaultWebSocket(): Promise<WebSocketClass | undefined> {
  if (typeof (globalThis as { WebSocket?: unknown }).WebSocket === 'function') return undefined;
  const { WebSocket } = await loadDriver(
    'ws',
    '8',
    () => import(/* @vite-ignore */ /* webpackIgnore: true */ WS_PACKAGE) as Promise<typeof import('ws')>,
  );
  return WebSocket;
}
