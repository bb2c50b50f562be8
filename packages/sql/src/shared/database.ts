import {
  createDataScope,
  type DatabaseAdapter,
  DatabaseClosedError,
  type DataScope,
  type SchemaModule,
  StrataError,
} from '@strata/core';
import { sessionOfAdapter } from './adapter.js';
import { type ClaimsScope, refuseClaims, runWithClaims, type SessionClaims } from './claims.js';
import type { SqlDialect } from './dialect.js';
import { readEngineErrorsOf } from './errors.js';

/**
 * The engines Strata runs on. `neon` is a PostgreSQL server reached through Neon's serverless
 * driver (HTTP or WebSocket), from `@strata/postgres/neon`; `libsql` is SQLite through libSQL's
 * client, from `@strata/libsql`; `d1` is Cloudflare D1 through a Worker's binding, from `@strata/d1`.
 */
export type EngineName = 'postgres' | 'pglite' | 'sqlite' | 'libsql' | 'neon' | 'd1';

/**
 * The SQL dialect an engine speaks: `pg` for PostgreSQL, PGlite and Neon, `sqlite` for SQLite,
 * libSQL and D1. On a union of engines it is the union, so `db.dialect` narrows a union of databases.
 *
 * @example
 * ```ts
 * type D = DialectOf<'pglite' | 'postgres'>; // 'pg'
 * ```
 */
export type DialectOf<TEngine extends EngineName> = TEngine extends 'sqlite' | 'libsql' | 'd1' ? 'sqlite' : 'pg';

/**
 * A Strata database: the typed Drizzle database and tables for one schema on one engine.
 * Later layers (repository, migrations, health) build on this object.
 */
export interface StrataDatabase<
  TDrizzle,
  TTables,
  TEngine extends EngineName = EngineName,
  S extends SchemaModule = SchemaModule,
> extends DataScope<S> {
  /** The engine this database runs on: narrows a union of databases. */
  readonly engine: TEngine;
  /**
   * The SQL dialect Drizzle speaks to it. A union of databases narrowed on it (`db.dialect ===
   * 'pg'`) keeps the PostgreSQL engines, whose `db.drizzle` share Drizzle's `PgDatabase` API.
   */
  readonly dialect: DialectOf<TEngine>;
  /**
   * The fully typed Drizzle database (with relational queries). Reading it after `close()` throws
   * a `DatabaseClosedError`; read it where you use it rather than keeping it.
   */
  readonly drizzle: TDrizzle;
  /** The Drizzle tables compiled from the schema, by export name. */
  readonly tables: TTables;
  /** The schema module the database was opened with (for generic code: migrations, seeding, checks). */
  readonly schema: S;
  /** True once `close()` has been called. */
  readonly closed: boolean;
  /** What this engine's driver can do, for code written once for every engine (see {@link DatabaseCapabilities}). */
  readonly capabilities: DatabaseCapabilities;
  /**
   * Runs `work` in a transaction as a database role with JWT claims set, so that PostgreSQL's
   * row-level security policies apply to everything `tx` does — its repositories and
   * `tx.drizzle`. Every setting is transaction-local, so it is safe behind a transaction pooler.
   * On SQLite it rejects with `ROW_LEVEL_SECURITY_UNSUPPORTED`.
   *
   * @example
   * ```ts
   * const mine = await db.withClaims({ role: 'authenticated', claims: { sub: userId } }, (tx) => tx.repos.note.findMany());
   * ```
   */
  withClaims<R>(claims: SessionClaims, work: (tx: ClaimsScope<S, TDrizzle>) => Promise<R>): Promise<R>;
  /**
   * Creates every table, index and constraint of the schema, in one transaction. Meant for
   * development, tests and in-memory databases; production databases use migrations.
   */
  createTables(): Promise<void>;
  /** Drops every table of the schema (and its data), in one transaction. */
  dropTables(): Promise<void>;
  /**
   * Closes the database gracefully: new work is refused at once (`DatabaseClosedError`), work
   * already running — operations, and transactions, statements included — may finish within
   * `timeoutMs` (default 5000); a transaction still open then is rolled back with its connection,
   * never committed. Calling it again returns the same promise.
   */
  close(options?: CloseOptions): Promise<void>;
}

/**
 * A Strata database on any engine, for engine-neutral code (an adapter package, a service): the
 * repository and transactions are typed by the schema; `drizzle` and `tables` are not (narrow on
 * `engine` to an engine package's own type for those).
 *
 * @example
 * ```ts
 * export function documentsOf(db: AnyStrataDatabase<typeof cmsSchema>) { return db.repos.documents; }
 * ```
 */
export type AnyStrataDatabase<S extends SchemaModule = SchemaModule> = StrataDatabase<unknown, unknown, EngineName, S>;

/**
 * What an engine's driver can do: generic code (Better Auth's adapter, a test suite) reads these
 * instead of asking which engine it is.
 *
 * @example
 * ```ts
 * if (db.capabilities.drizzleTransactions === 'async') await db.drizzle.transaction(async (tx) => { … });
 * ```
 */
