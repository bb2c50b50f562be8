import { isStrataError, type SchemaModule, StrataError } from '@strata/core';
import { redactUrl } from '@strata/sql';
import { type ConnectedDatabase, type ConnectOptions, connect } from './connect.js';
import { type ConnectEngine, type ConnectTarget, parseConnectionUrl } from './target.js';

/** Environment variables, as `process.env` holds them. */
export type Environment = Readonly<Record<string, string | undefined>>;

/** Which variables chose the connection, and how. */
export interface EnvironmentConnection {
  readonly target: ConnectTarget;
  /** The variable the URL came from (`DATABASE_URL`, `SQLITE_PATH`, …), or `default`. */
  readonly variable: string;
  /** One line for logs, password masked: `DB_METHOD=LOCAL_PROXY: postgres://app:***@localhost/app`. */
  readonly description: string;
}

const DB_METHODS = ['LOCAL_PROXY', 'NEON_BRANCH', 'PRODUCTION'] as const;

function required(env: Environment, name: string, why: string): string {
  const value = env[name]?.trim();
  if (!value) throw new StrataError('CONFIG_INVALID', `${name} is not set; ${why}`);
  return value;
}

function fromUrl(url: string, variable: string, prefix = ''): EnvironmentConnection {
  const target = parseConnectionUrl(url, variable);
  const shown = target.engine === 'postgres' ? redactUrl(url) : url;
  return { target, variable, description: `${prefix}${variable}: ${shown}` };
}

/**
 * Decides the connection from environment variables, the way the teams Strata serves configure
 * theirs (it never reads `.env` files: load them before, if you use them):
 * 1. `DB_METHOD` = `LOCAL_PROXY` (URL in `DATABASE_URL_LOCAL_PROXY`, postgres-js), `NEON_BRANCH`
 *    or `PRODUCTION` (URL in `DATABASE_URL`, Neon's serverless driver: WebSocket unless
 *    `neonDriver: 'http'`);
 * 2. else `DATABASE_URL`, any URL `connect` understands;
 * 3. else with `NODE_ENV=production`: `NEON_DATABASE_URL` (or `DATABASE_URL`), required;
 * 4. else SQLite at `SQLITE_PATH` (default `./dev.sqlite3`).
 * A wrong value is a `CONFIG_INVALID` error naming the variable, with passwords masked.
 *
 * @example
 * ```ts
 * resolveEnvironment({ NODE_ENV: 'development' }).description; // 'default: sqlite:./dev.sqlite3'
 * ```
 */
export function resolveEnvironment(
  env: Environment,
  neonDriver: 'http' | 'websocket' = 'websocket',
): EnvironmentConnection {
  const method = env.DB_METHOD?.trim();
  if (method) {
    const upper = method.toUpperCase();
    if (!(DB_METHODS as readonly string[]).includes(upper)) {
      throw new StrataError('CONFIG_INVALID', `DB_METHOD=${method} is not one of ${DB_METHODS.join(', ')}`);
    }
    if (upper === 'LOCAL_PROXY') {
      const url = required(
        env,
        'DATABASE_URL_LOCAL_PROXY',
        'DB_METHOD=LOCAL_PROXY reads the local database URL from it',
      );
      return fromUrl(url, 'DATABASE_URL_LOCAL_PROXY', 'DB_METHOD=LOCAL_PROXY, ');
    }
    const url = required(env, 'DATABASE_URL', `DB_METHOD=${upper} reads the database URL from it`);
    const target = parseConnectionUrl(url, 'DATABASE_URL');
    if (target.engine !== 'postgres' && target.engine !== 'neon') {
      throw new StrataError(
        'CONFIG_INVALID',
        `DB_METHOD=${upper} needs a PostgreSQL URL in DATABASE_URL (Neon), got ${target.engine}`,
      );
    }
    // Neon's serverless driver, as the teams on Neon use it: WebSocket by default (transactions).
    const neon = {
      engine: 'neon',
      url: target.url,
      driver: target.engine === 'neon' ? target.driver : neonDriver,
    } as const;
    return {
      target: neon,
      variable: 'DATABASE_URL',
      description: `DB_METHOD=${upper}, DATABASE_URL (Neon ${neon.driver}): ${redactUrl(target.url)}`,
    };
  }
  if (env.DATABASE_URL?.trim()) return fromUrl(env.DATABASE_URL.trim(), 'DATABASE_URL');
  if (env.NODE_ENV === 'production') {
    // DATABASE_URL, when set, was taken above: the variable missing here is NEON_DATABASE_URL.
    const url = required(
      env,
      'NEON_DATABASE_URL',
      'NODE_ENV=production needs it (or DATABASE_URL) with the PostgreSQL URL',
    );
    return fromUrl(url, 'NEON_DATABASE_URL', 'NODE_ENV=production, ');
  }
  const path = env.SQLITE_PATH?.trim();
  return {
    target: { engine: 'sqlite', filename: path || './dev.sqlite3' },
    variable: path ? 'SQLITE_PATH' : 'default',
    description: `${path ? 'SQLITE_PATH' : 'default'}: sqlite:${path || './dev.sqlite3'}`,
  };
}

/**
 * Opens the database the environment names (see {@link resolveEnvironment} for the rules).
 * `engines` lists the engines the app accepts: the environment naming another one (or nothing,
 * where the fallback would be SQLite) is a `CONFIG_INVALID` error naming the variable, and the
 * result is typed for those engines only. Opening errors name the variable the target came from.
 *
 * @example
 * ```ts
 * // NODE_ENV=production NEON_DATABASE_URL=postgres://… → PostgreSQL; otherwise ./dev.sqlite3
 * export const db = await connectFromEnv({ schema });
 * const server = await connectFromEnv({ schema, engines: ['postgres', 'neon'] }); // never SQLite
 * ```
 */
export async function connectFromEnv<S extends SchemaModule, const E extends ConnectEngine = ConnectEngine>(
  options: ConnectOptions<S> & {
    readonly env?: Environment;
    /** The Neon driver for `DB_METHOD=NEON_BRANCH|PRODUCTION`. Default `websocket` (full transactions). */
    readonly neonDriver?: 'http' | 'websocket';
    readonly onResolved?: (connection: EnvironmentConnection) => void;
    /** The engines this app runs on; any other is refused before anything opens. Default: all. */
    readonly engines?: readonly E[];
  },
): Promise<ConnectedDatabase<S, E>> {
  const env = options.env ?? (globalThis as { process?: { env: Environment } }).process?.env ?? {};
  const connection = resolveEnvironment(env, options.neonDriver);
  const { engines } = options;
  if (engines && !(engines as readonly ConnectEngine[]).includes(connection.target.engine)) {
    const source =
      connection.variable === 'default'
        ? 'No database is configured (the fallback is SQLite at ./dev.sqlite3)'
        : `${connection.variable} names a ${connection.target.engine} database`;
    throw new StrataError('CONFIG_INVALID', `${source}; this app runs on ${engines.join(' or ')}`);
  }
  options.onResolved?.(connection);
  try {
    return (await connect(connection.target, options)) as unknown as ConnectedDatabase<S, E>;
  } catch (error) {
    if (!isStrataError(error) || error.code !== 'CONFIG_INVALID' || connection.variable === 'default') throw error;
    throw new StrataError('CONFIG_INVALID', `${connection.variable}: ${error.message}`, { cause: error });
  }
}
