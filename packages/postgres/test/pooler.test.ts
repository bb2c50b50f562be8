// Strata behind a real PgBouncer 1.18 in transaction mode (started by `node scripts/with-postgres.mjs`
// in front of the test server), as Supabase's pooler, Neon's `-pooler` endpoints and a self-run
// PgBouncer lend a server connection per transaction. With `pooler: 'transaction'`: the whole
// conformance suite and migrations (two runners at once, rollback) with zero "prepared statement"
// errors in the server's log. Without it: the pooler is seen before any named statement is sent,
// with one warning and no server error.
// Without PgBouncer: named skips (an error in CI).
import {
  defineTable,
  id,
  integer,
  isStrataError,
  joinStatements,
  migrationChecksum,
  migrationFiles,
  migrationSetFromFiles,
  migrationTag,
  type SchemaModule,
  text,
} from '@strata/core';
import { createDatabase, type PostgresDatabase, type PostgresDatabaseOptions } from '@strata/postgres';
import { generateMigration, migrate, migrationStatus, rollback } from '@strata/sql';
import { pgGeneration } from '@strata/sql/postgres';
import {
  caught,
  createPostgresTestDatabase,
  poolerSkip,
  runConformanceSuite,
  serverLogMark,
  throughPgbouncer,
} from '@strata/testing';
import { sql } from 'drizzle-orm';
import { describe, expect, test } from 'vitest';

const skip = poolerSkip();
const it = test.skipIf(skip !== undefined);
const MISSING_STATEMENT = /prepared statement .* does not exist/;

/** Opens a fresh database on the test server through PgBouncer; closing it drops the database. */
async function openPooled<S extends SchemaModule>(
  schema: S,
  options: Omit<PostgresDatabaseOptions<S>, 'schema' | 'url'> = { pooler: 'transaction' },
): Promise<PostgresDatabase<S>> {
  const database = await createPostgresTestDatabase();
  // Fewer connections than the suite has queries in flight: Strata holds the rest back, since
  // PgBouncer 1.18 can leave a query pipelined behind another's unanswered.
  const db = await createDatabase({ schema, url: throughPgbouncer(database.url), maxConnections: 3, ...options });
  const close = db.close.bind(db);
  return Object.assign(db, {
    close: async (closeOptions?: { timeoutMs?: number }) => {
      await close(closeOptions);
      await database.drop();
    },
  });
}

// Marked before any test of this file runs; checked by the last test of the file.
const mark = skip ? undefined : serverLogMark();

runConformanceSuite({
  engines: [{ engine: 'postgres-pgbouncer', skip }],
  open: (_engine, schema) => openPooled(schema),
});

const v1 = {
  author: defineTable('author', { id: id(), name: text().notNull() }),
};
const v2 = {
  author: defineTable('author', { id: id(), name: text().notNull(), country: text() }),
  book: defineTable('book', { id: id(), title: text().notNull(), pages: integer() }),
};

/** Two migrations, as `strata generate` would have written them. */
async function migrationSet() {
  const files: Record<string, string> = {};
  const entries: object[] = [];
  const first = await generateMigration({ dialect: pgGeneration, schema: v1 });
  const second = await generateMigration({ dialect: pgGeneration, schema: v2, previous: first.snapshot });
  for (const [index, [name, migration]] of [
    ['init', first],
    ['books', second],
  ].entries() as IterableIterator<[number, [string, typeof first]]>) {
    const tag = migrationTag(index + 1, name);
    const names = migrationFiles(tag);
    files[names.up] = joinStatements(migration.up);
    files[names.down] = joinStatements(migration.down);
    const checksum = await migrationChecksum(files[names.up] ?? '', files[names.down] ?? '');
    entries.push({ index: index + 1, tag, checksum, custom: false, createdAt: new Date(0).toISOString() });
  }
  files['meta/_journal.json'] = JSON.stringify({ version: 1, dialect: 'pg', entries });
  return migrationSetFromFiles(files, 'migrations/app/pg');
}

describe('migrations behind PgBouncer (transaction pooling)', () => {
  if (skip) test.skip(`pgbouncer: ${skip}`, () => {});

  it('two runners at once apply each migration once; rollback undoes the newest', async () => {
    const set = await migrationSet();
    const database = await createPostgresTestDatabase();
    // Two pools on one database, as two app instances would open.
    const url = throughPgbouncer(database.url);
    const first = await createDatabase({ schema: v1, url, pooler: 'transaction' });
    try {
      const second = await createDatabase({ schema: v1, url, pooler: 'transaction' });
      try {
        const [a, b] = await Promise.all([migrate(first, { migrations: set }), migrate(second, { migrations: set })]);
        expect([...a.migrations, ...b.migrations].sort()).toEqual(set.migrations.map((m) => m.id));
        expect((await migrationStatus(second, { migrations: set })).pending).toBe(0);
        const [undoA, undoB] = await Promise.all([
          rollback(first, { migrations: set }),
          rollback(second, { migrations: set }),
        ]);
        expect([...undoA.migrations, ...undoB.migrations]).toEqual([set.migrations[1]?.id]);
        expect((await migrationStatus(first, { migrations: set })).pending).toBe(1);
      } finally {
        await second.close();
      }
    } finally {
      await first.close();
      await database.drop();
    }
  });
});

