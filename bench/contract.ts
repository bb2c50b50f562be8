// What every implementation (raw driver, Drizzle, Drizzle prepared, Strata, knex) offers the
// workloads. One small contract keeps the workloads engine- and library-neutral: a workload calls
// `ops.findById(id)` and checks the answer the same way whoever produced it.

/** The values of one `item` row as the workloads hand them out (JS names, JS types). */
export interface ItemValues {
  readonly id: string;
  readonly category: string;
  readonly rank: number;
  readonly title: string;
  readonly price: number | null;
  readonly createdAt: Date;
}

/**
 * The fields every implementation's rows share, whatever else they carry: raw and knex rows use
 * SQL names (`created_at`) and driver types (a SQLite INTEGER may be a bigint), Drizzle and Strata
 * rows use JS names and types. The checks read only these four.
 */
export interface ReadRow {
  readonly id: string;
  readonly rank: number | bigint;
  readonly title: string;
  readonly price: number | null;
}

/** The five operations the workloads time. Each returns what the library returns, for the checks. */
export interface ItemOps {
  /** Workload 1: the row with this primary key. */
  findById(id: string): Promise<ReadRow | undefined>;
  /** Workload 2: `where category = ? order by rank limit ?`. */
  findByCategory(category: string, limit: number): Promise<readonly ReadRow[]>;
  /** Workload 3: inserts one row and returns it as stored (RETURNING), like Strata's `create`. */
  insertOne(values: ItemValues): Promise<ReadRow | undefined>;
  /** Workload 4: inserts many rows, all or none; the result is not checked (row counts are). */
  insertMany(values: readonly ItemValues[]): Promise<unknown>;
  /** Workload 5: sets `price` on the row with this id and returns the row (RETURNING), like Strata's `update`. */
  updatePrice(id: string, price: number): Promise<ReadRow | undefined>;
}

/** The implementations, in the order the report's columns show them. */
export const IMPLEMENTATIONS = ['raw', 'drizzle', 'drizzle-prepared', 'strata', 'knex'] as const;
export type ImplementationName = (typeof IMPLEMENTATIONS)[number];

/** One library on one engine, ready to run the workloads. */
export interface Implementation {
  readonly name: ImplementationName;
  readonly ops: ItemOps;
  /** Releases what the implementation opened itself (knex's pool); shared connections stay open. */
  close(): Promise<void>;
}

/** Splits rows into chunks of at most `size` (bulk inserts stay under the engine's parameter limit). */
export function chunks<T>(rows: readonly T[], size: number): T[][] {
  const parts: T[][] = [];
  for (let start = 0; start < rows.length; start += size) parts.push(rows.slice(start, start + size));
  return parts;
}

/**
 * Bound parameters per statement: SQLite's default SQLITE_MAX_VARIABLE_NUMBER, PostgreSQL's
 * protocol limit, and Cloudflare D1's limit.
 */
export const MAX_PARAMETERS = { sqlite: 32_766, postgres: 65_535, d1: 100 } as const;

/** Columns of `item`: a bulk insert's chunk holds `floor(MAX_PARAMETERS / ITEM_COLUMNS)` rows. */
export const ITEM_COLUMNS = 6;

/** `make(key)` once per key, then the same value: prepared bulk statements per chunk size. */
export function perKey<K, V>(make: (key: K) => V): (key: K) => V {
  const made = new Map<K, V>();
  return (key) => {
    if (made.has(key)) return made.get(key) as V;
    const value = make(key);
    made.set(key, value);
    return value;
  };
}
