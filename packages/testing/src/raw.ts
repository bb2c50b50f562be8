import type { SchemaModule } from '@strata/core';
import type { SQL } from 'drizzle-orm';
import type { TestDatabase } from './open.js';

/**
 * Runs a statement through a test database's Drizzle instance and returns its rows as plain
 * objects, whatever the engine's result shape. For inspecting catalogs and raw SQL behaviour.
 *
 * @example
 * ```ts
 * const rows = await rawRows(db, sql`select count(*) as n from ${db.tables.post}`);
 * ```
 */
export async function rawRows<S extends SchemaModule>(
  db: TestDatabase<S>,
  query: SQL,
): Promise<Record<string, unknown>[]> {
  switch (db.engine) {
    case 'sqlite':
      return (db as Extract<TestDatabase<S>, { engine: 'sqlite' }>).drizzle.all<Record<string, unknown>>(query);
    case 'pglite': {
      const result = await (db as Extract<TestDatabase<S>, { engine: 'pglite' }>).drizzle.execute(query);
      return result.rows as Record<string, unknown>[];
    }
    case 'postgres': {
      const result = await (db as Extract<TestDatabase<S>, { engine: 'postgres' }>).drizzle.execute(query);
      return [...result] as Record<string, unknown>[];
    }
  }
}

/**
 * Runs a statement that returns no rows (insert, update, DDL) through a test database's Drizzle
 * instance, whatever the engine.
 *
 * @example
 * ```ts
 * await rawExecute(db, sql`insert into post (title) values (${'raw'})`);
 * ```
 */
export async function rawExecute<S extends SchemaModule>(db: TestDatabase<S>, query: SQL): Promise<void> {
  if (db.engine === 'sqlite') {
    (db as Extract<TestDatabase<S>, { engine: 'sqlite' }>).drizzle.run(query);
    return;
  }
  await (db as Extract<TestDatabase<S>, { engine: 'pglite' }>).drizzle.execute(query);
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
