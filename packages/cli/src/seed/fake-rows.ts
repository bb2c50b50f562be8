import { base, en, Faker } from '@faker-js/faker';
import type { AnyTable, NewRow } from '@strata/core';
import { fakeValue, uniqueValue } from './column-values.js';
import { createRandomizer, hashString } from './randomizer.js';
import { SeedError } from './seed-error.js';
import { type CombinationGroup, type DomainColumn, planTable, type TablePlan } from './table-plan.js';

/**
 * Rows that foreign keys may point at, by the SQL name of their table: rows as the repository
 * returned them, or any objects holding the referenced column (`[{ id }]`).
 *
 * @example
 * ```ts
 * const parents: ParentRows = { author: await db.repos.author.findMany({ select: ['id'] }) };
 * ```
 */
export type ParentRows = Readonly<Record<string, readonly Readonly<Record<string, unknown>>[]>>;

/**
 * Options of {@link fakeRows}.
 *
 * @example
 * ```ts
 * const options: FakeRowsOptions = { seed: 42, parents: { author: authors }, nullRate: 0 };
 * ```
 */
export interface FakeRowsOptions {
  /** Same seed, same rows. Any safe integer; 1 by default. */
  readonly seed?: number;
  /**
   * Index of the first row. A row depends only on the seed, the table, its index and the parents,
   * so `fakeRows(t, 5)` equals `fakeRows(t, 2)` followed by `fakeRows(t, 3, { startIndex: 2 })`.
   */
  readonly startIndex?: number;
  /**
   * Rows of referenced tables, by SQL table name. A required foreign key needs them; a nullable one
   * without them is null. A nullable self-reference picks from `parents[<own table>]` when given.
   */
  readonly parents?: ParentRows;
  /** How often a nullable column is null, from 0 to 1; 0.1 by default. */
  readonly nullRate?: number;
}

/**
 * Options of {@link fakeRow}.
 *
 * @example
 * ```ts
 * const options: FakeRowOptions = { seed: 42, index: 3 };
 * ```
 */
export interface FakeRowOptions extends Omit<FakeRowsOptions, 'startIndex'> {
  /** The row's index: unique columns build it into their values. 0 by default. */
  readonly index?: number;
}

const TWO_TO_THE_32 = 4_294_967_296;

function assertWholeNumber(value: number, what: string, table: string): void {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new SeedError(`${what} must be a whole number of at least 0, got ${value}`, { table });
  }
}

/** Makes the rows of one table; each value is drawn from its own stream, seeded by its coordinates. */
class RowFactory {
  readonly #plan: TablePlan;
  readonly #faker = new Faker({ locale: [en, base], randomizer: createRandomizer() });
  readonly #seedParts: readonly number[];
  readonly #columnHashes: ReadonlyMap<string, number>;
  readonly #parents: ParentRows;
  readonly #nullRate: number;
  /** Domain values by column key, computed once per call. */
  readonly #domains = new Map<string, readonly unknown[]>();

