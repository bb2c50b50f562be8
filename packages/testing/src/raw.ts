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
