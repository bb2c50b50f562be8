import { type DataScope, QueryError } from '@strata/core';
import { expect, type test } from 'vitest';
import type { ConformanceSchema } from './schema.js';

/**
 * What the conformance suite needs of a database: the repositories and transactions every Strata
 * database offers, creating the schema's tables, and closing. Every `TestDatabase` is one.
 */
export interface ConformanceDatabase extends DataScope<ConformanceSchema> {
  createTables(): Promise<void>;
  close(): Promise<void>;
}

/** An engine to run the suite on and, when it cannot run here, the reason (a named skip). */
export interface ConformanceEngine {
  readonly engine: string;
  readonly skip: string | undefined;
  /**
   * Why the engine runs no interactive transactions, when it runs none (Neon's HTTP driver: one
   * statement per request). The tests that need one are skipped with this reason; the rest run.
   */
  readonly noTransactions?: string | undefined;
  /**
   * Why the engine reads integers back only as exactly as a JavaScript number, when it does (D1
   * answers every integer as a number): the suite's `bigint` values stay within ±(2^53 − 1) there.
   */
  readonly integers53?: string | undefined;
}

/** Opens an empty database for the conformance schema on `engine` (tables not yet created). */
export type OpenConformanceDatabase = (engine: string, schema: ConformanceSchema) => Promise<ConformanceDatabase>;

/** One step of the cross-engine workload and what it returned (normalized with {@link plain}). */
export interface TranscriptStep {
  readonly step: string;
  readonly result: unknown;
}

/** What every topic receives: the engine, the shared database and the registered test function. */
export interface ConformanceContext {
  readonly engine: string;
  readonly skip: string | undefined;
  /** `test`, skipped (with the reason reported once) when the engine cannot run. */
  readonly it: ReturnType<typeof test.skipIf>;
  /**
   * `test` for a test that needs an interactive transaction: like `it`, and also skipped (with
   * the reason reported once) on an engine without them.
   */
  readonly itWithTransaction: ReturnType<typeof test.skipIf>;
  /** The engine's database, open and with its tables created; only inside tests and hooks. */
  readonly db: () => ConformanceDatabase;
  /** Opens one more database on this engine (tables created), for tests that close theirs. */
  readonly openExtra: () => Promise<ConformanceDatabase>;
  /** Rows in each bulk insert: enough for several chunks under any engine's parameter limit. */
  readonly bulkRows: number;
  /** Whether `bigint` values read back exactly across 64 bits (false: within ±(2^53 − 1), see `integers53`). */
  readonly exactBigints: boolean;
  /** Where the cross-engine workload leaves each engine's transcript. */
  readonly transcripts: Map<string, TranscriptStep[]>;
}

/** A topic of the suite: registers its tests (inside a `describe`) for one engine. */
export type ConformanceTopic = (context: ConformanceContext) => void;

/**
 * A fixed, valid UUID (version 7 layout) whose order follows `n`: ids the tests can predict and
 * that compare the same on every engine.
 *
 * @example
 * ```ts
 * fixedId(10); // '00000000-0000-7000-8000-00000000000a'
 * ```
 */
export function fixedId(n: number): string {
  return `00000000-0000-7000-8000-${n.toString(16).padStart(12, '0')}`;
}

/** Resolves after `ms` milliseconds. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** UUID version 7: 48-bit millisecond time, version 7, RFC 4122 variant. */
export const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** The Unix time in milliseconds encoded in a UUID version 7. */
export function uuidV7Time(value: string): number {
  return Number.parseInt(value.replace(/-/g, '').slice(0, 12), 16);
}

/** Compares strings by Unicode code point (UTF-8 byte order), not by UTF-16 unit as `<` does. */
export function compareCodePoints(a: string, b: string): number {
  const left = [...a];
  const right = [...b];
  for (let i = 0; i < Math.min(left.length, right.length); i++) {
    const difference = (left[i]?.codePointAt(0) ?? 0) - (right[i]?.codePointAt(0) ?? 0);
    if (difference !== 0) return difference;
  }
  return left.length - right.length;
}

/**
 * Runs `work` and returns what it threw or rejected with (synchronously or not); fails the test
 * when it succeeded.
 *
 * @example
 * ```ts
 * expect(await caught(() => db.repos.post.create(bad))).toBeInstanceOf(QueryError);
 * ```
 */
export async function caught(work: () => unknown): Promise<unknown> {
  try {
    await work();
  } catch (error) {
    return error;
  }
  expect.unreachable('expected the call to fail, but it succeeded');
}

/**
 * Asserts that `work` is refused with a `QueryError` (code `INVALID_QUERY`) naming `table` and,
 * when given, `field` (`null`: no field).
 */
export async function expectQueryError(
  work: () => unknown,
  expected: { readonly table: string; readonly field?: string | null },
): Promise<QueryError> {
  const error = await caught(work);
  expect(error, String(error)).toBeInstanceOf(QueryError);
  const queryError = error as QueryError;
  expect(queryError.code).toBe('INVALID_QUERY');
  expect(queryError.table).toBe(expected.table);
  if (expected.field !== undefined) expect(queryError.field).toBe(expected.field ?? undefined);
  if (typeof expected.field === 'string') expect(queryError.message).toContain(`"${expected.field}"`);
  return queryError;
}

/**
 * A value as plain, comparable data: dates as ISO strings, bigints as `"123n"`, `undefined`
 * kept visible. Used to compare what different engines returned.
 */
export function plain(value: unknown): unknown {
  if (value === undefined) return '(undefined)';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'Date(invalid)' : `Date(${value.toISOString()})`;
  if (typeof value === 'bigint') return `${value}n`;
  if (Array.isArray(value)) return value.map(plain);
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, plain(inner)]));
  }
  return value;
}

/** Deletes every row of every conformance table (soft-deleted documents too). */
export async function clearTables(db: ConformanceDatabase): Promise<void> {
  const { repos } = db;
  await repos.item.deleteMany({});
  await repos.account.deleteMany({});
  await repos.bulkRow.deleteMany({});
  await repos.setting.deleteMany({});
  await repos.tag.deleteMany({});
  await repos.membership.deleteMany({});
  await repos.entry.deleteMany({});
  for (const row of await repos.doc.findMany({ withDeleted: true, select: ['id'] })) {
    await repos.doc.hardDelete(row.id);
  }
}
