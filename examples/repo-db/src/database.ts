// The connection. SQLite at SQLITE_PATH (default ./dev.sqlite3) unless NODE_ENV=production, then
// PostgreSQL at NEON_DATABASE_URL: exactly one of connectFromEnv's conventions. Only these three
// variables are passed on, so a DATABASE_URL or DB_METHOD set for another app of the monorepo
// cannot switch this package to another database.
//
// `db` is module-level, as the apps import it, but it opens on first use rather than on import:
// importing the package has no side effect, the environment is read when the database is first
// needed (after a test or a server has set it), and `db.close()` lets the next use open again.

import {
  type ConnectedDatabase,
  connectFromEnv,
  type Environment,
  type EnvironmentConnection,
  resolveEnvironment,
} from '@strata/connect';
import { isStrataError, StrataError } from '@strata/core';
import * as schema from './schema.js';

/** The opened database: typed repositories (`repos.users`), transactions, `close()`. */
export type AppDatabase = ConnectedDatabase<typeof schema>;

/** The engine the environment selects, named as the apps have always named it. */
export type DbType = 'postgresql' | 'sqlite';

function packageEnvironment(env: Environment): Environment {
  return { NODE_ENV: env.NODE_ENV, NEON_DATABASE_URL: env.NEON_DATABASE_URL, SQLITE_PATH: env.SQLITE_PATH };
}

/**
 * Opens a new connection from the environment; the caller closes it. Most code uses `db` instead.
 *
 * @example
 * ```ts
 * const database = await openDatabase({ SQLITE_PATH: './scratch.sqlite3' });
 * await database.close();
 * ```
 */
export async function openDatabase(env: Environment = process.env): Promise<AppDatabase> {
  let resolved: EnvironmentConnection | undefined;
  try {
    return await connectFromEnv({ schema, env: packageEnvironment(env), onResolved: (c) => (resolved = c) });
  } catch (error) {
    // better-sqlite3 says "the directory does not exist" without naming the file or the variable.
    if (resolved?.target.engine !== 'sqlite' || isStrataError(error)) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    throw new StrataError('CONFIG_INVALID', `${resolved.description}: ${reason}; set SQLITE_PATH to a writable file`, {
      cause: error,
    });
  }
}

/**
 * Which engine the environment selects, without connecting. Throws the same `CONFIG_INVALID`
 * error as opening would (`NODE_ENV=production` without `NEON_DATABASE_URL`).
 *
 * @example
 * ```ts
 * if (dbType() === 'sqlite') console.log('development database');
 * ```
 */
export function dbType(env: Environment = process.env): DbType {
  return resolveEnvironment(packageEnvironment(env)).target.engine === 'sqlite' ? 'sqlite' : 'postgresql';
}

/** A database opened on first use and shared by every caller until closed. */
export interface LazyDatabase {
  /** The open database, opening it on the first call (concurrent first calls share one connection). */
  get(): Promise<AppDatabase>;
  /** Closes the database if it was opened; the next `get()` opens it again. */
  close(): Promise<void>;
}

/**
 * Wraps `open` so that it runs on first use only; a failed open is not cached.
 *
 * @example
 * ```ts
 * const scratch = lazyDatabase(() => openDatabase({ SQLITE_PATH: ':memory:' }));
 * await (await scratch.get()).repos.users.count();
 * ```
 */
export function lazyDatabase(open: () => Promise<AppDatabase>): LazyDatabase {
  let opening: Promise<AppDatabase> | undefined;
  return {
    get() {
      opening ??= open().catch((error: unknown) => {
        opening = undefined;
        throw error;
      });
      return opening;
    },
    async close() {
      const current = opening;
      opening = undefined;
      const database = await current?.catch(() => undefined);
      await database?.close();
    },
  };
}

/**
 * The package's database, from the environment at first use.
 *
 * @example
 * ```ts
 * const database = await db.get();
 * const user = await database.repos.users.findBy('email', email);
 * await db.close(); // on shutdown
 * ```
 */
export const db: LazyDatabase = lazyDatabase(() => openDatabase());
