// Query logging on every engine (statement, duration, row count, slow flag; values redacted by
// default), and on PostgreSQL: statement timeouts and read replicas.
import { boolean, defineTable, id, integer, isDatabaseError, text } from '@strata/core';
import { createDatabase as createPglite } from '@strata/pglite';
import { createDatabase as createPostgres } from '@strata/postgres';
import type { QueryEvent, QueryLogger } from '@strata/sql';
import { createDatabase as createSqlite } from '@strata/sqlite';
import { createPostgresTestDatabase, engineCases, pgliteSnapshot } from '@strata/testing';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, test } from 'vitest';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const secret = defineTable('ops_secret', {
  id: id(),
  owner: text().notNull(),
  token: text().notNull(),
  uses: integer().notNull().default(0),
  active: boolean().notNull().default(true),
});
const schema = { secret };
const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

async function open(engine: string, log: Parameters<typeof createSqlite>[0]['log']) {
  switch (engine) {
    case 'sqlite':
      return createSqlite({ schema, log });
    case 'pglite':
      return createPglite({ schema, loadDataDir: await pgliteSnapshot(), log });
    default: {
      const database = await createPostgresTestDatabase();
      cleanups.push(database.drop);
      return createPostgres({ schema, url: database.url, log });
    }
  }
}

function recorder() {
  const lines: { level: string; fields: Record<string, unknown>; message: string | undefined }[] = [];
  const logger: QueryLogger = {
    debug: (fields, message) => lines.push({ level: 'debug', fields: fields as Record<string, unknown>, message }),
    warn: (fields, message) => lines.push({ level: 'warn', fields: fields as Record<string, unknown>, message }),
  };
  return { lines, logger };
}

describe.each(engineCases())('query logging on $engine', ({ engine, skip }) => {
  test.skipIf(skip)('every statement is logged with its duration and row count, never its values', async () => {
    const { lines, logger } = recorder();
    const events: QueryEvent[] = [];
    const db = await open(engine, { logger, onQuery: (event) => events.push(event), slowQueryMs: 10_000 });
    await db.createTables();
    await db.repos.secret.create({ owner: 'ann@example.com', token: 'tok_live_7f3a9c' });
    await db.repos.secret.createMany([
      { owner: 'bob@example.com', token: 'tok_live_bbbbbb' },
      { owner: 'cy@example.com', token: 'tok_live_cccccc' },
    ]);
    const found = await db.repos.secret.findMany({ where: { owner: { contains: 'example' } } });
    await db.transaction(async (tx) => tx.repos.secret.updateMany({ owner: 'ann@example.com' }, { uses: 1 }));
    expect(found).toHaveLength(3);
    const reads = events.filter((event) => /^select/i.test(event.sql) && event.sql.includes('ops_secret'));
    expect(reads.some((event) => event.rowCount === 3)).toBe(true);
    expect(events.every((event) => event.durationMs >= 0 && event.slow === false)).toBe(true);
    expect(events.some((event) => /^update/i.test(event.sql))).toBe(true); // inside the transaction too
    const everything = JSON.stringify({ lines, events: events.map(({ error, ...rest }) => rest) });
    for (const value of ['ann@example.com', 'tok_live_7f3a9c', 'tok_live_bbbbbb', 'example']) {
      expect(everything).not.toContain(value);
    }
    expect(lines.some((line) => line.level === 'debug' && line.message === 'query')).toBe(true);
    await db.close();
  });

  test.skipIf(skip)('slow and failed statements are warnings; values only when asked for', async () => {
    const { lines, logger } = recorder();
    const db = await open(engine, { logger, slowQueryMs: 0, logParameters: true });
    await db.createTables();
    await db.repos.secret.create({ owner: 'dee@example.com', token: 't' });
    expect(lines.some((line) => line.level === 'warn' && line.message === 'slow query')).toBe(true);
    expect(JSON.stringify(lines)).toContain('dee@example.com');
    await expect(
      db.repos.secret.create({ id: (await db.repos.secret.findMany())[0]?.id, owner: 'x', token: 'y' }),
    ).rejects.toThrow();
    expect(lines.some((line) => line.level === 'warn' && line.message === 'query failed')).toBe(true);
    await db.close();
  });

  test.skipIf(skip)('inserts that leave constant defaults out bind only their values, as one plan', async () => {
    const events: QueryEvent[] = [];
    const db = await open(engine, { onQuery: (event) => events.push(event) });
    await db.createTables();
    await db.repos.secret.create({ owner: 'a', token: 'x' });
    await db.repos.secret.create({ owner: 'b', token: 'y' });
    // Only planned statements reach the log; a default bound as a parameter would not be one.
    const inserts = events.filter((event) => /^insert/i.test(event.sql));
    expect(inserts.map((event) => event.parameters)).toEqual([{ redacted: 3 }, { redacted: 3 }]);
    expect(inserts[1]?.sql).toBe(inserts[0]?.sql);
    expect(await db.repos.secret.findMany()).toMatchObject([
      { uses: 0, active: true },
      { uses: 0, active: true },
    ]);
    await db.close();
  });

  test.skipIf(skip)('a logger that throws does not break the query', async () => {
    const db = await open(engine, {
      logger: {
        debug: () => {
          throw new Error('log sink down');
        },
        warn: () => {
          throw new Error('log sink down');
        },
      },
    });
    await db.createTables();
    await expect(db.repos.secret.create({ owner: 'e', token: 'f' })).resolves.toMatchObject({ owner: 'e' });
    await db.close();
  });
});

