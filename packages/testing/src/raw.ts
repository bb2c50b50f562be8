import type { SQL } from 'drizzle-orm';

/** A database as the raw helpers see it: its dialect and its Drizzle instance. */
interface RawTarget {
  readonly dialect: 'pg' | 'sqlite';
  readonly drizzle: unknown;
}

/** SQLite's Drizzle databases (better-sqlite3 at once, libSQL with a promise). */
interface SQLiteDrizzle {
  all(query: SQL): unknown;
  run(query: SQL): unknown;
}

/** PostgreSQL's Drizzle databases: postgres-js answers with an array of rows, PGlite and Neon with `{ rows }`. */
interface PgDrizzle {
  execute(query: SQL): Promise<readonly unknown[] | { readonly rows: readonly unknown[] }>;
}

/**
 * Runs a statement through a database's Drizzle instance and returns its rows as plain objects,
 * whatever the driver's result shape (by dialect, so every engine of a dialect works). For
 * inspecting catalogs and raw SQL behaviour.
 *
 * @example
 * ```ts
 * const rows = await rawRows(db, sql`select count(*) as n from ${db.tables.post}`);
 * ```
 */
export async function rawRows(db: RawTarget, query: SQL): Promise<Record<string, unknown>[]> {
  if (db.dialect === 'sqlite') {
    return (await (db.drizzle as SQLiteDrizzle).all(query)) as Record<string, unknown>[];
  }
  const result = await (db.drizzle as PgDrizzle).execute(query);
  return [...(Array.isArray(result) ? result : (result as { rows: readonly unknown[] }).rows)] as Record<
    string,
    unknown
  >[];
}

/**
 * Runs a statement that returns no rows (insert, update, DDL) through a database's Drizzle
 * instance, whatever the engine.
 *
 * @example
 * ```ts
 * await rawExecute(db, sql`insert into post (title) values (${'raw'})`);
 * ```
 */
export async function rawExecute(db: RawTarget, query: SQL): Promise<void> {
  if (db.dialect === 'sqlite') await (db.drizzle as SQLiteDrizzle).run(query);
  else await (db.drizzle as PgDrizzle).execute(query);
}

/** What a raw insert needs of a database: the engine's Drizzle instance and compiled tables. */
interface RawInsertTarget {
  readonly drizzle: unknown;
  readonly tables: unknown;
}

/** The slice of any dialect's Drizzle database a plain insert goes through. */
interface InsertingDrizzle {
  insert(table: unknown): { values(values: unknown): PromiseLike<unknown> };
}

/**
 * Inserts rows through the database's own Drizzle instance, past the repository's validation:
 * for tests that must reach the database's constraints themselves (a CHECK, NOT NULL, a foreign
 * key). One call on every engine, instead of one per dialect's builder type.
 *
 * @example
 * ```ts
 * const error = await caught(() => rawInsert(db, 'post', { title: null }));
 * expect(isNotNullViolation(error)).toBe(true);
 * ```
 */
export async function rawInsert<D extends RawInsertTarget>(
  db: D,
  table: keyof D['tables'] & string,
  values: Record<string, unknown> | readonly Record<string, unknown>[],
): Promise<void> {
  const drizzleTable = (db.tables as Record<string, unknown>)[table];
  if (drizzleTable === undefined) throw new Error(`rawInsert: the database has no table "${table}"`);
  await (db.drizzle as InsertingDrizzle).insert(drizzleTable).values(values);
}
