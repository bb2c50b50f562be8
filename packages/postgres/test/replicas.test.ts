// Read replicas against real streaming standbys of the test server (started by `node
// scripts/with-postgres.mjs` with pg_basebackup): reads outside transactions run on the standby
// (its pg_stat_activity shows them), lag is visible on the standby that delays replay while
// `db.primary` and transactions read their own writes, `health()` reports each replica with its
// lag, and a standby stopped and restarted under load costs no read and loses no write.
// Without the standbys (servers without pg_basebackup): named skips.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { DatabaseClosedError, defineTable, id, integer, isDatabaseError, text } from '@strata/core';
import { createDatabase } from '@strata/postgres';
import { health, type ReplicaNotice, type RetryNotice } from '@strata/sql';
import { createPostgresTestDatabase, engineSkip } from '@strata/testing';
import { eq } from 'drizzle-orm';
import postgres from 'postgres';
import { afterAll, describe, expect, test } from 'vitest';

const env = process.env;
const skip =
  engineSkip('postgres') ??
  (env.STRATA_TEST_STANDBY_URL && env.STRATA_TEST_DELAYED_STANDBY_URL && env.STRATA_TEST_STANDBY_CONTROL
    ? undefined
    : 'STRATA_TEST_STANDBY_URL is not set (npm test starts standbys when the server has pg_basebackup)');
const it = test.skipIf(skip !== undefined);
const delayMs = Number(env.STRATA_TEST_STANDBY_DELAY_MS ?? 1500);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const item = defineTable('replica_item', { id: id(), label: text().notNull(), n: integer().notNull() });
const schema = { item };

const cleanups: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

/** A server-level connection (the `postgres` database) to the primary or a standby. */
function admin(url: string) {
  const client = postgres(url, { max: 1, onnotice: () => {} });
  cleanups.push(() => client.end({ timeout: 5 }));
  return client;
}

/** The same database as `databaseUrl` (on the primary), on the standby at `standbyUrl`. */
function onStandby(standbyUrl: string, databaseUrl: string): string {
  const url = new URL(standbyUrl);
  url.pathname = new URL(databaseUrl).pathname;
  return url.toString();
}

/**
 * Waits until the standby has replayed (or only received) everything the primary has written so
 * far.
 */
async function caughtUp(standbyUrl: string, upTo: 'replay' | 'receive' = 'replay', timeoutMs = 20_000): Promise<void> {
  const [{ lsn } = { lsn: '' }] = await admin(
    env.STRATA_TEST_POSTGRES_URL as string,
  )`select pg_current_wal_insert_lsn()::text as lsn`;
  const standby = admin(standbyUrl);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const [{ done } = { done: false }] =
        upTo === 'replay'
          ? await standby`select pg_last_wal_replay_lsn() >= ${lsn}::pg_lsn as done`
          : await standby`select pg_last_wal_receive_lsn() >= ${lsn}::pg_lsn as done`;
      if (done) break;
    } catch {
      // restarting: not accepting connections yet
    }
    if (Date.now() > deadline) throw new Error(`the standby did not replay up to ${lsn} within ${timeoutMs} ms`);
    await sleep(50);
  }
  await standby.end({ timeout: 5 });
}

/** A new database on the primary with the test table, replicated to the standbys, and a Strata database on it. */
async function open(
  replicas: readonly string[],
  options: { onReplica?: (notice: ReplicaNotice) => void; onRetry?: (notice: RetryNotice) => void } = {},
) {
  const primary = await createPostgresTestDatabase();
  const setup = await createDatabase({ schema, url: primary.url });
  await setup.createTables();
  await setup.close();
  const urls = replicas.map((standby) => onStandby(standby, primary.url));
  const db = await createDatabase({ schema, url: primary.url, replicas: urls, ...options });
  cleanups.push(async () => {
    // postgres-js ends a pool that lived through a server restart only at the timeout.
    await db.close({ timeoutMs: 1000 });
    await primary.drop();
  });
  for (const standby of replicas) await caughtUp(standby);
  return { db, url: primary.url, replicaUrls: urls };
}

const controlStandby = (action: 'stop' | 'start') =>
  promisify(execFile)(env.STRATA_TEST_STANDBY_CONTROL as string, [action], { timeout: 60_000 });

