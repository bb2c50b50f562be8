// A bounded load test on every engine: concurrent workers mixing reads, writes, money transfers
// in transactions and optimistic increments, for a fixed time. Throughput and p50/p99 latency go
// to reliability/results/load.json; invariants are checked at the end: the total balance never
// changes, no id is written twice, no increment is lost. SQLite and PGlite are single-connection
// engines: the same invariants prove their callers were serialized correctly.
import { mkdirSync, writeFileSync } from 'node:fs';
import { defineTable, id, integer, isDatabaseError, text } from '@strata/core';
import { engineCases, openTestDatabase } from '@strata/testing';
import { afterAll, describe, expect, test } from 'vitest';

const account = defineTable('load_account', { id: id(), owner: text().notNull(), balance: integer().notNull() });
const ledger = defineTable('load_ledger', { id: id(), worker: integer().notNull(), note: text().notNull() });
const counter = defineTable('load_counter', { id: id(), n: integer().notNull(), version: integer().notNull() });
const schema = { account, ledger, counter };

const LONG = process.env.RELIABILITY_LONG === '1';
const DURATION_MS = LONG ? 30_000 : 3_000;
const WORKERS = 8;
const ACCOUNTS = 20;
const START_BALANCE = 1_000;
const results: Record<string, unknown> = {};

afterAll(() => {
  mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
  writeFileSync(new URL('./results/load.json', import.meta.url), `${JSON.stringify(results, null, 2)}\n`);
});

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
}

/** Conflicts a caller retries: Strata already retried the transaction a few times. */
const retryable = (error: unknown) =>
  isDatabaseError(error) && (error.kind === 'serialization' || error.kind === 'deadlock' || error.kind === 'busy');

describe.each(engineCases())('load on $engine', ({ engine, skip }) => {
  test.skipIf(skip)(
    `${WORKERS} workers for ${DURATION_MS / 1000} s: throughput, latency, and every invariant holds`,
    async () => {
      const db = await openTestDatabase(engine, schema);
      await db.createTables();
      const accounts = await db.repos.account.createMany(
        Array.from({ length: ACCOUNTS }, (_, i) => ({ owner: `owner-${i}`, balance: START_BALANCE })),
      );
      const ids = accounts.map((row) => row.id);
      const shared = await db.repos.counter.create({ n: 0, version: 0 });
      const latencies: number[] = [];
      const counts = { transfers: 0, reads: 0, writes: 0, increments: 0, conflicts: 0 };
      const deadline = performance.now() + DURATION_MS;
      const pick = () => ids[Math.floor(Math.random() * ids.length)] as string;

      const transfer = async () => {
        const from = pick();
        let to = pick();
        while (to === from) to = pick();
        const amount = 1 + Math.floor(Math.random() * 50);
        await db.transaction(async (tx) => {
          const source = await tx.repos.account.findById(from);
          const target = await tx.repos.account.findById(to);
          if (!source || !target || source.balance < amount) return;
          await tx.repos.account.update(from, { balance: source.balance - amount });
          await tx.repos.account.update(to, { balance: target.balance + amount });
        });
        counts.transfers++;
      };
      const increment = async () => {
        // Optimistic: only the caller that still sees the version it read wins.
        for (;;) {
          const current = await db.repos.counter.findById(shared.id);
          if (!current) throw new Error('counter vanished');
          const changed = await db.repos.counter.updateMany(
            { id: shared.id, version: current.version },
            { n: current.n + 1, version: current.version + 1 },
          );
          if (changed === 1) break;
          counts.conflicts++;
        }
        counts.increments++;
      };
      const worker = async (index: number) => {
        while (performance.now() < deadline) {
          const roll = Math.random();
          const started = performance.now();
          try {
            if (roll < 0.35) await transfer();
            else if (roll < 0.65) {
              await db.repos.account.findMany({
                where: { balance: { gte: 500 } },
                orderBy: { balance: 'desc' },
                limit: 5,
              });
              counts.reads++;
            } else if (roll < 0.85) {
              await db.repos.ledger.create({ worker: index, note: `op ${counts.writes}` });
              counts.writes++;
            } else await increment();
          } catch (error) {
            if (!retryable(error)) throw error;
            counts.conflicts++;
          }
          latencies.push(performance.now() - started);
        }
      };
      const started = performance.now();
      await Promise.all(Array.from({ length: WORKERS }, (_, index) => worker(index)));
      const seconds = (performance.now() - started) / 1000;

      const balances = await db.repos.account.findMany();
      expect(balances.reduce((sum, row) => sum + row.balance, 0)).toBe(ACCOUNTS * START_BALANCE);
      expect(balances.every((row) => row.balance >= 0)).toBe(true);
      const entries = await db.repos.ledger.findMany();
      expect(entries).toHaveLength(counts.writes);
      expect(new Set(entries.map((row) => row.id)).size).toBe(entries.length);
      expect((await db.repos.counter.findById(shared.id))?.n).toBe(counts.increments);

      latencies.sort((a, b) => a - b);
      const report = {
        workers: WORKERS,
        seconds: Math.round(seconds * 10) / 10,
        operations: latencies.length,
        opsPerSecond: Math.round(latencies.length / seconds),
        p50Ms: Math.round(percentile(latencies, 50) * 100) / 100,
        p99Ms: Math.round(percentile(latencies, 99) * 100) / 100,
        ...counts,
      };
      results[engine] = report;
      console.log(`load ${engine}: ${JSON.stringify(report)}`);
      await db.close();
    },
    120_000,
  );
});
