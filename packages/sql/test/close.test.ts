// Graceful shutdown on every engine: close() refuses new work at once, lets work in flight
// finish within its timeout, and rolls back a transaction still open after it — never commits it.
import { DatabaseClosedError, defineTable, id, text } from '@strata/core';
import { createDatabase as createPostgres } from '@strata/postgres';
import { createPostgresTestDatabase, engineCases, openTestDatabase } from '@strata/testing';
import { describe, expect, test } from 'vitest';

const entry = defineTable('close_entry', { id: id(), label: text().notNull() });
const schema = { entry };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.each(engineCases())('close() on $engine', ({ engine, skip }) => {
  test.skipIf(skip)('waits for a running transaction, and refuses new work meanwhile', async () => {
    const db = await openTestDatabase(engine, schema);
    await db.createTables();
    const running = db.transaction(async (tx) => {
      await tx.repos.entry.create({ label: 'first' });
      await sleep(300);
      return tx.repos.entry.create({ label: 'second' });
    });
    await sleep(50);
    const closing = db.close({ timeoutMs: 5000 });
    await expect(db.repos.entry.count()).rejects.toBeInstanceOf(DatabaseClosedError);
    await expect(db.transaction(async () => 1)).rejects.toBeInstanceOf(DatabaseClosedError);
    await expect(running).resolves.toMatchObject({ label: 'second' });
    await closing;
  });

  test.skipIf(skip || engine !== 'postgres')(
    'a transaction still open after the timeout is rolled back, not committed',
    async () => {
      const { url, drop } = await createPostgresTestDatabase();
      const db = await createPostgres({ schema, url });
      const other = await createPostgres({ schema, url });
      await db.createTables();
      const running = db.transaction(async (tx) => {
        await tx.repos.entry.create({ label: 'abandoned' });
        await sleep(1500);
        return tx.repos.entry.create({ label: 'too late' });
      });
      await sleep(100);
      await db.close({ timeoutMs: 300 });
      // Its connection was closed under it: the rest fails, and the server rolled it back.
      await expect(running).rejects.toThrow();
      expect(await other.repos.entry.count()).toBe(0);
      await other.close();
      await drop();
    },
  );
});