describe('read replicas on real standbys', () => {
  it('a read outside a transaction runs on the standby: its pg_stat_activity shows the statement', async () => {
    const { db, url } = await open([env.STRATA_TEST_STANDBY_URL as string]);
    await db.repos.item.createMany([
      { label: 'a', n: 1 },
      { label: 'b', n: 2 },
    ]);
    await caughtUp(env.STRATA_TEST_STANDBY_URL as string);
    expect((await db.repos.item.findMany({ orderBy: { n: 'asc' } })).map((row) => row.label)).toEqual(['a', 'b']);
    const database = new URL(url).pathname.slice(1);
    const activity = async (serverUrl: string) =>
      (
        await admin(
          serverUrl,
        )`select query from pg_stat_activity where datname = ${database} and backend_type = 'client backend'`
      ).map((row) => String(row.query));
    const onStandby = await activity(env.STRATA_TEST_STANDBY_URL as string);
    // The pooled connection the read used stays open on the standby, its last statement shown.
    expect(onStandby.some((query) => /^select .* from "replica_item"/i.test(query))).toBe(true);
    expect(onStandby.some((query) => /^insert/i.test(query))).toBe(false);
    // The primary got the writes and no read of the table.
    const onPrimary = await activity(env.STRATA_TEST_POSTGRES_URL as string);
    expect(onPrimary.some((query) => /^select .* from "replica_item"/i.test(query))).toBe(false);
  });

  it('lag is visible on the delayed standby; db.primary, transactions and db.primary.drizzle read their own writes', async () => {
    const { db } = await open([env.STRATA_TEST_DELAYED_STANDBY_URL as string]);
    const written = performance.now();
    const row = await db.repos.item.create({ label: 'fresh', n: 1 });
    // Outside a transaction: the standby has not replayed the write yet.
    expect(await db.repos.item.findById(row.id)).toBeUndefined();
    expect(await db.drizzle.select().from(db.tables.item).where(eq(db.tables.item.id, row.id))).toEqual([]);
    // The primary, alone, has it.
    expect((await db.primary.repos.item.findById(row.id))?.label).toBe('fresh');
    expect(await db.transaction((tx) => tx.repos.item.findById(row.id))).toMatchObject({ label: 'fresh' });
    expect(await db.primary.drizzle.select().from(db.tables.item).where(eq(db.tables.item.id, row.id))).toHaveLength(1);
    expect(await db.primary.repos.item.count()).toBe(1);
    // health() sees the lag once the standby received the write and holds it back.
    await caughtUp(env.STRATA_TEST_DELAYED_STANDBY_URL as string, 'receive');
    const lagging = await health(db);
    expect(lagging.replicas?.[0]?.ok).toBe(true);
    expect(lagging.replicas?.[0]?.lagMs).toBeGreaterThan(0);
    // After the replay delay the standby has it too.
    while ((await db.repos.item.findById(row.id)) === undefined) {
      if (performance.now() - written > delayMs + 10_000) throw new Error('the write never reached the standby');
      await sleep(50);
    }
    expect(performance.now() - written).toBeGreaterThanOrEqual(delayMs - 250);
    await caughtUp(env.STRATA_TEST_DELAYED_STANDBY_URL as string);
    expect((await health(db)).replicas?.[0]?.lagMs).toBe(0);
  });

  it('health() reports each replica: latency, lag, and a replica that is down without failing the database', async () => {
    const unreachable = 'postgres://strata:secret-password@127.0.0.1:1/nowhere';
    const { db } = await open([env.STRATA_TEST_STANDBY_URL as string, env.STRATA_TEST_DELAYED_STANDBY_URL as string]);
    const withDown = await createDatabase({
      schema,
      url: env.STRATA_TEST_POSTGRES_URL as string,
      replicas: [unreachable],
    });
    cleanups.push(() => withDown.close());
    const report = await health(db);
    expect(report.ok).toBe(true);
    expect(report.replicas).toHaveLength(2);
    for (const replica of report.replicas ?? []) {
      expect(replica).toMatchObject({ ok: true, lagMs: 0, error: undefined });
      expect(replica.latencyMs).toBeGreaterThan(0);
      expect(replica.url).toContain(':***@');
    }
    const degraded = await health(withDown, { timeoutMs: 3000 });
    expect(degraded.ok).toBe(true); // the primary answers: reads go there meanwhile
    expect(degraded.replicas).toEqual([
      {
        url: 'postgres://strata:***@127.0.0.1:1/nowhere',
        ok: false,
        latencyMs: undefined,
        lagMs: undefined,
        error: expect.any(String),
      },
    ]);
    expect(JSON.stringify(degraded)).not.toContain('secret-password');
    // Without replicas the report has no replicas field, and db.primary is the database itself.
    const plain = await createDatabase({ schema, url: env.STRATA_TEST_POSTGRES_URL as string });
    cleanups.push(() => plain.close());
    expect('replicas' in (await health(plain))).toBe(false);
    expect(plain.primary).toBe(plain);
    expect(db.primary.primary).toBe(db.primary);
  });

  it('a standby stopped and restarted under load: reads fall back to the primary, every failure typed, no acknowledged write lost', async () => {
    const notices: ReplicaNotice[] = [];
    const retries: RetryNotice[] = [];
    const { db, replicaUrls } = await open([env.STRATA_TEST_STANDBY_URL as string], {
      onReplica: (notice) => notices.push(notice),
      onRetry: (notice) => retries.push(notice),
    });
    const acknowledged: string[] = [];
    const failures: unknown[] = [];
    let reads = 0;
    let running = true;
    const writer = async (worker: number) => {
      for (let n = 0; running; n++) {
        try {
          acknowledged.push((await db.repos.item.create({ label: `w${worker}`, n })).id);
        } catch (error) {
          failures.push(error);
        }
      }
    };
    const reader = async () => {
      while (running) {
        try {
          await db.repos.item.findMany({ orderBy: { n: 'desc' }, limit: 5 });
          await db.repos.item.count();
          reads += 2;
        } catch (error) {
          failures.push(error);
        }
      }
    };
    const load = [writer(1), writer(2), reader(), reader(), reader()];
    await sleep(300);
    const stopped = performance.now();
    await controlStandby('stop');
    await sleep(1000);
    await controlStandby('start');
    const restarted = performance.now();
    // Past the cool-down, reads go back to the standby.
    await sleep(3000);
    running = false;
    await Promise.all(load);

    expect(failures.filter((error) => !isDatabaseError(error))).toEqual([]);
    expect(failures).toEqual([]); // reads fell back, writes went to the primary all along
    expect(reads).toBeGreaterThan(50);
    expect(notices.map((notice) => notice.state)).toEqual(['down', 'up']);
    expect(notices[0]?.replica).toBe(replicaUrls[0]?.replace(/:[^:@/]+@/, ':***@'));
    expect(isDatabaseError(notices[0]?.error) && notices[0]?.error.kind).toBe('connection');
    expect(notices[1]?.downForMs).toBeGreaterThanOrEqual(restarted - stopped - 1000);
    expect(retries).toEqual([]);

    // Every acknowledged write is on the primary and, once replayed, on the standby.
    const ids = [...new Set(acknowledged)];
    expect(ids.length).toBeGreaterThan(20);
    expect(await db.primary.repos.item.count({ id: { in: ids } })).toBe(ids.length);
    await caughtUp(env.STRATA_TEST_STANDBY_URL as string);
    const standby = await createDatabase({ schema, url: replicaUrls[0] as string });
    cleanups.push(() => standby.close());
    expect(await standby.repos.item.count({ id: { in: ids } })).toBe(ids.length);
  }, 60_000);
});

