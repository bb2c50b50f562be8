// Each engine says what its driver can do, so generic code (Better Auth's adapter, suites) reads
// db.capabilities instead of engine names. (Neon's HTTP driver: packages/postgres/test/neon.test.ts.)
import { defineTable, id, text } from '@strata/core';
import { createDatabase as createLibsql } from '@strata/libsql';
import { engineCases, openTestDatabase } from '@strata/testing';
import { describe, expect, test } from 'vitest';

const schema = { item: defineTable('item', { id: id(), label: text() }) };

const EXPECTED = {
  sqlite: { interactiveTransactions: true, drizzleTransactions: 'sync' },
  pglite: { interactiveTransactions: true, drizzleTransactions: 'async' },
  postgres: { interactiveTransactions: true, drizzleTransactions: 'async' },
} as const;

describe.each(engineCases())('capabilities on $engine', ({ engine, skip }) => {
  test.skipIf(skip)('as the driver allows, and db.drizzle.transaction takes what they say', async () => {
    const db = await openTestDatabase(engine, schema);
    try {
      expect(db.capabilities).toEqual(EXPECTED[engine]);
      await db.createTables();
      if (db.capabilities.drizzleTransactions === 'async') {
        const drizzle = db.drizzle as { transaction(work: (tx: unknown) => Promise<number>): Promise<number> };
        expect(await drizzle.transaction(async () => 1)).toBe(1);
      }
    } finally {
      await db.close();
    }
  });
});

test("libSQL's Drizzle transactions are async", async () => {
  const db = await createLibsql({ schema, url: ':memory:' });
  try {
    expect(db.capabilities).toEqual({ interactiveTransactions: true, drizzleTransactions: 'async' });
  } finally {
    await db.close();
  }
});
