// Engine-neutral helpers for the compile tests: insert and select through each engine's Drizzle
// database without writing every test twice. (The repository API will make these unnecessary.)
import type { AnyTable, NewRow, Row, SchemaModule } from '@strata/core';
import type { TestDatabase } from '@strata/testing';
import type { SQL } from 'drizzle-orm';

type PgTestDatabase<S extends SchemaModule> = Extract<TestDatabase<S>, { engine: 'pglite' }>;
type SQLiteTestDatabase<S extends SchemaModule> = Extract<TestDatabase<S>, { engine: 'sqlite' }>;

type TableKey<S> = { [K in keyof S]: S[K] extends AnyTable ? K : never }[keyof S] & string;
type TableAt<S, K extends keyof S> = S[K] extends AnyTable ? S[K] : never;

/** Inserts rows through Drizzle and returns them as the database stored them. */
export async function insertRows<S extends SchemaModule, K extends TableKey<S>>(
  db: TestDatabase<S>,
  key: K,
  values: NewRow<TableAt<S, K>>[],
): Promise<Row<TableAt<S, K>>[]> {
  const table = (db.tables as Record<string, unknown>)[key] as never;
  if (db.engine === 'sqlite') {
    return (db as SQLiteTestDatabase<S>).drizzle
      .insert(table)
      .values(values as never)
      .returning()
      .all() as never;
  }
  return (await (db as PgTestDatabase<S>).drizzle
    .insert(table)
    .values(values as never)
    .returning()) as never;
}

/** Selects rows through Drizzle, optionally filtered. */
export async function selectRows<S extends SchemaModule, K extends TableKey<S>>(
  db: TestDatabase<S>,
  key: K,
  where?: SQL,
): Promise<Row<TableAt<S, K>>[]> {
  const table = (db.tables as Record<string, unknown>)[key] as never;
  if (db.engine === 'sqlite') {
    return (db as SQLiteTestDatabase<S>).drizzle.select().from(table).where(where).all() as never;
  }
  return (await (db as PgTestDatabase<S>).drizzle.select().from(table).where(where)) as never;
}

/** Updates rows through Drizzle and returns them. */
export async function updateRows<S extends SchemaModule, K extends TableKey<S>>(
  db: TestDatabase<S>,
  key: K,
  patch: Partial<Row<TableAt<S, K>>>,
  where: SQL,
): Promise<Row<TableAt<S, K>>[]> {
  const table = (db.tables as Record<string, unknown>)[key] as never;
  if (db.engine === 'sqlite') {
    return (db as SQLiteTestDatabase<S>).drizzle
      .update(table)
      .set(patch as never)
      .where(where)
      .returning()
      .all() as never;
  }
  return (await (db as PgTestDatabase<S>).drizzle
    .update(table)
    .set(patch as never)
    .where(where)
    .returning()) as never;
}

/** Deletes rows through Drizzle. */
export async function deleteRows<S extends SchemaModule, K extends TableKey<S>>(
  db: TestDatabase<S>,
  key: K,
  where: SQL,
): Promise<void> {
  const table = (db.tables as Record<string, unknown>)[key] as never;
  if (db.engine === 'sqlite') {
    (db as SQLiteTestDatabase<S>).drizzle.delete(table).where(where).run();
    return;
  }
  await (db as PgTestDatabase<S>).drizzle.delete(table).where(where);
}

/** UUID version 7: 48-bit millisecond time, version 7, RFC 4122 variant. */
export const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
/** UUID version 4. */
export const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** The Unix time in milliseconds encoded in a UUID version 7. */
export function uuidV7Time(id: string): number {
  return Number.parseInt(id.replace(/-/g, '').slice(0, 12), 16);
}
