// One scripted workload, with fixed ids and timestamps, run on every engine; the transcripts of
// what each call returned must be identical across engines.
import { findDatabaseError, type NewRow, type OrderBy, QueryError, type Where } from '@strata/core';
import { describe, expect, test } from 'vitest';
import {
  type ConformanceContext,
  type ConformanceDatabase,
  type ConformanceEngine,
  fixedId,
  plain,
  type TranscriptStep,
} from './harness.js';
import type { item } from './schema.js';

type ItemWhere = Where<typeof item>;

const T = (seconds: number, ms = 0) => new Date(Date.UTC(2024, 0, 1, 0, 0, seconds, ms));
const U = (n: number) => `${n.toString(16).padStart(8, '0')}-0000-4000-8000-000000000000`;

const ITEM_VALUES: NewRow<typeof item>[] = [
  {
    label: 'alpha',
    note: 'Hello World',
    code: 'AB',
    rank: 5,
    size: 2n ** 53n + 1n,
    score: 0.1 + 0.2,
    active: true,
    at: T(1, 1),
    day: '2024-02-29',
    data: { k: [1, 'ü', null] },
    priority: 'low',
    ref: U(1),
  },
  {
    label: 'Beta',
    note: '100% sure',
    code: 'ab',
    rank: -3,
    size: -(2n ** 63n),
    score: -0.5,
    active: false,
    at: new Date(-1),
    day: '1969-07-20',
    priority: 'high',
  },
  { label: 'gamma', note: 'it\'s \\ "q"', code: 'Ä', size: 0n, data: [], priority: 'medium', ref: U(3) },
  {
    label: 'ä-umlaut',
    note: 'Ärger',
    code: 'ä',
    rank: 5,
    size: 2n ** 63n - 1n,
    score: 1e300,
    active: true,
    at: T(2),
    day: '9999-12-31',
    data: 's',
    ref: U(4),
  },
  {
    label: '😀 emoji',
    note: '😀',
    code: '',
    rank: 0,
    score: 0,
    active: false,
    at: T(3),
    day: '0001-01-01',
    data: {},
    priority: 'low',
    ref: U(5),
  },
  {
    label: 'ｚ fullwidth',
    note: '',
    rank: 2_147_483_647,
    size: 1n,
    score: 5e-324,
    at: T(3),
    day: '2024-01-01',
    data: false,
    priority: 'medium',
    ref: U(6),
  },
  {
    label: 'Zeta',
    code: 'Z',
    rank: -2_147_483_648,
    size: -1n,
    score: -1e-300,
    active: true,
    at: new Date('9999-12-31T23:59:59.999Z'),
    day: '2024-01-01',
    data: { deep: { x: [{}] } },
    priority: 'high',
    ref: U(7),
  },
  {
    label: 'a_b',
    note: 'a_b',
    code: 'a_b',
    rank: 7,
    size: 7n,
    score: 7.5,
    active: false,
    at: T(4),
    day: '2000-01-01',
    data: 7,
    priority: 'low',
  },
  {
    label: 'axb',
    note: 'axb',
    code: 'axb',
    rank: 7,
    size: 7n,
    score: 7.5,
    active: true,
    at: T(4),
    day: '2000-01-01',
    priority: 'low',
    ref: U(9),
  },
  { label: 'back\\slash', note: 'C:\\dir\\', code: '\\' },
  {
    label: '',
    note: 'ärger',
    code: 'ÄÖÜ',
    rank: 1,
    size: 2n ** 53n,
    score: 0.3,
    active: false,
    at: T(5),
    day: '2024-02-28',
    data: { a: null },
    priority: 'medium',
    ref: U(11),
  },
  {
    label: 'MiXeD',
    note: 'mixed CASE',
    code: 'MIX',
    rank: 1,
    size: 2n ** 53n,
    score: 0.3,
    active: true,
    at: T(5),
    day: '2024-02-28',
    data: [1, [2, [3]]],
    priority: 'high',
    ref: U(12),
  },
];

const ITEMS: NewRow<typeof item>[] = ITEM_VALUES.map((values, index) => ({
  ...values,
  id: fixedId(index + 1),
  createdAt: T(100 + index),
  updatedAt: T(100 + index),
}));

const SORT_FIELDS = [
  'label',
  'note',
  'code',
  'rank',
  'size',
  'score',
  'active',
  'at',
  'day',
  'priority',
  'ref',
  'createdAt',
] as const;

