/**
 * Type tests: `@strata/d1` registers its database under the engine name `d1` (so types ranging
 * over engines name it), on the `sqlite` dialect, with Drizzle's typed D1 database whose rows equal
 * the schema's. Only type-checked, never executed.
 */
import { defineTable, id, integer, type Row, text } from '@strata/core';
import type { D1Binding, D1StrataDatabase } from '@strata/d1';
import type { DialectOf, EngineDatabase } from '@strata/sql';
import { describe, expectTypeOf, test } from 'vitest';

const post = defineTable('post', { id: id(), title: text().notNull(), views: integer() });
const schema = { post };

declare const db: D1StrataDatabase<typeof schema>;

describe('the d1 engine', () => {
  test('EngineDatabase names it; its dialect is sqlite; db.client is the binding', () => {
    expectTypeOf<EngineDatabase<typeof schema, 'd1'>>().toEqualTypeOf<D1StrataDatabase<typeof schema>>();
    expectTypeOf<DialectOf<'d1'>>().toEqualTypeOf<'sqlite'>();
    expectTypeOf(db.engine).toEqualTypeOf<'d1'>();
    expectTypeOf(db.dialect).toEqualTypeOf<'sqlite'>();
    expectTypeOf(db.client).toEqualTypeOf<D1Binding>();
  });

  test('db.drizzle is typed; rows equal the schema’s', async () => {
    const rows = await db.drizzle.select().from(db.tables.post);
    expectTypeOf(rows).toEqualTypeOf<Row<typeof post>[]>();
    const created = await db.repos.post.create({ title: 'Hello' });
    expectTypeOf(created).toEqualTypeOf<Row<typeof post>>();
  });
});
