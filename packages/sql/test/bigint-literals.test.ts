// bigint constants in DDL are numeric literals (`DEFAULT 1`, `>= 0`), not quoted text, on both
// dialects; the defaults and checks work on every engine, exactly, up to the 64-bit limits.
import { and, bigint, check, defineTable, gte, id, isNull, lte, notInList, or, text } from '@strata/core';
import { compareDumps, dumpSchema, generateMigration, migrate } from '@strata/sql';
import { pgGeneration } from '@strata/sql/postgres';
import { sqliteGeneration } from '@strata/sql/sqlite';
import { engineCases, openTestDatabase, rawExecute, rawRows, type TestDatabase } from '@strata/testing';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { MemoryFolder } from './migration-support.js';

const MIN = -(2n ** 63n);
const MAX = 2n ** 63n - 1n;
/** 2^53 + 1: a double would round it to 2^53, so only an exact integer literal tells them apart. */
const BEYOND_DOUBLE = 2n ** 53n + 1n;

const schema = {
  counter: defineTable(
    'counter',
    {
      id: id(),
      label: text().notNull(),
      hits: bigint().notNull().default(1n),
      floor: bigint().notNull().default(MIN),
      ceiling: bigint().notNull().default(MAX),
      budget: bigint(),
    },
    (t) => [
      check('counter_hits_not_negative', gte(t.hits, 0n)),
      check('counter_budget_range', or(isNull(t.budget), and(gte(t.budget, -5n), lte(t.budget, BEYOND_DOUBLE)))),
      check('counter_hits_not_unlucky', notInList(t.hits, [13n, -666n, BEYOND_DOUBLE])),
    ],
  ),
};

