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
  type LazyDatabase,
  lazyDatabase,
  resolveEnvironment,
} from '@strata/connect';
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
 * A missing or malformed variable, or a SQLite file that cannot be opened, is a `CONFIG_INVALID`
 * error naming the variable (`SQLITE_PATH: Cannot open the SQLite database file "…": …`).
 *
 * @example
 * ```ts
 * const database = await openDatabase({ SQLITE_PATH: './scratch.sqlite3' });
 * await database.close();
 * ```
 */
export function openDatabase(env: Environment = process.env): Promise<AppDatabase> {
  return connectFromEnv({ schema, env: packageEnvironment(env) });
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

/**
 * The package's database, from the environment at first use.
 *
 * @example
 * ```ts
 * const user = await db.repos.users.findBy('email', email); // opens the database now
 * await db.close(); // on shutdown
 * ```
 */
export const db: LazyDatabase<AppDatabase> = lazyDatabase(() => openDatabase());