const FILTERS: ItemWhere[] = [
  { note: { contains: '%' } },
  { note: { contains: '_' } },
  { note: { startsWith: 'a_' } },
  { note: { contains: '\\' } },
  { note: { contains: 'ärger', ignoreCase: true } },
  { note: { contains: 'ÄRGER', ignoreCase: true } },
  { note: { contains: 'hello', ignoreCase: true } },
  { label: { endsWith: 'A', ignoreCase: true } },
  { code: { gt: 'Z' } },
  { label: { gte: 'a', lt: 'b' } },
  { rank: { ne: 5 } },
  { rank: null },
  { rank: { notIn: [5, 7] } },
  { rank: { in: [] } },
  { rank: { notIn: [] } },
  { size: { gt: 2n ** 53n } },
  { score: { lte: 0.3 } },
  { active: { ne: true } },
  { at: { lt: T(4) } },
  { day: { gte: '2024-01-01' } },
  { priority: { in: ['low', 'high'] } },
  { priority: { gt: 'low' } },
  { ref: { in: [] } },
  { data: null },
  { not: { or: [{ priority: 'low' }, { rank: { gt: 0 } }] } },
  { or: [{ and: [{ active: true }, { rank: { lt: 5 } }] }, { note: '' }] },
];

/** What a failed step returns: comparable across engines, free of engine-specific messages. */
function describeFailure(error: unknown): Record<string, unknown> {
  return {
    rejected: true,
    queryError: error instanceof QueryError ? { table: error.table, field: error.field } : false,
    databaseError: findDatabaseError(error)?.kind ?? null,
  };
}

/** A document without the timestamps the repository sets to "now" (soft delete, restore). */
const docView = (row: { updatedAt: Date; deletedAt: Date | null } | undefined) => {
  if (!row) return row;
  const { updatedAt: _updatedAt, deletedAt, ...rest } = row;
  return { ...rest, deleted: deletedAt !== null };
};

interface Step {
  readonly name: string;
  readonly run: (db: ConformanceDatabase) => Promise<unknown>;
  /** Steps that may fail on a conforming engine (the transcript records how). */
  readonly mayFail?: boolean;
}

const labelsOf = (rows: readonly { label: string }[]) => rows.map((row) => row.label);