describe('the pooler option', () => {
  if (skip) test.skip(`pgbouncer: ${skip}`, () => {});
  const schema = { item: defineTable('item', { id: id(), label: text().notNull(), n: integer().notNull() }) };

  it("with pooler: 'transaction', the suite and migrations left no 'prepared statement' error in the server log", () => {
    expect(mark?.lines(MISSING_STATEMENT)).toEqual([]);
  });

  it('without it, a pooler is seen before any named statement: one warning, no server error', async () => {
    const warnings: string[] = [];
    const logger = { debug: () => {}, warn: (_fields: object, message?: string) => warnings.push(message ?? '') };
    const local = serverLogMark();
    const db = await openPooled(schema, { log: { logger } });
    try {
      await db.createTables();
      // 8 workers × 100 units: each a write, point reads, a count and a transaction.
      await Promise.all(
        Array.from({ length: 8 }, async (_, worker) => {
          for (let unit = 0; unit < 100; unit++) {
            const row = await db.repos.item.create({ label: `w${worker}`, n: unit });
            expect(await db.repos.item.findById(row.id)).toEqual(row);
            await db.repos.item.count({ label: `w${worker}` });
            await db.transaction((tx) => tx.repos.item.update(row.id, { n: unit + 1 }));
          }
        }),
      );
      expect(await db.repos.item.count()).toBe(800);
    } finally {
      await db.close();
    }
    // The logger also hears of slow statements (a loaded machine): only the pooler's warning counts.
    expect(warnings.filter((message) => /pooler/.test(message))).toHaveLength(1);
    expect(local.lines(MISSING_STATEMENT)).toEqual([]);
  });

  it('directly on the server, named statements stay on and nothing is logged', async () => {
    const warnings: string[] = [];
    const logger = { debug: () => {}, warn: (_fields: object, message?: string) => warnings.push(message ?? '') };
    const database = await createPostgresTestDatabase();
    const db = await createDatabase({ schema, url: database.url, log: { logger } });
    try {
      await db.createTables();
      await db.repos.item.create({ label: 'a', n: 1 });
      await db.transaction((tx) => tx.repos.item.count());
      expect(db.client.options.prepare).toBe(true);
      expect(warnings.filter((message) => /pooler/.test(message))).toEqual([]);
    } finally {
      await db.close();
      await database.drop();
    }
  });

  it('pgbouncer=true in the url sets it and never reaches the driver', async () => {
    const database = await createPostgresTestDatabase();
    const db = await createDatabase({ schema, url: `${throughPgbouncer(database.url)}?pgbouncer=true` });
    try {
      expect(db.client.options.prepare).toBe(false);
      await db.createTables();
      expect((await db.repos.item.create({ label: 'a', n: 1 })).label).toBe('a');
    } finally {
      await db.close();
      await database.drop();
    }
  });

  it('far more work in flight than connections completes: queries, transactions, Drizzle and the repository', async () => {
    const db = await openPooled(schema, { pooler: 'transaction', maxConnections: 2 });
    try {
      await db.createTables();
      const work: Promise<unknown>[] = [];
      for (let i = 0; i < 300; i++) {
        const kind = i % 5;
        // Parameterless statements (the driver pipelines these) mixed with parameterized ones
        // (sent as Parse/Describe/Flush), the pattern that PgBouncer 1.18 left unanswered.
        if (kind === 0) work.push(db.drizzle.execute(sql`select 1 as one`));
        else if (kind === 1) work.push(db.repos.item.create({ label: `l${i}`, n: i }));
        else if (kind === 2) work.push(db.repos.item.findMany({ where: { n: { gt: i } }, limit: 2 }));
        else if (kind === 3) work.push(db.drizzle.select().from(db.tables.item).where(sql`${db.tables.item.n} = ${i}`));
        else work.push(db.transaction(async (tx) => tx.repos.item.create({ label: `t${i}`, n: i })));
      }
      const results = await Promise.allSettled(work);
      expect(results.filter((result) => result.status === 'rejected')).toEqual([]);
      expect(await db.repos.item.count()).toBe(120);
    } finally {
      await db.close();
    }
  });

  test('a replica url with pgbouncer=true puts the whole database in pooler mode', async () => {
    // Connections open lazily: nothing is reached here.
    const db = await createDatabase({
      schema,
      url: 'postgres://app@localhost:5432/app',
      replicas: ['postgres://app@localhost:6543/app?pgbouncer=true'],
    });
    try {
      expect(db.client.options.prepare).toBe(false);
    } finally {
      await db.close();
    }
  });

  test('statementTimeoutMs and an unknown pgbouncer value are refused with what to do', async () => {
    const pooled = await caught(() =>
      createDatabase({
        schema,
        url: 'postgres://app@localhost:6543/app',
        pooler: 'transaction',
        statementTimeoutMs: 5,
      }),
    );
    expect(isStrataError(pooled) && pooled.code).toBe('CONFIG_INVALID');
    expect(String(pooled)).toMatch(/ALTER ROLE/);
    const value = await caught(() => createDatabase({ schema, url: 'postgres://app:pw@localhost/app?pgbouncer=yes' }));
    expect(isStrataError(value) && value.code).toBe('CONFIG_INVALID');
    expect(String(value)).not.toContain(':pw@');
  });
});
