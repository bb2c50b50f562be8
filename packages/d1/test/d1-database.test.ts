// What @strata/d1 promises on a real local D1 (workerd's, through miniflare): engine and dialect,
// the binding as db.client, transactions refused with TRANSACTION_UNSUPPORTED before anything
// runs, bulk inserts as one atomic batch whatever the rows' fields (a failing row in the last
// chunk leaves no row), D1's 100-parameter limit as a QueryError, bigints,
// createTables/dropTables as one batch, close.
import {
  bigint,
  boolean,
  DatabaseClosedError,
  defineTable,
  id,
  integer,
  isStrataError,
  isUniqueViolation,
  QueryError,
  text,
  timestamps,
} from '@strata/core';
import { createDatabase, type D1Binding, type D1StrataDatabase, TRANSACTION_UNSUPPORTED } from '@strata/d1';
import { caught } from '@strata/testing';
import { sql } from 'drizzle-orm';
import { afterAll, beforeEach, describe, expect, test } from 'vitest';
import { startLocalD1 } from './miniflare.js';

const item = defineTable('item', {
  id: id(),
  seq: integer().notNull().unique(),
  label: text().notNull(),
  flag: boolean().notNull().default(false),
  note: text(),
  ...timestamps(),
});
const counter = defineTable('counter', { id: id(), value: bigint().notNull() });
const schema = { item, counter };
type Db = D1StrataDatabase<typeof schema>;

const d1 = startLocalD1(16);
afterAll(() => d1.dispose());

let binding: D1Binding;
let db: Db;
beforeEach(async () => {
  binding = await d1.database();
  db = await createDatabase({ schema, binding });
  await db.createTables();
  return () => db.close();
});

const rows = (count: number) =>
  Array.from({ length: count }, (_, i) => ({ seq: i, label: `row ${i}`, flag: i % 2 === 0 }));

