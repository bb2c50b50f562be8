// The columns a migrated database really has, read from PostgreSQL's catalog (PGlite has the
// same one): the contract existing rows and Better Auth rely on, whatever the schema says.
import type { SchemaModule } from '@strata/core';
import { rawRows, type TestDatabase } from '@strata/testing';
import { sql } from 'drizzle-orm';

export async function columnsOf<S extends SchemaModule>(db: TestDatabase<S>, table: string): Promise<string[]> {
  const rows = await rawRows(
    db,
    sql`select column_name from information_schema.columns where table_schema = 'public' and table_name = ${table} order by column_name`,
  );
  return rows.map((row) => String(row.column_name));
}
