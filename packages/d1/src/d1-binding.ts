import { d1EngineError } from './d1-errors.js';

/**
 * What a D1 query answers (`run()`, `all()`, each result of `batch()`): the rows as objects, and
 * how many rows a write changed. The shape of Cloudflare's `D1Result`, as far as Strata reads it.
 *
 * @example
 * ```ts
 * const result: D1ResultLike = await env.DB.prepare('delete from post').run();
 * result.meta.changes; // rows deleted
 * ```
 */
export interface D1ResultLike<T = unknown> {
  readonly results: T[];
  readonly success: boolean;
  readonly meta: { readonly changes?: number } & Record<string, unknown>;
}

/**
 * A prepared D1 statement: the part of Cloudflare's `D1PreparedStatement` Strata and Drizzle use.
 *
 * @example
 * ```ts
 * const statement: D1StatementLike = env.DB.prepare('select * from post where id = ?').bind(id);
 * ```
 */
export interface D1StatementLike {
  bind(...values: unknown[]): D1StatementLike;
  first<T = Record<string, unknown>>(): Promise<T | null>;
  run<T = Record<string, unknown>>(): Promise<D1ResultLike<T>>;
  all<T = Record<string, unknown>>(): Promise<D1ResultLike<T>>;
  raw<T = unknown[]>(options?: { columnNames?: false }): Promise<T[]>;
}

/**
 * A D1 database binding (`env.DB` in a Worker), described by what Strata uses of it — so an app
 * needs no `@cloudflare/workers-types` for it: Cloudflare's `D1Database` is one.
 *
 * @example
 * ```ts
 * interface Env { DB: D1Binding }
 * ```
 */
export interface D1Binding {
  prepare(query: string): D1StatementLike;
  batch<T = unknown>(statements: D1StatementLike[]): Promise<D1ResultLike<T>[]>;
}

/**
 * A value as D1 binds it: D1 takes numbers, strings, null, booleans and byte arrays, not
 * `bigint`. A bigint within ±2^53 goes as a number; a larger one as its decimal text, which an
 * INTEGER column stores as the exact integer (D1 reads integers back as numbers, so such a value
 * does not read back exactly).
 */
function d1Value(value: unknown): unknown {
  if (typeof value !== 'bigint') return value;
  return value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER)
    ? Number(value)
    : value.toString();
}

const rethrow = (error: unknown): never => {
  throw d1EngineError(error);
};

/** The binding's own statement under each statement of {@link strataBinding}. */
const INNER = new WeakMap<object, D1StatementLike>();

class Statement implements D1StatementLike {
  readonly #inner: D1StatementLike;
  constructor(inner: D1StatementLike) {
    this.#inner = inner;
    INNER.set(this, inner);
  }
  bind(...values: unknown[]): D1StatementLike {
    try {
      return new Statement(this.#inner.bind(...values.map(d1Value)));
    } catch (error) {
      return rethrow(error);
    }
  }
  first<T>(): Promise<T | null> {
    return this.#inner.first<T>().catch(rethrow);
  }
  run<T>(): Promise<D1ResultLike<T>> {
    return this.#inner.run<T>().catch(rethrow);
  }
  all<T>(): Promise<D1ResultLike<T>> {
    return this.#inner.all<T>().catch(rethrow);
  }
  raw<T>(): Promise<T[]> {
    return this.#inner.raw<T>().catch(rethrow);
  }
}

/**
 * The binding as Strata and its Drizzle database use it: bigints bound as D1 takes them, and
 * D1's errors (`D1_ERROR: UNIQUE constraint failed: …: SQLITE_CONSTRAINT`) given SQLite's codes,
 * so that they map to the same `DatabaseError` as on better-sqlite3. `db.client` stays the
 * binding itself.
 *
 * @example
 * ```ts
 * const drizzleDb = drizzle(strataBinding(env.DB) as never);
 * ```
 */
export function strataBinding(binding: D1Binding): D1Binding {
  return {
    prepare: (query) => new Statement(binding.prepare(query)),
    batch: <T>(statements: D1StatementLike[]) =>
      binding.batch<T>(statements.map((statement) => INNER.get(statement) ?? statement)).catch(rethrow),
  };
}
