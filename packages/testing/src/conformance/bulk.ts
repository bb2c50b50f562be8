// createMany and insertMany past the engine's parameter limit: chunked, yet all or none.
import { DatabaseError, QueryError } from '@strata/core';
import { expect } from 'vitest';
import { type ConformanceContext, caught, UUID_V7 } from './harness.js';

/** Bulk inserts move tens of thousands of rows; engines on a slow machine get time for it. */
const BULK_TIMEOUT = 120_000;

export function defineBulkTests(context: ConformanceContext): void {
  const { it, bulkRows } = context;
  const bulk = () => context.db().repos.bulkRow;
  const rows = (count: number, from = 0) =>
    Array.from({ length: count }, (_, i) => ({ seq: from + i, label: `row ${from + i}`, flag: i % 2 === 0 }));

  it(
    `createMany inserts ${bulkRows} rows in several chunks: all stored, in order, with unique ids`,
    async () => {
      const created = await bulk().createMany(rows(bulkRows));
      expect(created).toHaveLength(bulkRows);
      expect(created.every((row, i) => row.seq === i && row.label === `row ${i}` && row.flag === (i % 2 === 0))).toBe(
        true,
      );
      const ids = created.map((row) => row.id);
      expect(new Set(ids).size).toBe(bulkRows);
      expect(ids.every((value) => UUID_V7.test(value))).toBe(true);
      expect(await bulk().count()).toBe(bulkRows);
      for (const seq of [0, 1, Math.floor(bulkRows / 2), bulkRows - 1]) {
        expect(await bulk().findBy('seq', seq)).toEqual(created[seq]);
      }
      expect(await bulk().count({ flag: true })).toBe(Math.ceil(bulkRows / 2));
    },
    BULK_TIMEOUT,
  );

  it(
    'createMany writes no row at all when its last chunk breaks a unique key',
    async () => {
      const values = rows(bulkRows);
      values[bulkRows - 1] = { seq: 0, label: 'duplicate of the first', flag: false };
      await caught(() => bulk().createMany(values));
      expect(await bulk().count()).toBe(0);
    },
    BULK_TIMEOUT,
  );

  it(
    'createMany writes no row at all when a row collides with a row already stored',
    async () => {
      const existing = await bulk().create({ seq: bulkRows + 5, label: 'already here' });
      const values = rows(bulkRows);
      values[Math.floor(bulkRows * 0.75)] = { seq: bulkRows + 5, label: 'collides', flag: false };
      await caught(() => bulk().createMany(values));
      expect(await bulk().findMany()).toEqual([existing]);
    },
    BULK_TIMEOUT,
  );

  it(
    `insertMany stores ${bulkRows} rows without reading them back and returns the count`,
    async () => {
      expect(await bulk().insertMany(rows(bulkRows))).toBe(bulkRows);
      expect(await bulk().count()).toBe(bulkRows);
      const stored = await bulk().findMany({ orderBy: { seq: 'asc' } });
      expect(stored.every((row, i) => row.seq === i && row.label === `row ${i}` && row.flag === (i % 2 === 0))).toBe(
        true,
      );
      expect(new Set(stored.map((row) => row.id)).size).toBe(bulkRows);
      expect(stored.every((row) => UUID_V7.test(row.id))).toBe(true);
      expect(await bulk().insertMany([])).toBe(0);
    },
    BULK_TIMEOUT,
  );

  it(
    'insertMany writes no row at all when its last chunk breaks a unique key, and names the constraint',
    async () => {
      const values = rows(bulkRows);
      values[bulkRows - 1] = { seq: 0, label: 'duplicate of the first', flag: false };
      const error = await caught(() => bulk().insertMany(values));
      expect(error).toBeInstanceOf(DatabaseError);
      expect(error).toMatchObject({ kind: 'unique_violation', table: 'conformance_bulk' });
      expect(await bulk().count()).toBe(0);
    },
    BULK_TIMEOUT,
  );

  it('insertMany validates every row before anything is written', async () => {
    const values: unknown[] = [...rows(3), { seq: 'four', label: 'wrong kind' }];
    const error = await caught(() => bulk().insertMany(values as never));
    expect(error).toBeInstanceOf(QueryError);
    expect(error).toMatchObject({ table: 'conformance_bulk', field: 'seq' });
    expect(await bulk().count()).toBe(0);
  });

  it('a small createMany (one statement) is all or none too', async () => {
    await caught(() =>
      bulk().createMany([
        { seq: 1, label: 'a' },
        { seq: 2, label: 'b' },
        { seq: 1, label: 'again' },
      ]),
    );
    expect(await bulk().count()).toBe(0);
  });

  context.itWithTransaction(
    'a chunked createMany inside a transaction that fails is rolled back with it',
    async () => {
      const failure = new Error('abort after the bulk insert');
      const error = await caught(() =>
        context.db().transaction(async (tx) => {
          const created = await tx.repos.bulkRow.createMany(rows(bulkRows));
          expect(created).toHaveLength(bulkRows);
          expect(await tx.repos.bulkRow.count()).toBe(bulkRows);
          throw failure;
        }),
      );
      expect(error).toBe(failure);
      expect(await bulk().count()).toBe(0);
    },
    BULK_TIMEOUT,
  );
}