  constructor(table: AnyTable, options: FakeRowsOptions) {
    this.#plan = planTable(table);
    const seed = options.seed ?? 1;
    if (!Number.isSafeInteger(seed)) {
      throw new SeedError(`seed must be a safe integer, got ${seed}`, { table: this.#plan.name });
    }
    const nullRate = options.nullRate ?? 0.1;
    if (!(nullRate >= 0 && nullRate <= 1)) {
      throw new SeedError(`nullRate must be between 0 and 1, got ${nullRate}`, { table: this.#plan.name });
    }
    this.#nullRate = nullRate;
    this.#parents = options.parents ?? {};
    this.#seedParts = [seed % TWO_TO_THE_32, Math.floor(seed / TWO_TO_THE_32), hashString(this.#plan.name)];
    this.#columnHashes = new Map(this.#plan.columns.map((c) => [c.key, hashString(c.key)]));
  }

  get table(): string {
    return this.#plan.name;
  }

  row(index: number): Record<string, unknown> {
    const row: Record<string, unknown> = {};
    for (const column of this.#plan.columns) {
      if (column.key in row) continue; // filled with its combination group
      const nullable = !column.column.config.notNull;
      switch (column.strategy) {
        case 'value': {
          const faker = this.#reseed(index, column.key);
          row[column.key] =
            nullable && this.#drawNull(faker)
              ? null
              : column.unique
                ? uniqueValue(faker, column.column, column.key, index)
                : fakeValue(faker, column.column, column.key);
          break;
        }
        case 'reference': {
          const faker = this.#reseed(index, column.key);
          const pool = this.#domain({ key: column.key, column: column.column, target: column.target });
          if (nullable && (pool.length === 0 || this.#drawNull(faker))) row[column.key] = null;
          else row[column.key] = faker.helpers.arrayElement(this.#required(pool, column));
          break;
        }
        case 'combination':
          Object.assign(row, this.#combination(column.group, index));
          break;
      }
    }
    return row;
  }

  #reseed(index: number, key: string): Faker {
    this.#faker.seed([...this.#seedParts, index, this.#columnHashes.get(key) ?? 0]);
    return this.#faker;
  }

  #drawNull(faker: Faker): boolean {
    return this.#nullRate > 0 && faker.number.float({ min: 0, max: 1 }) < this.#nullRate;
  }

  /** The values a domain column can take; parent keys come from `options.parents`. */
  #domain(domain: DomainColumn): readonly unknown[] {
    const cached = this.#domains.get(domain.key);
    if (cached) return cached;
    let values: readonly unknown[];
    if (domain.target) {
      const { table, key } = domain.target;
      const rows = this.#parents[table] ?? [];
      values = rows.map((row) => {
        const value = row[key];
        if (value === undefined || value === null) {
          throw new SeedError(`a parent row given for "${table}" has no "${key}" to reference`, {
            table: this.#plan.name,
            column: domain.key,
          });
        }
        return value;
      });
    } else if (domain.column.config.kind === 'boolean') {
      values = [false, true];
    } else {
      values = domain.column.config.enumValues ?? [];
    }
    this.#domains.set(domain.key, values);
    return values;
  }

  #required(pool: readonly unknown[], column: { readonly key: string; readonly target?: DomainColumn['target'] }) {
    if (pool.length > 0) return pool;
    const target = column.target;
    throw new SeedError(
      target
        ? `references "${target.table}.${target.key}" and cannot be null, but no "${target.table}" rows were given (options.parents["${target.table}"])`
        : 'has no values to choose from',
      { table: this.#plan.name, column: column.key },
    );
  }

  /** Row `index` takes combination number `index` (mixed radix, first column fastest). */
  #combination(group: CombinationGroup, index: number): Record<string, unknown> {
    const domains = group.columns.map((column) => this.#domain(column));
    const combinations = domains.reduce((product, values) => product * values.length, 1);
    const values: Record<string, unknown> = {};
    if (index < combinations) {
      let rest = index;
      group.columns.forEach((column, position) => {
        const domain = domains[position] ?? [];
        values[column.key] = domain[rest % domain.length];
        rest = Math.floor(rest / domain.length);
      });
      return values;
    }
    // Out of combinations: null never collides with anything, so a nullable column can take over.
    if (!group.columns.some((column) => !column.column.config.notNull)) {
      const keys = group.columns.map((column) => column.key).join(', ');
      const hint = group.columns.some((c) => c.target) ? ' (or give more parent rows)' : '';
      throw new SeedError(
        `the unique constraint over (${keys}) allows only ${combinations} distinct rows; ask for at most ${combinations}${hint}`,
        { table: this.#plan.name },
      );
    }
    group.columns.forEach((column, position) => {
      const faker = this.#reseed(index, column.key);
      values[column.key] = column.column.config.notNull
        ? faker.helpers.arrayElement(this.#required(domains[position] ?? [], column))
        : null;
    });
    return values;
  }
}

/**
 * `count` fake rows for a table, ready for `createMany`: values by column kind and field name
 * (emails, names, titles, URLs, slugs…), unique columns unique, foreign keys picked from
 * `options.parents`, columns the database fills (ids, `defaultNow`, `onUpdateNow`) left out.
 * Deterministic: the same seed and parents give the same rows, value for value.
 *
 * @example
 * ```ts
 * const authors = await db.repos.author.createMany(fakeRows(author, 10, { seed: 42 }));
 * const books = fakeRows(book, 50, { seed: 42, parents: { author: authors } });
 * ```
 */
export function fakeRows<T extends AnyTable>(table: T, count: number, options: FakeRowsOptions = {}): NewRow<T>[] {
  const factory = new RowFactory(table, options);
  const start = options.startIndex ?? 0;
  assertWholeNumber(count, 'count', factory.table);
  assertWholeNumber(start, 'startIndex', factory.table);
  const rows: NewRow<T>[] = [];
  for (let index = start; index < start + count; index++) rows.push(factory.row(index) as NewRow<T>);
  return rows;
}

/**
 * One fake row for a table: row number `options.index` of {@link fakeRows} with the same options.
 *
 * @example
 * ```ts
 * const draft = fakeRow(post, { seed: 7, parents: { author: [{ id: authorId }] } });
 * await db.repos.post.create(draft);
 * ```
 */
export function fakeRow<T extends AnyTable>(table: T, options: FakeRowOptions = {}): NewRow<T> {
  const { index = 0, ...rest } = options;
  return fakeRows(table, 1, { ...rest, startIndex: index })[0] as NewRow<T>;
}
