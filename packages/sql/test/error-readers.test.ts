// Each dialect teaches core's error helpers to read its engine's errors when a database opens:
// with a SQLite and a PGlite database open in one process, errors of queries made through either
// one's `db.drizzle` are read (the second dialect's reader must not replace the first's).
import { defineTable, getConstraintName, id, isUniqueViolation, text } from '@strata/core';
import { createDatabase as createPglite } from '@strata/pglite';
import { createDatabase as createSqlite } from '@strata/sqlite';
import { caught, pgliteSnapshot } from '@strata/testing';
import { expect, test } from 'vitest';

const schema = { member: defineTable('member', { id: id(), email: text().notNull().unique() }) };

test("db.drizzle errors are read on both dialects with both open, each naming the schema's constraint", async () => {
  const sqlite = await createSqlite({ schema });
  const pglite = await createPglite({ schema, loadDataDir: await pgliteSnapshot() });
  try {
    await sqlite.createTables();
    await pglite.createTables();
    const row = { id: '018f0000-0000-7000-8000-000000000001', email: 'a@example.com' };
    await sqlite.drizzle.insert(sqlite.tables.member).values(row);
    await pglite.drizzle.insert(pglite.tables.member).values(row);
    const again = { ...row, id: '018f0000-0000-7000-8000-000000000002' };
    const onSqlite = await caught(() => sqlite.drizzle.insert(sqlite.tables.member).values(again));
    const onPglite = await caught(() => pglite.drizzle.insert(pglite.tables.member).values(again));
    for (const error of [onSqlite, onPglite]) {
      expect(isUniqueViolation(error)).toBe(true);
      expect(getConstraintName(error)).toBe('member_email_key');
    }
  } finally {
    await sqlite.close();
    await pglite.close();
  }
});