describe('@strata/d1 createDatabase', () => {
  test('engine d1 on the sqlite dialect, db.client the binding, no interactive transactions', async () => {
    expect(db.engine).toBe('d1');
    expect(db.dialect).toBe('sqlite');
    expect(db.client).toBe(binding);
    expect(db.capabilities).toEqual({ interactiveTransactions: false, drizzleTransactions: 'none' });
    const created = await db.repos.item.create({ seq: 1, label: 'one' });
    expect(await db.repos.item.findById(created.id)).toEqual(created);
    expect(created.createdAt).toBeInstanceOf(Date);
  });

  test('db.transaction() and db.drizzle.transaction() reject with TRANSACTION_UNSUPPORTED and run nothing', async () => {
    let ran = false;
    const error = await caught(() =>
      db.transaction(async (tx) => {
        ran = true;
        await tx.repos.item.create({ seq: 1, label: 'never' });
      }),
    );
    expect(isStrataError(error)).toBe(true);
    expect(error).toMatchObject({ code: TRANSACTION_UNSUPPORTED });
    expect(ran).toBe(false);
    const drizzleError = await caught(() => db.drizzle.transaction(async () => {}));
    expect(drizzleError).toMatchObject({ code: TRANSACTION_UNSUPPORTED });
    expect(await db.repos.item.count()).toBe(0);
  });

  test('createMany of 500 rows is one batch: all stored in order; a failing row in the last chunk leaves none', async () => {
    const created = await db.repos.item.createMany(rows(500));
    expect(created.map((row) => row.seq)).toEqual(rows(500).map((row) => row.seq));
    expect(await db.repos.item.count()).toBe(500);
    expect(await db.repos.item.findBy('seq', 499)).toEqual(created[499]);
    await db.repos.item.deleteMany({});

    const values = rows(500);
    values[499] = { seq: 0, label: 'duplicate of the first', flag: false };
    const error = await caught(() => db.repos.item.createMany(values));
    expect(isUniqueViolation(error)).toBe(true);
    expect(error).toMatchObject({ kind: 'unique_violation', table: 'item', columns: ['seq'] });
    expect(await db.repos.item.count()).toBe(0);
  });

  test('insertMany of 500 rows counts them; a failing row in the last chunk leaves none', async () => {
    expect(await db.repos.item.insertMany(rows(500))).toBe(500);
    await db.repos.item.deleteMany({});
    const values = rows(500);
    values[499] = { seq: 3, label: 'duplicate', flag: true };
    expect(await caught(() => db.repos.item.insertMany(values))).toMatchObject({ kind: 'unique_violation' });
    expect(await db.repos.item.count()).toBe(0);
  });

  test('createMany of 300 rows with different fields is one batch: defaults filled; a failing row leaves none', async () => {
    // Three shapes of row: some leave out `flag` (default false), some give a `note`.
    const mixed = rows(300).map(({ flag, ...row }, i) =>
      i % 3 === 0 ? row : i % 3 === 1 ? { ...row, flag, note: `note ${i}` } : { ...row, flag },
    );
    const created = await db.repos.item.createMany(mixed);
    expect(created.map((row) => row.seq)).toEqual(mixed.map((row) => row.seq));
    expect(created[0]).toMatchObject({ seq: 0, flag: false, note: null });
    expect(created[1]).toMatchObject({ seq: 1, flag: false, note: 'note 1' });
    expect(created[2]).toMatchObject({ seq: 2, flag: true, note: null });
    expect(created.every((row) => row.createdAt instanceof Date)).toBe(true);
    expect(await db.repos.item.count()).toBe(300);
    expect(await db.repos.item.findBy('seq', 298)).toEqual(created[298]);
    await db.repos.item.deleteMany({});

    const failing = [...mixed];
    failing[299] = { seq: 0, label: 'duplicate of the first', note: 'last' };
    const error = await caught(() => db.repos.item.createMany(failing));
    expect(error).toMatchObject({ kind: 'unique_violation', table: 'item', columns: ['seq'] });
    expect(await db.repos.item.count()).toBe(0);
  });

  test('insertMany of 300 rows with different fields counts them; a failing row leaves none', async () => {
    const mixed: { seq: number; label: string; flag?: boolean; note?: string }[] = rows(300).map((row, i) =>
      i % 2 === 0 ? row : { ...row, note: 'noted' },
    );
    expect(await db.repos.item.insertMany(mixed)).toBe(300);
    expect(await db.repos.item.count({ note: 'noted' })).toBe(150);
    await db.repos.item.deleteMany({});
    mixed[150] = { seq: 7, label: 'duplicate' };
    expect(await caught(() => db.repos.item.insertMany(mixed))).toMatchObject({ kind: 'unique_violation' });
    expect(await db.repos.item.count()).toBe(0);
  });

  test('a filter past D1’s 100 parameters is a QueryError before anything runs; one under it runs', async () => {
    await db.repos.item.createMany(rows(10));
    const tooMany = Array.from({ length: 100 }, (_, i) => i);
    expect(await caught(() => db.repos.item.findMany({ where: { seq: { in: tooMany } } }))).toBeInstanceOf(QueryError);
    expect(await db.repos.item.count({ seq: { in: tooMany.slice(0, 80) } })).toBe(10);
  });

  test('bigint values within ±2^53 are stored and read exactly', async () => {
    const big = 2n ** 53n - 1n;
    const created = await db.repos.counter.create({ value: big });
    expect(created.value).toBe(big);
    expect((await db.repos.counter.findOne({ value: big }))?.id).toBe(created.id);
    const [negative] = await db.repos.counter.createMany([{ value: -42n }]);
    expect(negative?.value).toBe(-42n);
  });

  test('db.drizzle.batch is atomic for writes of your own', async () => {
    const error = await caught(() =>
      db.drizzle.batch([
        db.drizzle.insert(db.tables.item).values({ id: crypto.randomUUID(), seq: 1, label: 'a' }),
        db.drizzle.insert(db.tables.item).values({ id: crypto.randomUUID(), seq: 1, label: 'b' }),
      ]),
    );
    expect(isUniqueViolation(error)).toBe(true);
    expect(await db.repos.item.count()).toBe(0);
  });

  test('dropTables() and createTables() run as one batch each', async () => {
    await db.repos.item.create({ seq: 1, label: 'one' });
    await db.dropTables();
    const tables = async () =>
      (
        await db.drizzle.all<{ name: string }>(
          sql`select name from sqlite_master where type = 'table' and name in ('item', 'counter') order by name`,
        )
      ).map((row) => row.name);
    expect(await tables()).toEqual([]);
    await db.createTables();
    expect(await tables()).toEqual(['counter', 'item']);
    // Creating again fails on the first table and creates nothing more.
    await db.drizzle.run(sql`drop table counter`);
    expect(await caught(() => db.createTables())).toBeDefined();
    expect(await tables()).toEqual(['item']);
  });

  test('close() refuses further work with DatabaseClosedError', async () => {
    await db.close();
    expect(await caught(() => db.repos.item.count())).toBeInstanceOf(DatabaseClosedError);
    expect(await caught(() => db.createTables())).toBeInstanceOf(DatabaseClosedError);
    expect(await caught(() => db.repos.item.createMany(rows(300)))).toBeInstanceOf(DatabaseClosedError);
  });

  test('a binding that is not one is a CONFIG_INVALID error', async () => {
    const error = await caught(() => createDatabase({ schema, binding: undefined as unknown as D1Binding }));
    expect(error).toMatchObject({ code: 'CONFIG_INVALID' });
  });
});
