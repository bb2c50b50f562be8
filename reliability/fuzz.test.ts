// Property-based tests of the repository's untyped entry points (the issue "Hostile input"):
// where filters, ordering, limit/offset, offset and keyset pagination, create and update payloads.
// Every generated case runs on every engine and must give the JavaScript reference's result or be
// refused with a QueryError (writes: also the constraint error the reference predicts); an engine
// syntax error, a TypeError or any other crash fails it, and so does any difference between engines.
//
// Runs: 10,000 cases per engine by default (split across the properties below); RELIABILITY_LONG=1
// multiplies them by 10 (or RELIABILITY_LONG=<n> by n). FUZZ_SEED replays a seed.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inputSchema, valueProblem } from '@strata/core';
import { engineCases, openTestDatabase, type TestDatabase, type TestEngineName } from '@strata/testing';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  anyValue,
  countArb,
  hostileString,
  orderByArb,
  own,
  payloadArb,
  topWhereArb,
  valueFor,
  WRITE_FIELDS,
  whereArb,
} from './fixtures/fuzz-arbitraries.js';
import { canon, describeOutcome, type Outcome, outcomeOf, show } from './fixtures/fuzz-harness.js';
import {
  compareRows,
  Invalid,
  isWhole,
  referenceFilter,
  referenceOrder,
  referenceSort,
  type Term,
} from './fixtures/fuzz-reference.js';
import {
  FIELD_KINDS,
  FIELDS,
  type Field,
  type FuzzRow,
  fuzzSchema,
  fuzzWrite,
  seedRows,
} from './fixtures/fuzz-schema.js';

const LONG = process.env.RELIABILITY_LONG;
const MULTIPLIER = LONG === undefined || LONG === '' || LONG === '0' ? 1 : LONG === '1' ? 10 : Number(LONG) || 1;
/** Cases of a property after the multiplier (a fractional RELIABILITY_LONG makes a quick smoke run). */
const runsOf = (runs: number) => Math.max(1, Math.round(runs * MULTIPLIER));
const SEED = process.env.FUZZ_SEED === undefined ? undefined : Number(process.env.FUZZ_SEED);

/** Cases per property (every case runs on every engine): 10,000 in all by default. */
const RUNS = {
  where: 5_000,
  jsonBody: 1_500,
  order: 1_300,
  paginate: 600,
  cursor: 800,
  write: 800,
} as const;

type Db = TestDatabase<typeof fuzzSchema>;
const engines = engineCases().filter((c) => c.skip === undefined);
const skipped = engineCases().filter((c) => c.skip !== undefined);
const dbs = new Map<TestEngineName, Db>();
const seeds = referenceSort(seedRows(), [{ field: 'id', direction: 'asc' }]);
const results: Record<string, { runs: number; queriesPerEngine: number; refused: number; ms: number }> = {};

/** Runs `call` on every engine at once. */
async function onEngines(call: (db: Db) => Promise<unknown>, map?: (value: unknown) => unknown) {
  return Promise.all(
    engines.map(async ({ engine }) => [engine, await outcomeOf(() => call(dbs.get(engine) as Db), map)] as const),
  );
}

/** Every engine's outcome must be `expected` (and so all engines agree). */
function check(input: unknown, expected: Outcome, actual: readonly (readonly [string, Outcome])[]): void {
  for (const [engine, outcome] of actual) {
    const same =
      outcome.kind === expected.kind &&
      (outcome.kind !== 'ok' || outcome.value === (expected as { value: string }).value) &&
      (outcome.kind !== 'database' || outcome.errorKind === (expected as { errorKind: string }).errorKind);
    if (!same) {
      throw new Error(
        `${engine}: input ${show(input)}\n  expected ${describeOutcome(expected)}\n  actual   ${describeOutcome(outcome)}\n  all: ${actual
          .map(([e, o]) => `${e}=${describeOutcome(o).slice(0, 120)}`)
          .join(' | ')}`,
      );
    }
  }
}

