import { StrataError } from '@strata/core';

type Method = (...args: unknown[]) => Promise<unknown>;

/** The methods of `R` that return promises: the ones a lazy handle can offer before it opens. */
type AsyncMethods<R> = {
  readonly [M in keyof R as R[M] extends (...args: never[]) => Promise<unknown> ? M : never]: R[M];
};

/** What a lazy handle needs of the database its `open` returns (any Strata database). */
interface OpenedDatabase {
  readonly repos: object;
  // `never`: any database's own transaction signature fits; the handle re-exposes that signature.
  transaction(work: never): Promise<unknown>;
  close(): Promise<void>;
}

/**
 * A database opened on first use: a module can export it without top-level await, reading the
 * environment or touching the network at import time. See {@link lazyDatabase}.
 */
export interface LazyDatabase<D extends OpenedDatabase> {
  /** The database, opened by the first call; concurrent first calls share one opening. */
  get(): Promise<D>;
  /** Repositories whose calls wait for the database: `await db.repos.user.findById(id)`. */
  readonly repos: { readonly [K in keyof D['repos']]: AsyncMethods<D['repos'][K]> };
  /** `db.transaction(work)` once open. */
  readonly transaction: D['transaction'];
  /**
   * `db.withClaims(claims, work)` once open: a transaction as a database role with JWT claims, for
   * PostgreSQL's row-level security (rejects on SQLite, as the database's own does).
   */
  readonly withClaims: D extends { readonly withClaims: infer W } ? W : never;
  /** True while a database is open (or opening). */
  readonly opened: boolean;
  /** Closes the database if it was opened; the next use opens it again. */
  close(): Promise<void>;
}

/**
 * Wraps an async opener (`connect`, `connectFromEnv`, an engine's `createDatabase`) into a handle
 * that opens on first use. A failed opening is not remembered: the next use tries again.
 *
 * @example
 * ```ts
 * // db.ts: importing it opens nothing
 * export const db = lazyDatabase(() => connectFromEnv({ schema }));
 * // anywhere
 * const user = await db.repos.user.findById(id);
 * const raw = await db.get(); // the database itself (db.drizzle, …)
 * ```
 */
export function lazyDatabase<D extends OpenedDatabase>(open: () => Promise<D>): LazyDatabase<D> {
  let opening: Promise<D> | undefined;
  const get = (): Promise<D> => {
    opening ??= open().catch((error: unknown) => {
      opening = undefined;
      throw error;
    });
    return opening;
  };
  const repos = new Proxy(
    {},
    {
      get: (_, table) =>
        new Proxy(
          {},
          {
            get:
              (__, method) =>
              async (...args: unknown[]) => {
                const all = (await get()).repos as Record<PropertyKey, Record<PropertyKey, Method | undefined>>;
                const repository = all[table];
                const call = repository?.[method];
                if (typeof call !== 'function') {
                  throw new StrataError(
                    'CONFIG_INVALID',
                    `db.repos.${String(table)}.${String(method)} is not a repository method of this database`,
                  );
                }
                return call.apply(repository, args);
              },
          },
        ),
    },
  ) as LazyDatabase<D>['repos'];
  const transaction = (async (work: unknown) => (await get()).transaction(work as never)) as D['transaction'];
  const withClaims = (async (claims: unknown, work: unknown) => {
    const db = (await get()) as unknown as { withClaims?: (claims: unknown, work: unknown) => Promise<unknown> };
    if (typeof db.withClaims !== 'function') {
      throw new StrataError('CONFIG_INVALID', 'this database has no withClaims (row-level security)');
    }
    return db.withClaims(claims, work);
  }) as LazyDatabase<D>['withClaims'];
  return {
    get,
    repos,
    transaction,
    withClaims,
    get opened() {
      return opening !== undefined;
    },
    close: async () => {
      const current = opening;
      opening = undefined;
      if (!current) return;
      const db = await current.catch(() => undefined);
      await db?.close();
    },
  };
}
