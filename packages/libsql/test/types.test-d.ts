/**
 * Type tests: `@strata/libsql` registers its database under the engine name `libsql` (so types
 * ranging over engines name it), on the `sqlite` dialect, with libSQL's typed Drizzle database
 * whose rows equal the schema's. Only type-checked, never executed.
 */
import type { Client } from '@libsql/client';
import { defineTable, id, integer, type Row, text } from '@strata/core';
import type { LibSQLStrataDatabase } from '@strata/libsql';
import type { DialectOf, EngineDatabase } from '@strata/sql';
import type { SQLiteDrizzleOf } from '@strata/sql/sqlite';
import { describe, expectTypeOf, test } from 'vitest';

const post = defineTable('post', { id: id(), title: text().notNull(), views: integer() });
const schema = { post };

declare const db: LibSQLStrataDatabase<typeof schema>;

describe('the libsql engine', () => {
  test('EngineDatabase names it; its dialect is sqlite', () => {
    expectTypeOf<EngineDatabase<typeof schema, 'libsql'>>().toEqualTypeOf<LibSQLStrataDatabase<typeof schema>>();
    expectTypeOf<DialectOf<'libsql'>>().toEqualTypeOf<'sqlite'>();
    expectTypeOf(db.engine).toEqualTypeOf<'libsql'>();
    expectTypeOf(db.dialect).toEqualTypeOf<'sqlite'>();
    expectTypeOf(db.client).toEqualTypeOf<Client>();
  });

  test('db.drizzle is typed and asynchronous; rows equal the schema’s', async () => {
    const rows = await db.drizzle.select().from(db.tables.post);
    expectTypeOf(rows).toEqualTypeOf<Row<typeof post>[]>();
    const found = await db.drizzle.query.post.findFirst();
    expectTypeOf(found).toEqualTypeOf<Row<typeof post> | undefined>();
    expectTypeOf(db.drizzle).toMatchTypeOf<SQLiteDrizzleOf<typeof schema>>();
  });
});