const needsServer = test.skipIf(engineSkip('postgres') !== undefined);

describe('read replica fallback (no standby needed)', () => {
  const unreachable = 'postgres://strata:secret-password@127.0.0.1:1/nowhere';

  needsServer('a replica down from the start: reads run on the primary, one warning to the logger', async () => {
    const primary = await createPostgresTestDatabase();
    const warnings: { fields: object; message: string | undefined }[] = [];
    const logger = { debug: () => {}, warn: (fields: object, message?: string) => warnings.push({ fields, message }) };
    const db = await createDatabase({ schema, url: primary.url, replicas: [unreachable], log: { logger } });
    cleanups.push(async () => {
      await db.close();
      await primary.drop();
    });
    await db.createTables();
    await db.repos.item.create({ label: 'x', n: 1 });
    for (let i = 0; i < 20; i++) expect(await db.repos.item.count()).toBe(1);
    const replicaWarnings = warnings.filter((warning) => warning.message?.startsWith('read replica'));
    expect(replicaWarnings).toHaveLength(1);
    expect(replicaWarnings[0]?.fields).toMatchObject({
      engine: 'postgres',
      replica: 'postgres://strata:***@127.0.0.1:1/nowhere',
    });
    expect(JSON.stringify(warnings)).not.toContain('secret-password');
  });

  test('the primary down too: a read fails with a DatabaseError of kind connection', async () => {
    const notices: ReplicaNotice[] = [];
    const db = await createDatabase({
      schema,
      url: 'postgres://strata:secret-password@127.0.0.1:2/nowhere',
      replicas: [unreachable],
      onReplica: (notice) => notices.push(notice),
      connectTimeoutSeconds: 2,
    });
    cleanups.push(() => db.close());
    const error = await db.repos.item.count().catch((caught: unknown) => caught);
    expect(isDatabaseError(error) && error.kind).toBe('connection');
    expect(String(error)).not.toContain('secret-password');
    expect(notices.map((notice) => notice.state)).toEqual(['down']);
  });

  test('db.primary shares the connections: closing either closes both', async () => {
    const db = await createDatabase({ schema, url: unreachable, replicas: [unreachable] });
    expect(db.primary).not.toBe(db);
    await db.primary.close();
    expect(db.closed).toBe(true);
    await expect(db.repos.item.count()).rejects.toBeInstanceOf(DatabaseClosedError);
    expect(() => db.primary.drizzle).toThrow(DatabaseClosedError);
  });
});
