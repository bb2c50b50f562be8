/**
 * `@strata/connect`: open a Strata database from a URL or from the environment, on whichever
 * engine it names, with retries while a server comes up; engine packages stay optional.
 */

// The common Drizzle types a union of databases narrowed by `db.dialect` has (see ConnectedDatabase).
export type { PgDrizzleOf } from '@strata/sql/postgres';
export type { SQLiteDrizzleOf } from '@strata/sql/sqlite';
export { type ConnectedDatabase, type ConnectOptions, connect } from './connect.js';
export { ENGINES, type EngineEntry, engineOf, type TargetOf, type UrlContext } from './engines/index.js';
export { connectFromEnv, type Environment, type EnvironmentConnection, resolveEnvironment } from './env.js';
export { type LazyDatabase, lazyDatabase } from './lazy.js';
export { backoffDelay, type RetryEvent, type RetryOptions, withRetry } from './retry.js';
export {
  type ConnectEngine,
  type ConnectTarget,
  type EngineOfUrl,
  localPathOf,
  parseConnectionUrl,
  URL_FORMS,
  withResolvedPath,
} from './target.js';
