// A wrong `references(() => …)` callback — a misspelled column (undefined), a misspelled table
// (a ReferenceError), a table instead of a column — is a SchemaError naming the table and column
// that hold the reference and the callback, wherever the schema is first compiled: collectSchema,
// each dialect's compiler (also a lone table compiled without collectSchema), createTables().
import { type AnyColumn, collectSchema, defineTable, id, isStrataError, SchemaError, text, uuid } from '@strata/core';
import { createDatabase as createPglite } from '@strata/pglite';
import { compilePgSchema, toPgTable } from '@strata/sql/postgres';
import { compileSQLiteSchema } from '@strata/sql/sqlite';
import { createDatabase as createSqlite } from '@strata/sqlite';
import { getTableConfig } from 'drizzle-orm/pg-core';
import { describe, expect, test } from 'vitest';

const member = defineTable('member', { id: id(), name: text().notNull() });

/** A schema whose `post.authorId` references whatever `target` returns (typed away, as in JavaScript). */
function schemaReferencing(target: () => unknown) {
  const post = defineTable('post', {
    id: id(),
    authorId: uuid().references(target as () => AnyColumn as never),
  });
  return { member, post };
}

/** The SchemaError `work` throws. */
function schemaErrorOf(work: () => unknown): SchemaError {
  try {
    work();
  } catch (error) {
    expect(error).toBeInstanceOf(SchemaError);
    return error as SchemaError;
  }
  throw new Error('expected a SchemaError');
}

describe('a references() callback that does not return a column', () => {
  // `member.idd` in the schema: undefined at run time.
  const typo = schemaReferencing(() => (member as unknown as Record<string, unknown>).idd);

  test('a misspelled column: the table, the column, the callback and the columns it could mean', () => {
    const error = schemaErrorOf(() => collectSchema(typo));
    expect(error.code).toBe('SCHEMA_INVALID');
    expect(error.table).toBe('post');
    expect(error.column).toBe('authorId');
    expect(error.message).toMatch(/^table "post", column "authorId": references\(\(\) => .*idd\) returned undefined/);
    expect(error.message).toContain('not a column');
    expect(error.message).not.toContain('placement');
  });

  test('the columns of the table read are listed when the schema exports it under that name', () => {
    const post = defineTable('post', {
      id: id(),
      // The callback reads `member.idd` as written in a schema file (the export is named member).
      authorId: uuid().references(new Function('member', 'return () => member.idd')(member) as never),
    });
    const error = schemaErrorOf(() => collectSchema({ member, post }));
    expect(error.message).toContain('references(() => member.idd) returned undefined, not a column');
    expect(error.message).toContain('Table "member" (export "member") has the columns id, name.');
  });

  test('a misspelled table: the ReferenceError is named, with no advice about the schema module', () => {
    const post = defineTable('post', {
      id: id(),
      authorId: uuid().references(new Function('return () => membr.id')() as never),
    });
    const error = schemaErrorOf(() => collectSchema({ member, post }));
    expect(error.message).toBe(
      'table "post", column "authorId": references(() => membr.id) threw ReferenceError: membr is not defined. Return a column of a table defined before it is used, like references(() => member.id), and check the table\'s name.',
    );
  });

  test('a table instead of a column', () => {
    const error = schemaErrorOf(() => collectSchema(schemaReferencing(() => member)));
    expect(error.message).toContain('returned table "member" rather than one of its columns, not a column');
  });

  test('each dialect compiler, and a lone table compiled without collectSchema, say the same', () => {
    const expected = /^table "post", column "authorId": references\(.*\) returned undefined, not a column/;
    expect(schemaErrorOf(() => compilePgSchema(typo)).message).toMatch(expected);
    expect(schemaErrorOf(() => compileSQLiteSchema(typo)).message).toMatch(expected);
    // Drizzle calls the callback only when it builds the foreign key.
    const lone = toPgTable(typo.post);
    expect(schemaErrorOf(() => getTableConfig(lone).foreignKeys.map((key) => key.reference())).message).toMatch(
      expected,
    );
  });

  test('createDatabase on SQLite and PGlite rejects with the SchemaError before createTables()', async () => {
    for (const open of [() => createSqlite({ schema: typo }), () => createPglite({ schema: typo })]) {
      const error: unknown = await open().then(
        async (db) => {
          await db.close();
          return undefined;
        },
        (rejected: unknown) => rejected,
      );
      expect(isStrataError(error) && error.code).toBe('SCHEMA_INVALID');
      expect((error as Error).message).toMatch(/^table "post", column "authorId": references\(/);
    }
  });
});
