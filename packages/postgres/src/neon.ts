/**
 * `@strata/postgres/neon`: Strata on Neon through its serverless driver, over HTTP (one request
 * per statement, no interactive transactions) or WebSocket (a connection pool with full
 * transactions). Needs `@neondatabase/serverless` (and `ws` on Node before 22).
 *
 * @example
 * ```ts
 * import { createNeonDatabase } from '@strata/postgres/neon';
 * import * as schema from './schema.js';
 * const db = await createNeonDatabase({ schema, url: process.env.DATABASE_URL, driver: 'websocket' });
 * ```
 */
export {
  createNeonDatabase,
  type NeonDatabaseOptions,
  type NeonDriver,
  type NeonFetchEndpoint,
  type NeonHttpDatabaseOptions,
  type NeonHttpStrataDatabase,
  type NeonStrataDatabase,
  type NeonWebSocketDatabaseOptions,
  type NeonWebSocketOptions,
  type NeonWebSocketStrataDatabase,
  TRANSACTION_UNSUPPORTED,
} from './neon-database.js';