/** The reference outcome: `compute` returns the expected value, or throws Invalid for a refusal. */
function expectedOf(compute: () => unknown): Outcome {
  try {
    return { kind: 'ok', value: canon(compute()) };
  } catch (error) {
    if (error instanceof Invalid) return { kind: 'refused' };
    throw error;
  }
}

function record(name: string, runs: number, queriesPerCase: number, refused: number, started: number) {
  const previous = results[name];
  results[name] = {
    runs: (previous?.runs ?? 0) + runs,
    queriesPerEngine: (previous?.queriesPerEngine ?? 0) + runs * queriesPerCase,
    refused: (previous?.refused ?? 0) + refused,
    ms: (previous?.ms ?? 0) + Math.round(performance.now() - started),
  };
}

const params = (name: keyof typeof RUNS) => ({
  numRuns: runsOf(RUNS[name]),
  seed: SEED,
  // One engine query is the unit of work; shrinking a failure is cheap enough to keep.
  endOnFailure: false,
});

const ids = (rows: readonly FuzzRow[]) => rows.map((row) => row.id);
const rowIds = (value: unknown) => (value as { id: unknown }[]).map((row) => row.id);

describe.skipIf(engines.length === 0)(`fuzzing untyped input on ${engines.map((e) => e.engine).join(', ')}`, () => {
  beforeAll(async () => {
    await Promise.all(
      engines.map(async ({ engine }) => {
        const db = await openTestDatabase(engine, fuzzSchema);
        await db.createTables();
        await db.repos.fuzzRow.createMany(seedRows() as never);
        dbs.set(engine, db);
      }),
    );
  }, 300_000);

  afterAll(async () => {
    await Promise.all([...dbs.values()].map((db) => db.close()));
    const totalRuns = Object.values(results).reduce((sum, r) => sum + r.runs, 0);
    const file = join(dirname(fileURLToPath(import.meta.url)), 'results', 'fuzz.json');
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(
      file,
      `${JSON.stringify(
        {
          generatedAt: new Date().toISOString(),
          multiplier: MULTIPLIER,
          seed: SEED ?? null,
          engines: engines.map((e) => e.engine),
          skippedEngines: Object.fromEntries(skipped.map((e) => [e.engine, e.skip])),
          casesPerEngine: totalRuns,
          properties: results,
        },
        null,
        2,
      )}\n`,
    );
  });

  it('reads back the seeded rows exactly on every engine', async () => {
    const expected = canon(seeds);
    for (const [engine, outcome] of await onEngines((db) => db.repos.fuzzRow.findMany())) {
      expect({ engine, ...outcome }).toEqual({ engine, kind: 'ok', value: expected });
    }
  });

  it('where: the reference rows or a QueryError, the same on every engine', async () => {
    const started = performance.now();
    let refused = 0;
    await fc.assert(
      fc.asyncProperty(topWhereArb, async (where) => {
        const expected = expectedOf(() => ids(referenceFilter(seeds, where)));
        if (expected.kind === 'refused') refused++;
        check(
          where,
          expected,
          await onEngines((db) => db.repos.fuzzRow.findMany({ where, select: ['id'] } as never), rowIds),
        );
      }),
      params('where'),
    );
    record('where', runsOf(RUNS.where), 1, refused, started);
  }, 3_600_000);

  it('where from a JSON body (real own __proto__/constructor keys): the reference count or a QueryError', async () => {
    const started = performance.now();
    let refused = 0;
    const bodies = fc.oneof(
      whereArb.map((where) => {
        try {
          return JSON.stringify({ where });
        } catch {
          return '{"where":{"__proto__":{"isAdmin":true}}}';
        }
      }),
      fc.constantFrom(
        '{"where":{"__proto__":{"name":"x"}}}',
        '{"where":{"constructor":{"prototype":{"polluted":true}}}}',
        '{"where":{"name":{"__proto__":{"eq":"x"}}}}',
        '{"where":{"name":{"constructor":"x"}}}',
        '{"where":{"or":[{"__proto__":null},{"name":"x"}]}}',
        '{"where":{"n":{"gt":1e400}}}',
        '{"where":{"n":{"in":[1,[2],{"eq":3}]}}}',
      ),
    );
    await fc.assert(
      fc.asyncProperty(bodies, async (body) => {
        const { where } = JSON.parse(body) as { where: unknown };
        const expected = expectedOf(() => referenceFilter(seeds, where).length);
        if (expected.kind === 'refused') refused++;
        check(where, expected, await onEngines((db) => db.repos.fuzzRow.count(where as never)));
        // Nothing reached Object.prototype.
        expect(({} as Record<string, unknown>).polluted ?? ({} as Record<string, unknown>).isAdmin).toBeUndefined();
      }),
      params('jsonBody'),
    );
    record('jsonBody', runsOf(RUNS.jsonBody), 1, refused, started);
  }, 3_600_000);

  /** Options that are not an options object, used now and then instead of a real one. */
  const notOptions = fc.oneof(
    { weight: 30, arbitrary: fc.constant({ use: false as boolean, value: undefined as unknown }) },
    { weight: 1, arbitrary: anyValue.map((value) => ({ use: true, value })) },
  );

  it('orderBy, limit and offset: the reference rows in the reference order, or a QueryError', async () => {
    const started = performance.now();
    let refused = 0;
    const simpleWhere = fc.oneof({ weight: 3, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: whereArb });
    await fc.assert(
      fc.asyncProperty(
        simpleWhere,
        orderByArb,
        countArb,
        countArb,
        notOptions,
        async (where, orderBy, limit, offset, other) => {
          // Now and then the options themselves are not an object (null, a string, an array…).
          const input = other.use ? other.value : { where, orderBy, limit, offset };
          const expected = expectedOf(() => {
            if (other.use) {
              const value = other.value;
              if (value !== undefined && (typeof value !== 'object' || value === null || Array.isArray(value))) {
                throw new Invalid('options');
              }
              return referenceSort(seeds, referenceOrder(undefined));
            }
            if (limit !== undefined && !isWhole(limit, 0)) throw new Invalid('limit');
            if (offset !== undefined && !isWhole(offset, 0)) throw new Invalid('offset');
            const terms = referenceOrder(orderBy);
            const rows = referenceSort(referenceFilter(seeds, where), terms);
            const from = (offset as number | undefined) ?? 0;
            return rows.slice(from, limit === undefined ? undefined : from + (limit as number));
          });
          if (expected.kind === 'refused') refused++;
          check(input, expected, await onEngines((db) => db.repos.fuzzRow.findMany(input as never)));
        },
      ),
      params('order'),
    );
    record('order', runsOf(RUNS.order), 1, refused, started);
  }, 3_600_000);

  it('paginate: the reference page and totals, or a QueryError', async () => {
    const started = performance.now();
    let refused = 0;
    const pageArb = fc.oneof(
      { weight: 4, arbitrary: fc.integer({ min: 1, max: 12 }) },
      { weight: 1, arbitrary: countArb },
    );
    const sizeArb = fc.oneof(
      { weight: 4, arbitrary: fc.integer({ min: 1, max: 60 }) },
      { weight: 1, arbitrary: countArb },
    );
    const simpleWhere = fc.oneof({ weight: 2, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: whereArb });
    await fc.assert(
      fc.asyncProperty(
        simpleWhere,
        orderByArb,
        pageArb,
        sizeArb,
        notOptions,
        async (where, orderBy, page, pageSize, other) => {
          const input = other.use ? other.value : { where, orderBy, page, pageSize };
          const expected = expectedOf(() => {
            if (other.use) {
              const value = other.value;
              if (value !== undefined && (typeof value !== 'object' || value === null || Array.isArray(value))) {
                throw new Invalid('options');
              }
              where = undefined;
              orderBy = undefined;
            }
            const p = other.use ? 1 : (page ?? 1);
            const size = other.use ? 20 : (pageSize ?? 20);
            if (!isWhole(p, 1) || !isWhole(size, 1)) throw new Invalid('page');
            if (!isWhole((p - 1) * size, 0)) throw new Invalid('offset');
            const rows = referenceSort(referenceFilter(seeds, where), referenceOrder(orderBy));
            return {
              items: rows.slice((p - 1) * size, p * size),
              total: rows.length,
              page: p,
              pageSize: size,
              pageCount: Math.ceil(rows.length / size),
            };
          });
          if (expected.kind === 'refused') refused++;
          check(input, expected, await onEngines((db) => db.repos.fuzzRow.paginate(input as never)));
        },
      ),
      params('paginate'),
    );
    record('paginate', runsOf(RUNS.paginate), 2, refused, started);
  }, 3_600_000);

  it('findPage: keyset pages concatenate to the reference order; tampered cursors give rows after their values or a QueryError', async () => {
    const started = performance.now();
    let refused = 0;
    let queries = 0;
    const sortable: Field[] = ['seq', 'name', 'id'];
    const term = fc
      .uniqueArray(
        fc.tuple(
          fc.oneof(
            { weight: 6, arbitrary: fc.constantFrom(...sortable) },
            { weight: 1, arbitrary: fc.constantFrom(...FIELDS) },
          ),
          fc.constantFrom('asc', 'desc'),
        ),
        { minLength: 1, maxLength: 3, selector: ([k]) => k },
      )
      .map((entries) => entries.map((entry) => own([entry])));
    const orderArb = fc.oneof({ weight: 1, arbitrary: fc.constant(undefined) }, { weight: 4, arbitrary: term });
    const limitArb = fc.oneof(
      { weight: 6, arbitrary: fc.integer({ min: 1, max: 90 }) },
      { weight: 1, arbitrary: fc.constantFrom(0, undefined, -1, 1.5, Number.NaN, '10', null, Number.MAX_SAFE_INTEGER) },
    );
    /** What goes in `after` instead of the real cursor, when tampering. */
    const tamper = fc.oneof(
      { weight: 4, arbitrary: fc.constant(undefined) },
      { weight: 1, arbitrary: hostileString },
      { weight: 1, arbitrary: anyValue },
      {
        weight: 2,
        arbitrary: fc
          .array(fc.oneof(...sortable.map(valueFor), anyValue), { minLength: 1, maxLength: 4 })
          .map((values) => encodeJson(values.map(encodeCursorValue))),
      },
      { weight: 1, arbitrary: fc.constantFrom('', '====', 'e30', btoa('[1'), btoa('{}'), btoa('null'), btoa('[]')) },
    );
    const whereArbLite = fc.oneof({ weight: 3, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: whereArb });
    await fc.assert(
      fc.asyncProperty(
        whereArbLite,
        orderArb,
        limitArb,
        tamper,
        fc.integer({ min: 0, max: 3 }),
        async (where, orderBy, limit, forged, forgeAt) => {
          let reference: FuzzRow[] | undefined;
          let terms: Term[] = [];
          let invalid = false;
          try {
            if (!isWhole(limit, 0)) throw new Invalid('limit');
            terms = referenceOrder(orderBy);
            if (terms.some((t) => t.field !== 'id' && !['seq', 'name'].includes(t.field)))
              throw new Invalid('nullable');
            reference = referenceSort(referenceFilter(seeds, where), terms);
          } catch (error) {
            if (!(error instanceof Invalid)) throw error;
            invalid = true;
          }
          let after: unknown;
          let position = 0;
          for (let step = 0; step < 4; step++) {
            const forging = forged !== undefined && step === forgeAt;
            if (forging) after = forged;
            const input = { where, orderBy, limit, after };
            let expected: Outcome;
            let nextPosition = position;
            if (invalid || reference === undefined) {
              expected = { kind: 'refused' };
            } else {
              const rows = reference;
              const size = limit as number;
              expected = expectedOf(() => {
                let start = position;
                if (forging && after !== undefined) start = referenceAfter(rows, terms, after);
                const items = rows.slice(start, start + size);
                nextPosition = start + items.length;
                return ids(items);
              });
            }
            queries++;
            const actual = await onEngines(
              (db) => db.repos.fuzzRow.findPage(input as never),
              (page) => rowIds((page as { items: unknown[] }).items),
            );
            check(input, expected, actual);
            if (expected.kind !== 'ok') {
              refused++;
              break;
            }
            // The cursor is the same opaque text on every engine; it is null exactly on the last page.
            const pages = await Promise.all(
              engines.map(({ engine }) => (dbs.get(engine) as Db).repos.fuzzRow.findPage(input as never)),
            );
            queries++;
            const cursors = new Set(pages.map((p) => p.nextCursor));
            if (cursors.size !== 1) throw new Error(`cursors differ between engines for ${show(input)}`);
            const next = pages[0]?.nextCursor ?? null;
            const more = nextPosition < (reference as FuzzRow[]).length && (limit as number) > 0;
            if ((next !== null) !== more) throw new Error(`nextCursor ${next} but more=${more} for ${show(input)}`);
            if (next === null) break;
            after = next;
            position = nextPosition;
          }
        },
      ),
      params('cursor'),
    );
    record('cursor', runsOf(RUNS.cursor), queries / runsOf(RUNS.cursor), refused, started);
  }, 3_600_000);

  it('create and update payloads: the reference row, a QueryError, or the predicted constraint error', async () => {
    const started = performance.now();
    let refused = 0;
    const columns = fuzzWrite as unknown as Record<string, { config: Parameters<typeof valueProblem>[0] }>;
    const validate = (input: unknown, partial: boolean): Record<string, unknown> => {
      if (typeof input !== 'object' || input === null || Array.isArray(input)) throw new Invalid('payload');
      const values: Record<string, unknown> = {};
      for (const [field, value] of Object.entries(input)) {
        if (value === undefined) continue;
        if (!(WRITE_FIELDS as readonly string[]).includes(field)) throw new Invalid(`unknown ${field}`);
        const config = columns[field]?.config as Parameters<typeof valueProblem>[0];
        if (value === null) {
          if (config.notNull) throw new Invalid('null');
          values[field] = null;
          continue;
        }
        if (valueProblem(config, value) !== undefined) throw new Invalid(`bad ${field}`);
        // -0 reads back as 0 on every engine (SQLite stores an integral REAL as an integer).
        values[field] =
          (field === 'id' || field === 'ref') && typeof value === 'string'
            ? value.toLowerCase()
            : Object.is(value, -0)
              ? 0
              : value;
      }
      void partial;
      return values;
    };
    const empty = Object.fromEntries(WRITE_FIELDS.map((f) => [f, null]));
    await fc.assert(
      fc.asyncProperty(payloadArb, payloadArb, async (create, patch) => {
        // Start empty, even after a failed (or shrinking) case left its row behind.
        await Promise.all([...dbs.values()].map((db) => db.repos.fuzzWrite.deleteMany({})));
        // Create: the row as given (ids generated when missing), or a refusal, or not-null on `slug`.
        let expectedRow: Record<string, unknown> | undefined;
        let expected: Outcome;
        try {
          const values = validate(create, false);
          if (values.slug === undefined) {
            expected = { kind: 'database', errorKind: 'not_null_violation', message: '' };
          } else {
            expectedRow = { ...empty, ...values };
            expected = { kind: 'ok', value: '' };
          }
        } catch (error) {
          if (!(error instanceof Invalid)) throw error;
          expected = { kind: 'refused' };
          refused++;
        }
        // The schema-derived zod validator accepts exactly what create accepts without a constraint error.
        const zodCreate = inputSchema(fuzzWrite, 'create').safeParse(create).success;
        if (zodCreate !== (expectedRow !== undefined)) {
          throw new Error(`inputSchema(create) says ${zodCreate} for ${show(create)}, the reference ${expected.kind}`);
        }
        const created = await onEngines((db) => db.repos.fuzzWrite.create(create as never));
        if (expectedRow !== undefined) {
          // The generated id differs per engine: compare everything else.
          const rows = created.map(([engine, outcome]) => [engine, outcome] as const);
          for (const [engine, outcome] of rows) {
            if (outcome.kind !== 'ok') check(create, expected, [[engine, outcome]]);
          }
          const returned = new Map(rows);
          const byEngine = await Promise.all(
            engines.map(async ({ engine }) => {
              const db = dbs.get(engine) as Db;
              const [row] = await db.repos.fuzzWrite.findMany();
              return [engine, db, row as Record<string, unknown>] as const;
            }),
          );
          for (const [engine, , row] of byEngine) {
            const want = { ...expectedRow, id: expectedRow.id ?? row.id };
            check(create, { kind: 'ok', value: canon(want) }, [[engine, { kind: 'ok', value: canon(row) }]]);
            // What create returned is what was stored.
            check(create, { kind: 'ok', value: canon(row) }, [[engine, returned.get(engine) as Outcome]]);
          }
          // Update the created row with the second payload.
          let expectedPatch: Outcome;
          let patched: Record<string, unknown> | undefined;
          try {
            const values = validate(patch, true);
            patched = { ...expectedRow, ...values };
            expectedPatch = { kind: 'ok', value: '' };
          } catch (error) {
            if (!(error instanceof Invalid)) throw error;
            expectedPatch = { kind: 'refused' };
          }
          const zodUpdate = inputSchema(fuzzWrite, 'update').safeParse(patch).success;
          if (zodUpdate !== (patched !== undefined)) {
            throw new Error(
              `inputSchema(update) says ${zodUpdate} for ${show(patch)}, the reference ${expectedPatch.kind}`,
            );
          }
          for (const [engine, db, row] of byEngine) {
            const outcome = await outcomeOf(() => db.repos.fuzzWrite.update(row.id as string, patch as never));
            if (patched === undefined) {
              check({ patch }, expectedPatch, [[engine, outcome]]);
            } else {
              const want = { ...patched, id: patched.id ?? row.id };
              check({ create, patch }, { kind: 'ok', value: canon(want) }, [[engine, outcome]]);
            }
          }
        } else {
          check(create, expected, created);
        }
      }),
      params('write'),
    );
    record('write', runsOf(RUNS.write), 5, refused, started);
  }, 3_600_000);
});