function workload(): Step[] {
  const steps: Step[] = [];
  const step = (name: string, run: Step['run'], mayFail = false) => steps.push({ name, run, mayFail });

  step('createMany items', (db) => db.repos.item.createMany([...ITEMS].reverse()));
  step('createMany docs', (db) =>
    db.repos.doc.createMany(
      ['one', 'two', 'three'].map((title, i) => ({
        id: fixedId(20 + i),
        title,
        slug: `doc-${title}`,
        createdAt: T(200),
        updatedAt: T(200),
      })),
    ),
  );
  step('createMany accounts', (db) =>
    db.repos.account.createMany([1, 2, 3].map((n) => ({ id: fixedId(30 + n), name: `acct ${n}`, balance: 100 }))),
  );
  step('update item 3', (db) => db.repos.item.update(fixedId(3), { rank: 99, note: 'Ünï ✓', updatedAt: T(300) }));
  step('update a missing item', (db) => db.repos.item.update(fixedId(99), { rank: 1, updatedAt: T(300) }));
  step('updateMany low priority', (db) =>
    db.repos.item.updateMany({ priority: 'low' }, { score: 1.25, updatedAt: T(301) }),
  );
  step('upsert inserts a setting', (db) =>
    db.repos.setting.upsert({
      target: ['key'],
      create: { id: fixedId(40), key: 'theme', value: 'dark', createdAt: T(302), updatedAt: T(302) },
      update: { value: 'light', updatedAt: T(303) },
    }),
  );
  step('upsert updates the setting', (db) =>
    db.repos.setting.upsert({
      target: ['key'],
      create: { id: fixedId(41), key: 'theme', value: 'dark', createdAt: T(304), updatedAt: T(304) },
      update: { value: 'light', updatedAt: T(305) },
    }),
  );
  step('create a tag', (db) => db.repos.tag.create({ id: fixedId(50), name: 'tag' }));
  step('upsert a tag with an empty update', (db) =>
    db.repos.tag.upsert({ target: ['name'], create: { id: fixedId(51), name: 'tag' }, update: {} }),
  );
  step('create a duplicate tag', (db) => db.repos.tag.create({ id: fixedId(52), name: 'tag' }), true);
  step('create an invalid item', (db) => db.repos.item.create({ id: fixedId(53), label: 'x', rank: 1.5 }), true);
  step('soft delete doc two', async (db) => docView(await db.repos.doc.delete(fixedId(21))));
  step('update the deleted doc', async (db) => docView(await db.repos.doc.update(fixedId(21), { title: 'x' })));
  step('deleteMany docs', (db) => db.repos.doc.deleteMany({ title: { in: ['two', 'three'] } }));
  step('restore doc two', async (db) => docView(await db.repos.doc.restore(fixedId(21))));
  step('hardDelete doc three', async (db) => docView(await db.repos.doc.hardDelete(fixedId(22))));
  step('docs as seen by default, withDeleted and onlyDeleted', async (db) => ({
    live: (await db.repos.doc.findMany()).map(docView),
    all: (await db.repos.doc.findMany({ withDeleted: true })).map(docView),
    deleted: (await db.repos.doc.findMany({ onlyDeleted: true })).map(docView),
    counts: [await db.repos.doc.count(), await db.repos.doc.count({}, { withDeleted: true })],
  }));
  step('deleteMany items with negative rank', (db) => db.repos.item.deleteMany({ rank: { lt: 0 } }));
  step('hardDelete item 9', (db) => db.repos.item.hardDelete(fixedId(9)));
  step('delete item 10', (db) => db.repos.item.delete(fixedId(10)));

  for (const field of SORT_FIELDS) {
    for (const direction of ['asc', 'desc'] as const) {
      step(`findMany ordered by ${field} ${direction}`, async (db) =>
        labelsOf(
          await db.repos.item.findMany({ orderBy: { [field]: direction } as OrderBy<typeof item>, select: ['label'] }),
        ),
      );
    }
  }
  for (const where of FILTERS) {
    step(`findMany where ${JSON.stringify(plain(where))}`, async (db) => ({
      labels: labelsOf(await db.repos.item.findMany({ where, select: ['label'] })),
      count: await db.repos.item.count(where),
      exists: await db.repos.item.exists(where),
    }));
  }
  step('findMany with select, limit and offset', (db) =>
    db.repos.item.findMany({
      select: ['label', 'size', 'at', 'data'],
      orderBy: [{ priority: 'desc' }, { score: 'asc' }],
      limit: 4,
      offset: 2,
    }),
  );
  step('findOne, findBy and findById', async (db) => ({
    one: await db.repos.item.findOne({ priority: 'medium' }, { orderBy: { rank: 'desc' } }),
    by: await db.repos.item.findBy('code', 'ä'),
    id: await db.repos.item.findById(fixedId(12)),
  }));
  step('paginate pages 1, 2 and 4', async (db) =>
    Promise.all(
      [1, 2, 4].map(async (page) => {
        const result = await db.repos.item.paginate({ page, pageSize: 4, orderBy: { rank: 'desc' } });
        return { ...result, items: labelsOf(result.items) };
      }),
    ),
  );
  step('findPage through the items by label and createdAt', async (db) => {
    const pages: unknown[] = [];
    for (const orderBy of [{ label: 'desc' }, [{ createdAt: 'asc' }, { label: 'asc' }]] as OrderBy<typeof item>[]) {
      let after: string | undefined;
      do {
        const page = await db.repos.item.findPage({ orderBy, limit: 3, ...(after && { after }) });
        pages.push({ items: labelsOf(page.items), nextCursor: page.nextCursor });
        after = page.nextCursor ?? undefined;
      } while (after);
    }
    return pages;
  });
  step('a committed read-modify-write transfer', (db) =>
    db.transaction(async (tx) => {
      const from = await tx.repos.account.findById(fixedId(31));
      const to = await tx.repos.account.findById(fixedId(32));
      await tx.repos.account.update(fixedId(31), { balance: (from?.balance ?? 0) - 30 });
      await tx.repos.account.update(fixedId(32), { balance: (to?.balance ?? 0) + 30 });
      return tx.repos.account.findMany();
    }),
  );
  step(
    'a transfer rolled back by an error',
    (db) =>
      db.transaction(async (tx) => {
        await tx.repos.account.update(fixedId(31), { balance: 0 });
        throw new QueryError('rolled back on purpose', { table: 'conformance_account' });
      }),
    true,
  );
  step('a savepoint rolled back inside a committed transaction', (db) =>
    db.transaction(async (tx) => {
      await tx.repos.account.update(fixedId(33), { balance: 150 });
      const inner = await tx
        .transaction(async (savepoint) => {
          await savepoint.repos.account.update(fixedId(31), { balance: 1 });
          throw new Error('inner');
        })
        .catch(() => 'inner rolled back');
      return { inner, accounts: await tx.repos.account.findMany() };
    }),
  );
  step('a transaction that catches a failed write and goes on', async (db) => {
    const outcome: Record<string, unknown> = {};
    outcome.transaction = await db
      .transaction(async (tx) => {
        await tx.repos.tag.create({ id: fixedId(60), name: 'in tx' });
        outcome.duplicate = await tx.repos.tag.create({ id: fixedId(61), name: 'in tx' }).then(
          () => 'accepted',
          () => 'refused',
        );
        outcome.afterwards = await tx.repos.tag.create({ id: fixedId(62), name: 'after the failure' }).then(
          () => 'accepted',
          () => 'refused',
        );
        return 'resolved';
      })
      .catch(() => 'rejected');
    outcome.stored = (await db.repos.tag.findMany({ where: { id: { in: [60, 61, 62].map(fixedId) } } })).map(
      (row) => row.name,
    );
    return outcome;
  });
  step('every table at the end', async (db) => ({
    items: await db.repos.item.findMany(),
    docs: (await db.repos.doc.findMany({ withDeleted: true })).map(docView),
    settings: await db.repos.setting.findMany(),
    tags: await db.repos.tag.findMany(),
    accounts: await db.repos.account.findMany(),
  }));
  return steps;
}