export interface DatabaseCapabilities {
  /**
   * `db.transaction(async (tx) => …)` holds a transaction open across awaits. False on Neon's HTTP
   * driver, which sends one statement per request, and on D1, which runs atomic batches only.
   */
  readonly interactiveTransactions: boolean;
  /**
   * What `db.drizzle.transaction` takes: an async callback (`async`), a synchronous one
   * (`sync`: better-sqlite3, whose Drizzle transactions cannot await), or nothing (`none`).
   */
  readonly drizzleTransactions: 'async' | 'sync' | 'none';
}

/** Every engine's capabilities unless its package says otherwise. */
const FULL_CAPABILITIES: DatabaseCapabilities = { interactiveTransactions: true, drizzleTransactions: 'async' };

/** Options of `close()`. */
export interface CloseOptions {
  /** How long work in flight may take to finish before connections are closed under it. Default 5000 ms. */
  readonly timeoutMs?: number;
}

/** What an engine package hands to {@link openDatabase}. */
export interface EngineParts<TDrizzle, TTables, TEngine extends EngineName, S extends SchemaModule> {
  readonly engine: TEngine;
  readonly schema: S;
  /**
   * Builds the engine's adapter; `assertOpen` throws once the database is closed (for work of a
   * running transaction, only once the close has finished draining).
   */
  readonly createAdapter: (assertOpen: (inTransaction: boolean) => void) => DatabaseAdapter;
  /** The engine's SQL dialect: its name, error reader and capabilities. */
  readonly dialect: SqlDialect;
  /** What the driver cannot do (all can by default). */
  readonly capabilities?: Partial<DatabaseCapabilities> | undefined;
  readonly drizzle: TDrizzle;
  readonly tables: TTables;
  readonly createTables: () => Promise<void>;
  readonly dropTables: () => Promise<void>;
  /** Drains work in flight for at most `timeoutMs`, then closes the connections. */
  readonly close: (options: { readonly timeoutMs: number }) => Promise<void>;
}

/**
 * Wraps an engine's parts into a {@link StrataDatabase}: closing is idempotent, and reaching
 * `db.drizzle` or calling a method after close fails with a `DatabaseClosedError` instead of a
 * driver-specific message. (A Drizzle reference kept from before the close gets the driver's error.)
 *
 * @example
 * ```ts
 * return openDatabase({ engine: 'sqlite', dialect: sqliteDialect, drizzle: db, tables, createTables, dropTables, close });
 * ```
 */
export function openDatabase<TDrizzle, TTables, TEngine extends EngineName, S extends SchemaModule>(
  parts: EngineParts<TDrizzle, TTables, TEngine, S>,
): StrataDatabase<TDrizzle, TTables, TEngine, S> {
  // From now on the error helpers also read errors of queries made through `db.drizzle`.
  readEngineErrorsOf(parts.schema, parts.dialect.mapError);
  let closing: Promise<void> | undefined;
  let closed = false;
  const ensureOpen = () => {
    if (closing) throw new DatabaseClosedError(parts.engine);
  };
  const adapter = parts.createAdapter((inTransaction) => {
    // A transaction already running may finish while the close drains.
    if (closed || (closing && !inTransaction)) throw new DatabaseClosedError(parts.engine);
  });
  const scope = createDataScope(adapter, parts.schema);
  const database = {
    repo: scope.repo,
    repos: scope.repos,
    transaction: scope.transaction,
    engine: parts.engine,
    // The engine package names its own dialect; the type follows the engine.
    dialect: parts.dialect.name as DialectOf<TEngine>,
    tables: parts.tables,
    schema: parts.schema,
    capabilities: { ...FULL_CAPABILITIES, ...parts.capabilities },
    async createTables() {
      ensureOpen();
      await parts.createTables();
    },
    async dropTables() {
      ensureOpen();
      await parts.dropTables();
    },
    withClaims: <R>(claims: SessionClaims, work: (tx: ClaimsScope<S, TDrizzle>) => Promise<R>) =>
      parts.dialect.rowLevelSecurity
        ? runWithClaims(adapter, parts.schema, sessionOfAdapter as never, claims, work)
        : refuseClaims(parts.engine),
    close(options) {
      closing ??= parts.close({ timeoutMs: options?.timeoutMs ?? 5000 }).finally(() => {
        closed = true;
      });
      return closing;
    },
  } satisfies Omit<StrataDatabase<TDrizzle, TTables, TEngine, S>, 'drizzle' | 'closed'>;
  // Getters left out of enumeration: spreading or printing a closed database must not throw.
  return Object.defineProperties(database, {
    drizzle: {
      get() {
        ensureOpen();
        return parts.drizzle;
      },
    },
    closed: { get: () => closing !== undefined },
  }) as StrataDatabase<TDrizzle, TTables, TEngine, S>;
}

/**
 * Loads an engine's driver on first use, so that engines stay optional: a missing driver gets an
 * error naming the package to install rather than a bare module-resolution failure.
 *
 * @example
 * ```ts
 * const { default: Database } = await loadDriver('better-sqlite3', '12', () => import('better-sqlite3'));
 * ```
 */
export async function loadDriver<T>(packageName: string, version: string, load: () => Promise<T>): Promise<T> {
  try {
    return await load();
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') {
      throw new StrataError(
        'ENGINE_NOT_INSTALLED',
        `The driver "${packageName}" is not installed. Install it next to Strata: npm install ${packageName}@${version}`,
        { cause: error },
      );
    }
    throw error;
  }
}