/** A cursor value as Strata encodes it (Dates and bigints tagged). */
function encodeCursorValue(value: unknown): unknown {
  if (value instanceof Date) return { d: value.getTime() };
  if (typeof value === 'bigint') return { b: value.toString() };
  return value;
}

function encodeJson(values: unknown): string {
  let text: string;
  try {
    text = JSON.stringify(values);
  } catch {
    text = '[]';
  }
  let binary = '';
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/**
 * Where a forged cursor puts the page start: the index of the first reference row strictly after
 * its values in the order. Throws Invalid when Strata must refuse it (not a string, not base64url
 * JSON, wrong length, a value the column cannot hold).
 */
function referenceAfter(rows: readonly FuzzRow[], terms: readonly Term[], cursor: unknown): number {
  if (typeof cursor !== 'string') throw new Invalid('cursor type');
  let values: unknown;
  try {
    const binary = atob(cursor.replace(/-/g, '+').replace(/_/g, '/'));
    values = JSON.parse(
      new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(binary, (c) => c.charCodeAt(0))),
    );
  } catch {
    throw new Invalid('cursor text');
  }
  if (!Array.isArray(values) || values.length !== terms.length) throw new Invalid('cursor length');
  const decoded: Record<string, unknown> = {};
  terms.forEach((term, i) => {
    let value = values[i];
    if (typeof value === 'object' && value !== null) {
      if ('d' in value && typeof value.d === 'number') value = new Date(value.d);
      else if ('b' in value && typeof value.b === 'string' && /^-?\d+$/.test(value.b)) value = BigInt(value.b);
    }
    const column = (fuzzSchema.fuzzRow as unknown as Record<string, { config: Parameters<typeof valueProblem>[0] }>)[
      term.field
    ];
    if (valueProblem(column?.config as Parameters<typeof valueProblem>[0], value) !== undefined)
      throw new Invalid('cursor value');
    decoded[term.field] = FIELD_KINDS[term.field] === 'uuid' ? (value as string).toLowerCase() : value;
  });
  const index = rows.findIndex((row) => compareRows(terms, row, decoded as FuzzRow) > 0);
  return index === -1 ? rows.length : index;
}