const postgres = engineCases().find((c) => c.engine === 'postgres');

describe.skipIf(postgres?.skip)('PostgreSQL operations', () => {
  test('statementTimeoutMs cancels a statement that runs too long, as a timeout error', async () => {
    const database = await createPostgresTestDatabase();
    cleanups.push(database.drop);
    const db = await createPostgres({ schema, url: database.url, statementTimeoutMs: 100 });
    const error = await db.drizzle.execute(sql`select pg_sleep(2)`).then(
      () => undefined,
      (failure: unknown) => failure,
    );
    const { mapDatabaseError } = await import('@strata/sql');
    const mapped = mapDatabaseError(error);
    expect(isDatabaseError(mapped) && mapped.kind).toBe('timeout');
    await db.close();
  });

  test('a transaction that loses a serialization conflict runs again, and onRetry hears of it', async () => {
    const database = await createPostgresTestDatabase();
    cleanups.push(database.drop);
    const notices: { operation: string; attempt: number; kind: unknown }[] = [];
    const db = await createPostgres({
      schema,
      url: database.url,
      onRetry: (notice) =>
        notices.push({
          operation: notice.operation,
          attempt: notice.attempt,
          kind: isDatabaseError(notice.error) ? notice.error.kind : undefined,
        }),
    });
    await db.createTables();
    const row = await db.repos.secret.create({ owner: 'shared', token: 't' });
    // Both read the counter, wait for each other, then write it: SERIALIZABLE lets one commit.
    let arrived = 0;
    let release: () => void = () => {};
    const bothRead = new Promise<void>((resolve) => {
      release = resolve;
    });
    const increment = () =>
      db.transaction(async (tx) => {
        const current = await tx.repos.secret.findById(row.id);
        if (++arrived === 2) release();
        await Promise.race([bothRead, sleep(500)]);
        return tx.repos.secret.update(row.id, { uses: (current?.uses ?? 0) + 1 });
      });
    await Promise.all([increment(), increment()]);
    expect((await db.repos.secret.findById(row.id))?.uses).toBe(2); // no lost update
    expect(notices.length).toBeGreaterThan(0);
    expect(notices.every((notice) => notice.operation === 'transaction' && notice.kind === 'serialization')).toBe(true);
    await db.close();
  });

  test('read replicas: reads outside transactions go to the replica, writes and transactions to the primary', async () => {
    const primary = await createPostgresTestDatabase();
    const replica = await createPostgresTestDatabase();
    cleanups.push(primary.drop, replica.drop);
    // A stand-in replica: another database with the same table but its own rows, so the test can
    // tell where each read went (real replication lag is the server's business).
    const replicaDb = await createPostgres({ schema, url: replica.url });
    await replicaDb.createTables();
    await replicaDb.repos.secret.create({ owner: 'on-replica', token: 'r' });
    await replicaDb.close();
    const db = await createPostgres({ schema, url: primary.url, replicas: [replica.url] });
    await db.createTables();
    await db.repos.secret.create({ owner: 'on-primary', token: 'p' });
    expect((await db.repos.secret.findMany()).map((row) => row.owner)).toEqual(['on-replica']);
    const inTransaction = await db.transaction(async (tx) => {
      await tx.repos.secret.create({ owner: 'written-in-tx', token: 'w' });
      return (await tx.repos.secret.findMany({ orderBy: { owner: 'asc' } })).map((row) => row.owner);
    });
    expect(inTransaction).toEqual(['on-primary', 'written-in-tx']);
    expect((await db.drizzle.select().from(db.tables.secret)).map((row) => row.owner)).toEqual(['on-replica']);
    await db.close();
  });
});
