/**
 * `@strata/connect`: open a Strata database from a URL or from the environment, on whichever
 * engine it names, with retries while a server comes up; engine packages stay optional.
 */
export { type ConnectedDatabase, type ConnectOptions, connect } from './connect.js';
export { connectFromEnv, type Environment, type EnvironmentConnection, resolveEnvironment } from './env.js';
export { type LazyDatabase, lazyDatabase } from './lazy.js';
export { backoffDelay, type RetryEvent, type RetryOptions, withRetry } from './retry.js';
export { type ConnectEngine, type ConnectTarget, type EngineOfUrl, parseConnectionUrl, URL_FORMS } from './target.js';