describe.each([
  ['pg', pgGeneration],
  ['sqlite', sqliteGeneration],
] as const)('bigint constants in %s DDL', (_name, dialect) => {
  test('are numeric literals in defaults and checks', async () => {
    const ddl = (await generateMigration({ dialect, schema })).up.join('\n');
    expect(ddl).toMatch(/["`]hits["`] (bigint|integer) DEFAULT 1 NOT NULL/);
    expect(ddl).toMatch(/["`]floor["`] (bigint|integer) DEFAULT -9223372036854775808 NOT NULL/);
    expect(ddl).toMatch(/["`]ceiling["`] (bigint|integer) DEFAULT 9223372036854775807 NOT NULL/);
    expect(ddl).toContain('"hits" >= 0');
    expect(ddl).toContain('("budget" >= -5) and ("budget" <= 9007199254740993)');
    expect(ddl).toContain('"hits" not in (13, -666, 9007199254740993)');
    expect(ddl).not.toMatch(/'-?\d+'/);
  });
});

describe.each(engineCases())('bigint defaults and checks on $engine', ({ engine, skip }) => {
  let db: TestDatabase<typeof schema>;

  beforeAll(async () => {
    if (skip) return;
    db = await openTestDatabase(engine, schema);
    await db.createTables();
  });
  afterAll(async () => {
    await db?.close();
  });

  test.skipIf(skip)('the defaults fill rows written by the repository and by raw SQL, exactly', async () => {
    const created = await db.repos.counter.create({ label: 'repo' });
    expect(created).toMatchObject({ hits: 1n, floor: MIN, ceiling: MAX, budget: null });
    await rawExecute(db, sql`insert into counter (label) values ('raw')`);
    const raw = await db.repos.counter.findOne({ label: 'raw' });
    expect(raw).toMatchObject({ hits: 1n, floor: MIN, ceiling: MAX });
    if (engine === 'sqlite') {
      // Stored as integers, not as text or a rounded real.
      const [types] = await rawRows(
        db,
        sql`select typeof(hits) as hits, typeof(floor) as floor, typeof(ceiling) as ceiling from counter where label = 'raw'`,
      );
      expect(types).toEqual({ hits: 'integer', floor: 'integer', ceiling: 'integer' });
    }
  });

  test.skipIf(skip)('the checks compare with the exact integers', async () => {
    await expect(db.repos.counter.create({ label: 'negative', hits: -1n })).rejects.toMatchObject({
      kind: 'check_violation',
      constraint: 'counter_hits_not_negative',
    });
    await expect(db.repos.counter.create({ label: 'edge', budget: BEYOND_DOUBLE })).resolves.toMatchObject({
      budget: BEYOND_DOUBLE,
    });
    await expect(db.repos.counter.create({ label: 'over', budget: BEYOND_DOUBLE + 1n })).rejects.toMatchObject({
      kind: 'check_violation',
      constraint: 'counter_budget_range',
    });
    await expect(db.repos.counter.create({ label: 'under', budget: -6n })).rejects.toMatchObject({
      kind: 'check_violation',
    });
  });

  test.skipIf(skip)('migrations give the same defaults and checks as createTables: no drift', async () => {
    const migrated = await openTestDatabase(engine, schema);
    try {
      const folder = new MemoryFolder(engine === 'sqlite' ? 'sqlite' : 'pg');
      await folder.add(
        'init',
        await generateMigration({ dialect: engine === 'sqlite' ? sqliteGeneration : pgGeneration, schema }),
      );
      await migrate(migrated, { migrations: await folder.set() });
      expect(compareDumps(await dumpSchema(db), await dumpSchema(migrated))).toEqual([]);
      const columns = (await dumpSchema(migrated)).tables.counter?.columns ?? {};
      expect(columns.hits).toMatch(/ default 1$/);
      // PostgreSQL's catalog prints constants beyond 32 bits with their type: '…'::bigint.
      expect(columns.ceiling).toMatch(/ default '?9223372036854775807('::bigint)?$/);
    } finally {
      await migrated.close();
    }
  });

  test.skipIf(skip)(
    'a database and snapshot from the quoted-default days show no drift and need no migration',
    async () => {
      const dialect = engine === 'sqlite' ? sqliteGeneration : pgGeneration;
      const current = await generateMigration({ dialect, schema });
      // What older Strata versions generated: quoted constants, in the DDL and in the snapshot
      // (the id column's default SQL is left as it is).
      const quote = (text: string) =>
        text
          .split('\n')
          .map((line) =>
            /uuid|printf/.test(line) ? line : line.replace(/(DEFAULT |[<>]=? |\(|, )(-?\d+)\b/g, "$1'$2'"),
          )
          .join('\n');
      const legacyUp = current.up.map(quote);
      expect(legacyUp.join('\n')).toContain("DEFAULT '1' NOT NULL");
      expect(legacyUp.join('\n')).toContain(`"hits" not in ('13', '-666', '9007199254740993')`);
      const legacySnapshot = structuredClone(current.snapshot);
      for (const table of Object.values(legacySnapshot.tables)) {
        for (const column of Object.values(table.columns) as { default?: unknown }[]) {
          if (typeof column.default === 'string' && /^-?\d+$/.test(column.default))
            column.default = `'${column.default}'`;
        }
        for (const constraint of Object.values(table.checkConstraints)) constraint.value = quote(constraint.value);
      }
      const checks = Object.values(legacySnapshot.tables).flatMap((t) => Object.values(t.checkConstraints));
      expect(checks.map((c) => c.value)).toContain(`"hits" >= '0'`);

      const legacy = await openTestDatabase(engine, schema);
      try {
        const folder = new MemoryFolder(engine === 'sqlite' ? 'sqlite' : 'pg');
        await folder.add('init', { up: legacyUp, down: current.down });
        await migrate(legacy, { migrations: await folder.set() });
        expect(compareDumps(await dumpSchema(db), await dumpSchema(legacy))).toEqual([]);
        const next = await generateMigration({ dialect, schema, previous: legacySnapshot });
        expect(next.up).toEqual([]);
        expect(next.down).toEqual([]);
        // The old default still fills rows with the same integer.
        expect(await legacy.repos.counter.create({ label: 'legacy' })).toMatchObject({
          hits: 1n,
          floor: MIN,
          ceiling: MAX,
        });
      } finally {
        await legacy.close();
      }
    },
  );
});