export function defineCrossEngineWorkload(context: ConformanceContext): void {
  context.it('runs the scripted workload and records what every call returned', async () => {
    const transcript: TranscriptStep[] = [];
    const unexpected: string[] = [];
    const db = context.db();
    for (const { name, run, mayFail } of workload()) {
      try {
        transcript.push({ step: name, result: plain(await run(db)) });
      } catch (error) {
        transcript.push({ step: name, result: describeFailure(error) });
        if (!mayFail) unexpected.push(`${name}: ${String(error).split('\n')[0]}`);
      }
    }
    context.transcripts.set(context.engine, transcript);
    expect(unexpected, 'steps that failed').toEqual([]);
    const byName = new Map(transcript.map(({ step, result }) => [step, result]));
    expect(byName.get('create a duplicate tag')).toMatchObject({ rejected: true });
    expect(byName.get('create an invalid item')).toMatchObject({
      rejected: true,
      queryError: { table: 'conformance_item', field: 'rank' },
    });
    expect(byName.get('findMany ordered by label asc')).toEqual(
      expect.arrayContaining(['', 'MiXeD', 'alpha', 'ä-umlaut', '😀 emoji']),
    );
  });
}

/**
 * The final check: every engine that ran the workload returned exactly what the first did, step
 * by step (each difference is reported).
 */
export function defineCrossEngineComparison(
  engines: readonly ConformanceEngine[],
  transcripts: Map<string, TranscriptStep[]>,
): void {
  const running = engines.filter((engine) => engine.skip === undefined).map((engine) => engine.engine);
  describe('conformance across engines', () => {
    if (running.length < 2) {
      test.skip(`fewer than two engines ran (${running.join(', ') || 'none'}): nothing to compare`, () => {});
      return;
    }
    test(`the workload returned the same results on ${running.join(', ')}`, () => {
      const missing = running.filter((engine) => !transcripts.has(engine));
      expect(missing, 'engines whose workload did not run to the end').toEqual([]);
      const [reference, ...others] = running.map((engine) => [engine, transcripts.get(engine) ?? []] as const);
      if (!reference) return;
      const [referenceEngine, referenceSteps] = reference;
      for (const [engine, steps] of others) {
        expect(
          steps.map((step) => step.step),
          `${engine} ran other steps than ${referenceEngine}`,
        ).toEqual(referenceSteps.map((step) => step.step));
        referenceSteps.forEach((expected, i) => {
          expect
            .soft(
              { engine, step: expected.step, result: steps[i]?.result },
              `${engine} differs from ${referenceEngine} at "${expected.step}"`,
            )
            .toEqual({ engine, step: expected.step, result: expected.result });
        });
      }
    });
  });
}
