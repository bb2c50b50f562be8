// The five workloads: what one operation is, and how its result is checked. Checks run untimed:
// once per implementation before timing (the answer must be right, not just fast), and after
// every round of a write workload (the rows must really be there, counted with plain SQL).
import { generateId } from '@strata/core';
import type { ItemOps, ItemValues, ReadRow } from './contract.js';
import { BULK, INSERTED, PAGE_SIZE, RowFactory, SEED_ROWS, type SeedData } from './data.js';
import type { Probe } from './engines.js';
import { type Timing, timeLoop } from './measure.js';

/** What the workloads need besides the implementation: the seed's answers, fresh rows, the probe. */
export interface WorkloadContext {
  readonly seed: SeedData;
  readonly factory: RowFactory;
  readonly probe: Probe;
  /** The next seeded row to read or update: walks the shuffled seed across rounds and implementations. */
  nextRow(): ItemValues;
  /** The next category to read, in turn. */
  nextCategory(): string;
}

/** A context for one engine. */
export function createContext(seed: SeedData, probe: Probe): WorkloadContext {
  let row = 0;
  let category = 0;
  return {
    seed,
    probe,
    factory: new RowFactory(),
    nextRow: () => seed.shuffled[row++ % seed.shuffled.length] as ItemValues,
    nextCategory: () => seed.categories[category++ % seed.categories.length] as string,
  };
}

export interface Workload {
  readonly key: 'point-read' | 'category-read' | 'insert-one' | 'insert-bulk' | 'update-by-id';
  readonly title: string;
  readonly unit: 'ops/s' | 'rows/s';
  /** Whether to run an untimed warm-up turn after the check (the bulk insert's check already inserts 10,000 rows). */
  readonly warmUp: boolean;
  /** Untimed: runs one operation and throws if its result or its effect is wrong. */
  verify(ops: ItemOps, context: WorkloadContext): Promise<void>;
  /** One implementation's turn: runs for about `budgetMs` and returns its rate in `unit`. */
  round(ops: ItemOps, context: WorkloadContext, budgetMs: number): Promise<number>;
}

class CheckFailed extends Error {}

function expect(condition: boolean, what: string): asserts condition {
  if (!condition) throw new CheckFailed(what);
}

const rate = ({ ops, seconds }: Timing, perOp = 1) => (ops * perOp) / seconds;

/** Runs `work`, then deletes the category's rows whatever happened, so a failure leaves no rows behind. */
async function clearing<T>(probe: Probe, category: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } finally {
    await probe.clear(category);
  }
}

/** A read row matches the seeded one it should be (raw SQLite may return rank as a bigint). */
function expectRow(row: ReadRow | undefined, expected: ItemValues, what: string) {
  expect(row !== undefined, `${what}: no row for id ${expected.id}`);
  expect(
    row.id === expected.id && row.title === expected.title && Number(row.rank) === expected.rank,
    `${what}: got ${JSON.stringify({ id: row.id, title: row.title, rank: String(row.rank) })}, expected ${expected.id} / ${expected.title} / ${expected.rank}`,
  );
}

/** The stored row (read with plain SQL) has the price and timestamp this implementation wrote. */
async function expectStored(probe: Probe, values: ItemValues, price: number | null, what: string) {
  const stored = await probe.stored(values.id);
  expect(stored !== undefined, `${what}: row ${values.id} is not in the table`);
  expect(stored.price === price, `${what}: stored price ${stored.price}, expected ${price}`);
  expect(
    stored.createdAtMs === values.createdAt.getTime(),
    `${what}: stored created_at ${stored.createdAtMs}, expected ${values.createdAt.getTime()}`,
  );
}

const pointRead: Workload = {
  key: 'point-read',
  title: 'point read by id',
  unit: 'ops/s',
  warmUp: true,
  async verify(ops, { seed }) {
    for (const expected of seed.shuffled.slice(0, 3)) expectRow(await ops.findById(expected.id), expected, 'findById');
    expect((await ops.findById(generateId())) === undefined, 'findById of a missing id returned a row');
  },
  async round(ops, context, budgetMs) {
    return rate(await timeLoop(budgetMs, () => ops.findById(context.nextRow().id)));
  },
};

