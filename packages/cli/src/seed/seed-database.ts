import {
  type AnyTable,
  type DataScope,
  getTableInfo,
  type Repository,
  type SchemaModule,
  type TablesOf,
} from '@strata/core';
import { fakeRows, type ParentRows } from './fake-rows.js';
import { planSeedOrder, type SeedStep } from './seed-order.js';

/**
 * How many fake rows to insert, by the schema module's export names.
 *
 * @example
 * ```ts
 * const counts: SeedCounts<typeof schema> = { author: 10, book: 50 };
 * ```
 */
export type SeedCounts<S extends SchemaModule> = { readonly [K in keyof TablesOf<S> & string]?: number };

/**
 * Options of {@link seedFakeData}.
 *
 * @example
 * ```ts
 * const options: SeedFakeDataOptions<{ author: number }> = { counts: { author: 10 }, seed: 42 };
 * ```
 */
export interface SeedFakeDataOptions<C> {
  /** Rows per table, by export name: `{ author: 10, book: 50 }`. Parents of listed tables need a count too. */
  readonly counts: C;
  /** Same seed, same rows (ids and `defaultNow` columns aside: the database makes those). 1 by default. */
  readonly seed?: number;
  /** How often a nullable column is null, from 0 to 1; 0.1 by default. */
  readonly nullRate?: number;
}

/**
 * What {@link seedFakeData} inserted: rows per table, under the names the counts used.
 *
 * @example
 * ```ts
 * const inserted: SeedResult<{ author: number }> = await seedFakeData(db, { counts: { author: 10 } });
 * ```
 */
export type SeedResult<C> = { readonly [K in keyof C]: number };

/** Rejects count names that are not tables of the schema, at compile time. */
type OnlyTables<C, S extends SchemaModule> = C & Record<Exclude<keyof C, keyof TablesOf<S>>, never>;

/** The tables of a database by every export name, read from its repositories. */
function tablesOf(db: DataScope<SchemaModule>): Map<string, AnyTable> {
  const repositories = Object.entries(db.repos as Readonly<Record<string, Repository<AnyTable>>>);
  return new Map(repositories.map(([exportName, repository]) => [exportName, repository.table]));
}

async function insertStep(
  tx: DataScope<SchemaModule>,
  step: SeedStep,
  parents: Record<string, readonly Readonly<Record<string, unknown>>[]>,
  options: { readonly seed?: number; readonly nullRate?: number },
): Promise<number> {
  // The table comes from this database's own repositories; the schema type is erased by now.
  const repository = tx.repo(step.table as never) as unknown as Repository<AnyTable>;
  const name = getTableInfo(step.table).name;
  if (!step.selfReferencing) {
    const rows = fakeRows(step.table, step.count, { ...options, parents });
    parents[name] = await repository.createMany(rows);
    return rows.length;
  }
  // A self-reference needs existing rows: the first half goes in with it null (no rows of its own
  // table given), the second half references the first.
  const firstCount = Math.ceil(step.count / 2);
  const others: ParentRows = Object.fromEntries(Object.entries(parents).filter(([table]) => table !== name));
  const first = await repository.createMany(fakeRows(step.table, firstCount, { ...options, parents: others }));
  const second = await repository.createMany(
    fakeRows(step.table, step.count - firstCount, {
      ...options,
      startIndex: firstCount,
      parents: { ...others, [name]: first },
    }),
  );
  parents[name] = [...first, ...second];
  return first.length + second.length;
}

/**
 * Fills a database with deterministic fake rows (see {@link fakeRows}): tables in foreign-key
 * order (parents first), children referencing the parents' inserted keys, all through the
 * repositories inside one transaction, so a failure leaves nothing behind. Works on every engine.
 * A `SeedError` names the table when a count names no table, a required parent table has no
 * count, a column is a required self-reference or required foreign keys form a cycle.
 *
 * @example
 * ```ts
 * const inserted = await seedFakeData(db, { counts: { author: 10, book: 50 }, seed: 42 });
 * // { author: 10, book: 50 }
 * ```
 */
export async function seedFakeData<S extends SchemaModule, const C extends SeedCounts<S>>(
  db: DataScope<S>,
  options: SeedFakeDataOptions<OnlyTables<C, S>>,
): Promise<SeedResult<C>> {
  const scope = db as unknown as DataScope<SchemaModule>;
  const order = planSeedOrder(tablesOf(scope), options.counts as Readonly<Record<string, unknown>>);
  const rowOptions = { seed: options.seed, nullRate: options.nullRate };
  const inserted: Record<string, number> = {};
  await scope.transaction(async (tx) => {
    const parents: Record<string, readonly Readonly<Record<string, unknown>>[]> = {};
    for (const step of order) inserted[step.exportName] = await insertStep(tx, step, parents, rowOptions);
  });
  return inserted as SeedResult<C>;
}
