import { afterAll, beforeAll, beforeEach, describe, test } from 'vitest';
import { ALL_ENGINES, engineCases, type TestEngineName } from '../engines.js';
import { openTestDatabase } from '../open.js';
import { defineBulkTests } from './bulk.js';
import { defineCrossEngineComparison, defineCrossEngineWorkload } from './cross-engine.js';
import {
  type ConformanceContext,
  type ConformanceDatabase,
  type ConformanceEngine,
  type ConformanceTopic,
  clearTables,
  type OpenConformanceDatabase,
  type TranscriptStep,
} from './harness.js';
import { defineOrderingTests } from './ordering.js';
import { definePaginationTests } from './pagination.js';
import { defineReadTests } from './reads.js';
import { conformanceSchema } from './schema.js';
import { defineSoftDeleteTests } from './soft-delete.js';
import { defineTransactionTests } from './transactions.js';
import { defineValidationTests } from './validation.js';
import { defineValueTests } from './values.js';
import { defineWhereTests } from './where-operators.js';
import { defineWriteTests } from './writes.js';

/** The topics of the suite, in the order they run. */
export const CONFORMANCE_TOPICS = {
  reads: ['reads', defineReadTests],
  values: ['column values', defineValueTests],
  ordering: ['ordering', defineOrderingTests],
  where: ['where operators', defineWhereTests],
  writes: ['writes', defineWriteTests],
  bulk: ['bulk inserts', defineBulkTests],
  softDelete: ['soft delete', defineSoftDeleteTests],
  transactions: ['transactions', defineTransactionTests],
  pagination: ['pagination', definePaginationTests],
  validation: ['validation', defineValidationTests],
  crossEngine: ['cross-engine workload', defineCrossEngineWorkload],
} as const satisfies Record<string, readonly [string, ConformanceTopic]>;

/** The name of one topic of the suite. */
export type ConformanceTopicName = keyof typeof CONFORMANCE_TOPICS;

/** Topics made of transactions throughout: skipped whole on an engine without them. */
const TRANSACTIONAL_TOPICS: ReadonlySet<ConformanceTopicName> = new Set(['transactions', 'crossEngine']);

/** Options of {@link runConformanceSuite}. */
export interface ConformanceOptions {
  /**
   * The engines to run on, each with its skip reason; by default {@link engineCases} (PGlite,
   * SQLite and a PostgreSQL server, narrowed by `ENGINES`).
   */
  readonly engines?: readonly ConformanceEngine[];
  /** Opens an empty database for an engine; by default {@link openTestDatabase}. */
  readonly open?: OpenConformanceDatabase;
  /** Runs only these topics (all by default). The cross-engine comparison needs `crossEngine`. */
  readonly topics?: readonly ConformanceTopicName[];
  /** Rows per bulk insert (default 20,000: several chunks under every engine's parameter limit). */
  readonly bulkRows?: number;
}

const defaultOpen: OpenConformanceDatabase = (engine, schema) => {
  if (!(ALL_ENGINES as readonly string[]).includes(engine)) {
    throw new Error(`openTestDatabase cannot open "${engine}": pass your own open() to runConformanceSuite`);
  }
  return openTestDatabase(engine as TestEngineName, schema);
};

/**
 * Registers Strata's conformance suite: every repository method, filter operator, column kind,
 * ordering and pagination rule, soft delete, transaction and validation rule, checked on each
 * engine against the behaviour the repository promises, and a scripted workload whose results
 * must be identical across engines. Call it at the top level of a test file.
 *
 * An adapter author runs it on their own engine by passing `engines` and `open`; the database
 * only needs `repos`, `repo`, `transaction`, `createTables` and `close`. An engine without
 * interactive transactions (Neon's HTTP driver) sets `noTransactions` to the reason: the tests that
 * need one are skipped under that name, and everything else runs.
 *
 * @example
 * ```ts
 * // my-engine.conformance.test.ts
 * import { runConformanceSuite } from '@strata/testing';
 * import { createDatabase } from 'my-strata-engine';
 *
 * runConformanceSuite({
 *   engines: [{ engine: 'my-engine', skip: undefined }],
 *   open: (_engine, schema) => createDatabase({ schema }),
 * });
 * ```
 */
export function runConformanceSuite(options: ConformanceOptions = {}): void {
  const engines: readonly ConformanceEngine[] = options.engines ?? engineCases();
  const open = options.open ?? defaultOpen;
  const bulkRows = options.bulkRows ?? 20_000;
  const selected = new Set<ConformanceTopicName>(
    options.topics ?? (Object.keys(CONFORMANCE_TOPICS) as ConformanceTopicName[]),
  );
  const transcripts = new Map<string, TranscriptStep[]>();

  describe.each(engines.map((engineCase) => ({ ...engineCase })))('conformance on $engine', (engineCase) => {
    const { engine, skip, noTransactions, integers53 } = engineCase;
    let database: ConformanceDatabase | undefined;
    const openReady = async () => {
      const db = await open(engine, conformanceSchema);
      await db.createTables();
      return db;
    };
    const context: ConformanceContext = {
      engine,
      skip,
      it: test.skipIf(skip !== undefined),
      itWithTransaction: test.skipIf(skip !== undefined || noTransactions !== undefined),
      db: () => {
        if (!database) throw new Error(`the ${engine} database is not open`);
        return database;
      },
      openExtra: openReady,
      bulkRows,
      exactBigints: integers53 === undefined,
      transcripts,
    };

    beforeAll(async () => {
      if (skip === undefined) database = await openReady();
    }, 120_000);
    afterAll(async () => {
      await database?.close();
    }, 120_000);
    // Every test starts from empty tables (a topic seeds its rows in its own beforeEach).
    beforeEach(async () => {
      if (database) await clearTables(database);
    }, 60_000);

    if (skip !== undefined) test.skip(`${engine}: ${skip}`, () => {});
    else if (noTransactions !== undefined)
      test.skip(`${engine}, tests that need a transaction: ${noTransactions}`, () => {});
    for (const [name, [title, define]] of Object.entries(CONFORMANCE_TOPICS)) {
      if (!selected.has(name as ConformanceTopicName)) continue;
      if (noTransactions !== undefined && TRANSACTIONAL_TOPICS.has(name as ConformanceTopicName)) {
        describe(title, () => test.skip(`${engine}: ${noTransactions}`, () => {}));
      } else {
        describe(title, () => define(context));
      }
    }
  });

  // An engine without transactions never runs the workload: there is nothing of it to compare.
  const comparable = engines.filter((engine) => engine.noTransactions === undefined);
  if (selected.has('crossEngine')) defineCrossEngineComparison(comparable, transcripts);
}

export {
  type ConformanceContext,
  type ConformanceDatabase,
  type ConformanceEngine,
  type ConformanceTopic,
  caught,
  compareCodePoints,
  fixedId,
  type OpenConformanceDatabase,
  plain,
  type TranscriptStep,
} from './harness.js';
export { type ConformanceSchema, conformanceSchema, type JsonValue } from './schema.js';