const categoryRead: Workload = {
  key: 'category-read',
  title: '20 rows by category, ordered',
  unit: 'ops/s',
  warmUp: true,
  async verify(ops, { seed }) {
    for (const category of seed.categories.slice(0, 3)) {
      const rows = await ops.findByCategory(category, PAGE_SIZE);
      const expected = seed.firstPage.get(category) ?? [];
      expect(
        rows.length === expected.length && rows.every((row, i) => row.id === expected[i]),
        `findByCategory(${category}): got ${rows.length} rows [${rows.map((r) => String(r.rank)).join(', ')}], expected ranks in order`,
      );
      const first = seed.rows.find((row) => row.id === expected[0]) as ItemValues;
      expectRow(rows[0], first, `findByCategory(${category}) first row`);
    }
  },
  async round(ops, context, budgetMs) {
    return rate(await timeLoop(budgetMs, () => ops.findByCategory(context.nextCategory(), PAGE_SIZE)));
  },
};

let priceCounter = 0;
/** A price no row had before: each update really changes a value. */
const nextPrice = () => 500_000 + ++priceCounter / 4;

const updateById: Workload = {
  key: 'update-by-id',
  title: 'update by id',
  unit: 'ops/s',
  warmUp: true,
  async verify(ops, context) {
    const target = context.nextRow();
    const price = nextPrice();
    const row = await ops.updatePrice(target.id, price);
    expect(row?.id === target.id && row.price === price, `updatePrice returned ${JSON.stringify(row)}`);
    await expectStored(context.probe, target, price, 'updatePrice');
  },
  async round(ops, context, budgetMs) {
    let last: { target: ItemValues; price: number } | undefined;
    const timing = await timeLoop(budgetMs, () => {
      last = { target: context.nextRow(), price: nextPrice() };
      return ops.updatePrice(last.target.id, last.price);
    });
    if (last) await expectStored(context.probe, last.target, last.price, 'updatePrice (last of the round)');
    return rate(timing);
  },
};

const insertOne: Workload = {
  key: 'insert-one',
  title: 'single-row insert',
  unit: 'ops/s',
  warmUp: true,
  async verify(ops, { factory, probe }) {
    const values = factory.row(INSERTED);
    await clearing(probe, INSERTED, async () => {
      const row = await ops.insertOne(values);
      expect(row?.id === values.id && row.title === values.title, `insertOne returned ${JSON.stringify(row)}`);
      await expectStored(probe, values, values.price, 'insertOne');
      expect((await probe.count(INSERTED)) === 1, 'insertOne: expected exactly 1 inserted row');
    });
  },
  async round(ops, { factory, probe }, budgetMs) {
    return clearing(probe, INSERTED, async () => {
      const timing = await timeLoop(budgetMs, () => ops.insertOne(factory.row(INSERTED)));
      const count = await probe.count(INSERTED);
      expect(count === timing.ops, `insertOne: ${timing.ops} inserts left ${count} rows`);
      return rate(timing);
    });
  },
};

/** Fresh rows are made and the table is cleared outside the timed part; only `insertMany` is timed. */
const insertBulk: Workload = {
  key: 'insert-bulk',
  title: `bulk insert of ${SEED_ROWS.toLocaleString('en-US')} rows`,
  unit: 'rows/s',
  warmUp: false,
  async verify(ops, { factory, probe }) {
    const rows = factory.rows(BULK, SEED_ROWS);
    await clearing(probe, BULK, async () => {
      await ops.insertMany(rows);
      expect((await probe.count(BULK)) === rows.length, `insertMany: expected ${rows.length} rows`);
      for (const values of [rows[0], rows[rows.length - 1]] as ItemValues[]) {
        await expectStored(probe, values, values.price, 'insertMany');
        expectRow(await ops.findById(values.id), { ...values }, 'insertMany, read back');
      }
    });
  },
  async round(ops, { factory, probe }, budgetMs) {
    const timing: Timing = { ops: 0, seconds: 0 };
    const start = performance.now();
    do {
      const rows = factory.rows(BULK, SEED_ROWS);
      globalThis.gc?.();
      await clearing(probe, BULK, async () => {
        const before = performance.now();
        await ops.insertMany(rows);
        timing.seconds += (performance.now() - before) / 1000;
        timing.ops++;
        const count = await probe.count(BULK);
        expect(count === rows.length, `insertMany: ${rows.length} rows left ${count}`);
      });
    } while (performance.now() - start < budgetMs);
    return rate(timing, SEED_ROWS);
  },
};

/** In run order: reads first, on the freshly seeded table; the writes leave it as they found it. */
export const WORKLOADS: readonly Workload[] = [pointRead, categoryRead, insertOne, insertBulk, updateById];
