import { type SchemaModule, StrataError } from '@strata/core';
import { mapDatabaseError, migrationDriverOf, redactSecrets } from '@strata/sql';
import { engineOf } from './engines/index.js';
import type { ConnectedDatabase, ConnectOptions } from './options.js';
import { withRetry } from './retry.js';
import { type ConnectTarget, type EngineOfUrl, localPathOf, parseConnectionUrl } from './target.js';

export type { ConnectedDatabase, ConnectOptions } from './options.js';

/** Errors worth another try: the server is not there yet, or went away. */
function unreachable(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 6 && typeof current === 'object' && current !== null; depth++) {
    const { code, kind } = current as { code?: unknown; kind?: unknown };
    if (kind === 'connection' || kind === 'timeout') return true;
    if (
      typeof code === 'string' &&
      /^(ECONNREFUSED|ECONNRESET|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|EHOSTUNREACH|EPIPE|CONNECT_TIMEOUT|CONNECTION_CLOSED|CONNECTION_ENDED|CONNECTION_DESTROYED|57P03|08\w{3})$/.test(
        code,
      )
    ) {
      return true;
    }
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}

async function open<S extends SchemaModule>(
  target: ConnectTarget,
  options: ConnectOptions<S>,
): Promise<ConnectedDatabase<S>> {
  // `pglite:./data/app` in a new project: the engines create the file or directory, not the
  // folders above it. Loaded only for local paths, so browsers never load node:fs.
  if (localPathOf(target) !== undefined) await (await import('./local-files.js')).createParentFolders(target);
  return engineOf(target).open(target, options);
}

/**
 * Opens a Strata database from a URL (or target options), picking the engine from the URL:
 * `postgres://…` (postgres-js), `neon+http://…` / `neon+ws://…` (Neon's serverless driver), `pglite:memory`, `pglite:./dir`, `idb://name` (browser),
 * `sqlite:./file.db`, `sqlite::memory:`, `libsql:./file.db`, `libsql::memory:`, `libsql://host` (libSQL). The engine's package is loaded only then: a URL whose
 * package is not installed is an error naming it. Missing folders above a SQLite file or a
 * PGlite directory are created (relative paths start at the working directory). On a server it waits for the database with
 * retries (exponential backoff with jitter) and fails with a `DatabaseError` of kind
 * `connection` (or `authentication`) whose message has the password masked.
 *
 * @example
 * ```ts
 * import * as schema from './schema.js';
 * const db = await connect(process.env.DATABASE_URL ?? 'sqlite:./dev.sqlite3', { schema });
 * const post = await db.repos.post.findById(id);
 * ```
 */
export async function connect<S extends SchemaModule, const U extends string>(
  url: U,
  options: ConnectOptions<S>,
): Promise<ConnectedDatabase<S, EngineOfUrl<U>>>;
export async function connect<S extends SchemaModule, const T extends ConnectTarget>(
  target: T,
  options: ConnectOptions<S>,
): Promise<ConnectedDatabase<S, T['engine']>>;
export async function connect<S extends SchemaModule>(
  target: string | ConnectTarget,
  options: ConnectOptions<S>,
): Promise<ConnectedDatabase<S>> {
  const resolved = typeof target === 'string' ? parseConnectionUrl(target) : target;
  const db = await open(resolved, options);
  if (!engineOf(resolved).isServer(resolved) || options.retry === false) return db;
  const driver = migrationDriverOf(db);
  try {
    await withRetry(
      async () => {
        await driver?.ping();
      },
      options.retry ?? {},
      unreachable,
    );
  } catch (error) {
    await db.close().catch(() => undefined);
    const mapped = mapDatabaseError(error, { tables: options.schema });
    if (mapped !== error) throw mapped;
    throw new StrataError('CONNECTION_FAILED', redactSecrets(error instanceof Error ? error.message : String(error)), {
      cause: error,
    });
  }
  return db;
}
