import { generateId } from '../id.js';
import type { AnyColumn } from '../schema/column.js';
import type { Condition, TextOperator } from '../schema/condition.js';
import { type ConditionVisitor, visitCondition } from '../schema/operators.js';
import type { NewRow, Row } from '../schema/row.js';
import { type AnyTable, getTableInfo, type TableColumns } from '../schema/table.js';
import type { AdapterRow, DatabaseAdapter, OrderTerm, ReadQuery } from './contract.js';
import { afterCursor, encodeCursor } from './cursor.js';
import { normalizeOrder, type OrderBy } from './order.js';
import { QueryError } from './query-error.js';
import { type ForUserOptions, forUser, type ScopedRepository } from './scoped.js';
import { uniformFields } from './uniform-fields.js';
import { checkedValue, columnOf, normalizeWhere, type Where } from './where.js';

/** Which rows of a table with soft deletes a read sees. */
export interface DeletedRowsOption {
  /** Include soft-deleted rows. */
  readonly withDeleted?: boolean;
  /** Only soft-deleted rows. */
  readonly onlyDeleted?: boolean;
}

/** Options of `findMany`. */
export interface FindManyOptions<T extends AnyTable, K extends keyof Row<T>> extends DeletedRowsOption {
  readonly where?: Where<T>;
  /** Sort order; the primary key is always added last so ties sort the same on every engine. */
  readonly orderBy?: OrderBy<T>;
  readonly limit?: number;
  readonly offset?: number;
  /** Return only these fields (typed). */
  readonly select?: readonly K[];
}

/** One page of `paginate`. */
export interface Page<R> {
  readonly items: R[];
  /** Rows matching the filter, across all pages. */
  readonly total: number;
  readonly page: number;
  readonly pageSize: number;
  readonly pageCount: number;
}

/** One page of keyset (cursor) pagination. */
export interface CursorPage<R> {
  readonly items: R[];
  /** Pass as `after` for the next page; `null` on the last page. */
  readonly nextCursor: string | null;
}

/** Options of `upsert`. */
export interface UpsertOptions<T extends AnyTable> {
  /** The unique (or primary) key fields whose conflict turns the insert into an update. */
  readonly target: readonly (keyof Row<T> & string)[];
  readonly create: NewRow<T>;
  readonly update: Partial<NewRow<T>>;
}

/**
 * Options of `paginate`: `findMany`'s filters and order, with a 1-based `page` and a `pageSize`
 * (default 20).
 *
 * @example
 * ```ts
 * const options: PaginateOptions<typeof post> = { page: 2, pageSize: 50, orderBy: { title: 'asc' } };
 * ```
 */
export type PaginateOptions<T extends AnyTable> = Omit<
  FindManyOptions<T, keyof Row<T>>,
  'limit' | 'offset' | 'select'
> & {
  readonly page?: number;
  readonly pageSize?: number;
};

/** The fields of `T` that can never hold null: the only ones a cursor can sort on. */
export type NotNullField<T extends AnyTable> = {
  [K in keyof Row<T>]-?: null extends Row<T>[K] ? never : K;
}[keyof Row<T>];

/**
 * Sort order of keyset pagination: like `OrderBy`, over fields that cannot be null (a cursor
 * holds the last row's sort values, and a null has no place to resume from).
 *
 * @example
 * ```ts
 * const order: CursorOrderBy<typeof post> = { createdAt: 'desc' };
 * ```
 */
export type CursorOrderBy<T extends AnyTable> =
  | { [K in NotNullField<T>]?: 'asc' | 'desc' }
  | readonly { [K in NotNullField<T>]?: 'asc' | 'desc' }[];

/**
 * Options of `findPage`: filters, a sort order over not-null fields, `limit` rows, and the cursor
 * (`nextCursor` of the previous page) to continue `after`.
 *
 * @example
 * ```ts
 * const options: FindPageOptions<typeof post> = { orderBy: { createdAt: 'desc' }, limit: 20 };
 * ```
 */
export type FindPageOptions<T extends AnyTable> = Omit<
  FindManyOptions<T, keyof Row<T>>,
  'offset' | 'select' | 'orderBy'
> & {
  readonly orderBy?: CursorOrderBy<T>;
  readonly limit: number;
  readonly after?: string;
};

type Selected<T extends AnyTable, K extends keyof Row<T>> = Pick<Row<T>, K>;

/** Equal values of one column (dates by time, everything else by identity). */
function sameValue(a: unknown, b: unknown): boolean {
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime();
  return Object.is(a, b);
}

type PrimaryKeyField<T extends AnyTable> = {
  [K in keyof TableColumns<T>]: TableColumns<T>[K]['_']['primaryKey'] extends true ? K : never;
}[keyof TableColumns<T>];

/**
 * The type of a table's single-column primary key (`string` for `id()`).
 *
 * @example
 * ```ts
 * type PostId = IdOf<typeof post>; // string
 * ```
 */
export type IdOf<T extends AnyTable> = Row<T>[PrimaryKeyField<T> & keyof Row<T>];

/** Up to this many rows go in one statement of whatever size; larger inputs are split. */
const SMALL_BATCH = 64;

/**
 * Splits `total` rows into statements of at most `limit` rows. Beyond a small batch, sizes are
 * powers of two, so an engine that caches statements per shape sees only a few distinct sizes.
 */
function chunkSizes(total: number, limit: number): number[] {
  if (total <= SMALL_BATCH && total <= limit) return [total];
  const sizes: number[] = [];
  let largest = 1;
  while (largest * 2 <= Math.max(1, limit)) largest *= 2;
  let remaining = total;
  while (remaining > SMALL_BATCH) {
    while (largest > remaining) largest /= 2;
    sizes.push(largest);
    remaining -= largest;
  }
  if (remaining > 0) sizes.push(remaining);
  return sizes;
}

/** Splits `total` rows into the fewest statements of at most `limit` rows, of nearly equal size. */
function evenChunks(total: number, limit: number): number[] {
  const count = Math.ceil(total / Math.max(1, limit));
  const sizes: number[] = [];
  for (let i = 0; i < count; i++) sizes.push(Math.floor((total * (i + 1)) / count) - Math.floor((total * i) / count));
  return sizes;
}

const isInteger = (value: unknown, min: number): value is number =>
  typeof value === 'number' && Number.isInteger(value) && value >= min && value <= Number.MAX_SAFE_INTEGER;

/**
 * The most values one filter may bind on any engine: under SQLite's 32,766 parameters, so a filter
 * that runs on one engine runs on all of them (PostgreSQL alone would take 65,535).
 */
export const MAX_FILTER_VALUES = 30_000;

/** Parameters per text match when the adapter does not say: the most any engine binds. */
const TEXT_MATCH_PARAMETERS: Readonly<Record<TextOperator, number>> = { contains: 3, startsWith: 3, endsWith: 3 };

/**
 * How many parameters a condition binds: one per compared value, one per list entry, and a text
 * match as many as the dialect writes its text (`textMatchParameters`).
 */
const BOUND_VALUES: ConditionVisitor<number, Readonly<Record<TextOperator, number>>> = {
  comparison: () => 1,
  list: (node) => node.values.length,
  nullCheck: () => 0,
  textMatch: (node, costs) => costs[node.op],
  group: (node, costs) => node.conditions.reduce((total, part) => total + visitCondition(part, BOUND_VALUES, costs), 0),
  negation: (node, costs) => visitCondition(node.condition, BOUND_VALUES, costs),
};

/**
 * Options from possibly untyped input: `undefined` means none, anything but an object is a
 * QueryError (reading `null.limit` would be a TypeError).
 */
function optionsOf<O extends object>(options: O | undefined, table: string): O {
  if (options === undefined) return {} as O;
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new QueryError('options must be an object', { table });
  }
  return options;
}

/**
 * Typed reads and writes on one table, identical on every engine. Written once over the
 * adapter primitives; soft deletes, `updatedAt`, ids and validation happen here.
 *
 * @example
 * ```ts
 * const posts = db.repo(post);
 * const created = await posts.create({ title: 'Hello' });
 * const page = await posts.paginate({ where: { title: { contains: 'Hell' } }, page: 1, pageSize: 20 });
 * ```
 */
export class Repository<T extends AnyTable> {
  readonly #adapter: DatabaseAdapter;
  readonly #table: T;
  readonly #name: string;
  readonly #primaryKey: readonly string[];
  readonly #softDeleteKey: string | undefined;
  readonly #generatedIds: readonly string[];
  /** The columns by field: a Map lookup costs less than a property lookup by a varying name. */
  readonly #columns: ReadonlyMap<string, AnyColumn>;
  readonly #updatedAtKeys: readonly string[];
  /** The fixed shapes of `findById` per deleted-rows option (see `ReadQuery.shapeKey`). */
  readonly #findByIdShapes: { readonly live: string; readonly with: string; readonly only: string };
  /** The most values a filter may bind here (see `MAX_FILTER_VALUES`); fixed per table and engine. */
  readonly #maxFilterValues: number;
  /** The parameters each text match binds on this engine (see `AdapterCapabilities`). */
  readonly #textMatchParameters: Readonly<Record<TextOperator, number>>;

  constructor(adapter: DatabaseAdapter, table: T) {
    const info = getTableInfo(table);
    this.#adapter = adapter;
    this.#table = table;
    this.#name = info.name;
    const columns = Object.entries(info.columns) as [string, AnyColumn][];
    this.#columns = new Map(columns);
    const composite = info.extras.find((extra) => extra.kind === 'primaryKey');
    this.#primaryKey = composite
      ? composite.columns.map((column) => column.placement?.key ?? '')
      : columns.filter(([, column]) => column.config.primaryKey).map(([key]) => key);
    this.#softDeleteKey = info.softDeleteKey;
    this.#generatedIds = columns.filter(([, c]) => c.config.default?.type === 'generatedId').map(([key]) => key);
    this.#updatedAtKeys = columns.filter(([, c]) => c.config.onUpdateNow).map(([key]) => key);
    // The margin leaves room for a patch and an offset next to the filter.
    this.#maxFilterValues = Math.min(MAX_FILTER_VALUES, adapter.capabilities.maxParameters - columns.length - 1);
    this.#textMatchParameters = adapter.capabilities.textMatchParameters ?? TEXT_MATCH_PARAMETERS;
    const shape = (variant: string) => `repository:${info.name}:findById:${variant}`;
    this.#findByIdShapes = { live: shape('live'), with: shape('with'), only: shape('only') };
  }

  /** The neutral table this repository works on. */
  get table(): T {
    return this.#table;
  }

  #idCondition(id: unknown): Condition {
    if (this.#primaryKey.length !== 1) {
      throw new QueryError('has no single-column primary key; use findOne/update/delete with a filter', {
        table: this.#name,
      });
    }
    const key = this.#primaryKey[0] as string;
    const column = columnOf(this.#table, key);
    return { op: 'eq', column, value: checkedValue(this.#table, key, column, id, 'id') };
  }

  /** Adds the soft-delete filter: live rows unless asked otherwise. */
  #scope(where: Condition | undefined, given?: DeletedRowsOption): Condition | undefined {
    const options = optionsOf(given, this.#name);
    if (!this.#softDeleteKey || options.withDeleted) return where;
    const column = columnOf(this.#table, this.#softDeleteKey);
    const deleted: Condition = options.onlyDeleted ? { op: 'isNotNull', column } : { op: 'isNull', column };
    return where ? { op: 'and', conditions: [where, deleted] } : deleted;
  }

  #where(where: unknown, options?: DeletedRowsOption): Condition | undefined {
    const condition = normalizeWhere(this.#table, where);
    // Past the engine's parameter limit SQLite fails and PostgreSQL's protocol wraps the count
    // around (a broken bind message): refuse first, at the same count on every engine.
    const limit = this.#maxFilterValues;
    const values = condition ? visitCondition(condition, BOUND_VALUES, this.#textMatchParameters) : 0;
    if (values > limit) {
      throw new QueryError(`the filter has ${values} values; at most ${limit} fit in one query`, { table: this.#name });
    }
    return this.#scope(condition, options);
  }

  /**
   * Validates the keys and values of a write; `partial` allows any subset. The result is a copy
   * (the caller may change its object before the statement runs), made by spreading, then
   * checked and corrected in place: bulk inserts run this for every row, and a spread copy keeps
   * the input's shape where building the object key by key would not.
   */
  #values(input: unknown, what: 'create' | 'update'): AdapterRow {
    if (typeof input !== 'object' || input === null || Array.isArray(input)) {
      throw new QueryError(`${what} needs an object of field values`, { table: this.#name });
    }
    const values: AdapterRow = { ...input };
    for (const field in values) {
      if (!Object.hasOwn(values, field)) continue;
      const value = values[field];
      if (value === undefined) {
        // Left out, as if absent (rare: the copy loses its fast shape, nothing else).
        delete values[field];
        continue;
      }
      const column = this.#columns.get(field);
      if (column === undefined) throw new QueryError('unknown field', { table: this.#name, field });
      if (value === null) {
        if (column.config.notNull) throw new QueryError('cannot be null', { table: this.#name, field });
        continue;
      }
      const stored = checkedValue(this.#table, field, column, value);
      if (stored !== value) values[field] = stored;
    }
    return values;
  }

  #insertValues(input: unknown): AdapterRow {
    const values = this.#values(input, 'create');
    for (const key of this.#generatedIds) values[key] ??= generateId();
    return values;
  }

  #patch(input: unknown): AdapterRow {
    const patch = this.#values(input, 'update');
    const now = new Date();
    for (const key of this.#updatedAtKeys) if (!(key in patch)) patch[key] = now;
    return patch;
  }

  #select(select: readonly PropertyKey[] | undefined): string[] | undefined {
    if (select === undefined) return undefined;
    if (!Array.isArray(select) || select.length === 0) {
      throw new QueryError('select needs a non-empty array of fields', { table: this.#name });
    }
    for (const field of select) columnOf(this.#table, String(field));
    return select.map(String);
  }

  #read(given?: FindManyOptions<T, keyof Row<T>>): ReadQuery {
    const options = optionsOf(given, this.#name);
    const { limit, offset } = options;
    if (limit !== undefined && !isInteger(limit, 0)) {
      throw new QueryError('limit must be a whole number of at least 0', { table: this.#name });
    }
    if (offset !== undefined && !isInteger(offset, 0)) {
      throw new QueryError('offset must be a whole number of at least 0', { table: this.#name });
    }
    return {
      where: this.#where(options.where, options),
      orderBy: normalizeOrder(this.#table, options.orderBy, this.#primaryKey),
      limit,
      offset,
      select: this.#select(options.select),
    };
  }

  /**
   * The row with this primary key, or `undefined`.
   *
   * @example
   * ```ts
   * const found = await posts.findById(id);
   * ```
   */
  findById(id: IdOf<T>, options: DeletedRowsOption = {}): Promise<Row<T> | undefined> {
    let where: Condition | undefined;
    try {
      where = this.#scope(this.#idCondition(id), options);
    } catch (error) {
      return Promise.reject(error);
    }
    // The hottest call there is: its shape is fixed per table and deleted-rows option.
    const shapes = this.#findByIdShapes;
    const shapeKey = options.onlyDeleted ? shapes.only : options.withDeleted ? shapes.with : shapes.live;
    return this.#adapter.findOne(this.#table, { where, shapeKey }) as Promise<Row<T> | undefined>;
  }

  /**
   * The first row matching `where` (in primary-key order unless `orderBy` says otherwise).
   *
   * @example
   * ```ts
   * const admin = await users.findOne({ role: 'admin' });
   * ```
   */
  async findOne(
    where: Where<T>,
    options: Omit<FindManyOptions<T, keyof Row<T>>, 'where'> = {},
  ): Promise<Row<T> | undefined> {
    const [row] = await this.#adapter.findMany(this.#table, { ...this.#read({ ...options, where }), limit: 1 });
    return row as Row<T> | undefined;
  }

  /**
   * The first row whose `field` equals `value`.
   *
   * @example
   * ```ts
   * const user = await users.findBy('email', 'ada@example.com');
   * ```
   */
  async findBy<K extends keyof Row<T> & string>(field: K, value: NonNullable<Row<T>[K]>): Promise<Row<T> | undefined> {
    return this.findOne({ [field]: value } as Where<T>);
  }

  /**
   * Every row whose `field` equals `value`, with the options of `findMany` (order, limit, …).
   *
   * @example
   * ```ts
   * const drafts = await posts.findAllBy('status', 'draft', { orderBy: { createdAt: 'desc' } });
   * ```
   */
  async findAllBy<F extends keyof Row<T> & string>(
    field: F,
    value: NonNullable<Row<T>[F]>,
    options: Omit<FindManyOptions<T, keyof Row<T>>, 'where' | 'select'> = {},
  ): Promise<Row<T>[]> {
    return this.findMany({ ...options, where: { [field]: value } as Where<T> });
  }

  /**
   * Rows matching `where`, sorted, limited, with an optional typed `select` of fields.
   *
   * @example
   * ```ts
   * const titles = await posts.findMany({ where: { status: 'published' }, orderBy: { createdAt: 'desc' }, limit: 20, select: ['id', 'title'] });
   * ```
   */
  async findMany<K extends keyof Row<T> = keyof Row<T>>(
    options: FindManyOptions<T, K> = {},
  ): Promise<Selected<T, K>[]> {
    return (await this.#adapter.findMany(this.#table, this.#read(options))) as Selected<T, K>[];
  }

  /**
   * Keyset pagination: `limit` rows after the cursor, and the cursor of the next page. Stable
   * under concurrent inserts; sort fields must not be nullable.
   *
   * @example
   * ```ts
   * const first = await posts.findPage({ orderBy: { createdAt: 'desc' }, limit: 20 });
   * const second = await posts.findPage({ orderBy: { createdAt: 'desc' }, limit: 20, after: first.nextCursor ?? undefined });
   * ```
   */
  async findPage(options: FindPageOptions<T>): Promise<CursorPage<Row<T>>> {
    options = optionsOf(options, this.#name);
    // Untyped input: without these checks a missing limit became `LIMIT NaN` (an engine syntax
    // error) and a non-string cursor a TypeError.
    if (!isInteger(options.limit, 0)) {
      throw new QueryError('findPage needs a limit: a whole number of at least 0', { table: this.#name });
    }
    if (options.after !== undefined && typeof options.after !== 'string') {
      throw new QueryError('the cursor (after) must be a string', { table: this.#name });
    }
    // Every cursor order is a valid order (over fewer fields).
    const query = this.#read(options as FindManyOptions<T, keyof Row<T>>);
    const order = query.orderBy as OrderTerm[];
    for (const term of order) {
      if (!term.column.config.notNull) {
        throw new QueryError('cursor pagination needs sort fields that cannot be null', {
          table: this.#name,
          field: term.column.placement?.key,
        });
      }
    }
    let where = query.where;
    if (options.after !== undefined) {
      const after = afterCursor(this.#table, options.after, order);
      where = where ? { op: 'and', conditions: [where, after] } : after;
    }
    const rows = await this.#adapter.findMany(this.#table, { ...query, where, limit: options.limit + 1 });
    const items = rows.slice(0, options.limit);
    const last = items[items.length - 1];
    return {
      items: items as Row<T>[],
      nextCursor: rows.length > options.limit && last ? encodeCursor(last, order) : null,
    };
  }

  /**
   * Offset pagination with totals: `{ items, total, page, pageSize, pageCount }`. A page past the
   * end has no items (and the real total).
   *
   * @example
   * ```ts
   * const { items, pageCount } = await posts.paginate({ page: 2, pageSize: 20, orderBy: { title: 'asc' } });
   * ```
   */
  async paginate(options: PaginateOptions<T> = {}): Promise<Page<Row<T>>> {
    options = optionsOf(options, this.#name);
    const page = options.page ?? 1;
    const pageSize = options.pageSize ?? 20;
    if (!isInteger(page, 1)) throw new QueryError('page must be a whole number of at least 1', { table: this.#name });
    if (!isInteger(pageSize, 1)) {
      throw new QueryError('pageSize must be a whole number of at least 1', { table: this.#name });
    }
    const query = this.#read({ ...options, limit: pageSize, offset: (page - 1) * pageSize });
    const [items, total] = await Promise.all([
      this.#adapter.findMany(this.#table, query),
      this.#adapter.count(this.#table, query.where),
    ]);
    return { items: items as Row<T>[], total, page, pageSize, pageCount: Math.ceil(total / pageSize) };
  }

  /**
   * How many rows match `where`.
   *
   * @example
   * ```ts
   * const drafts = await posts.count({ status: 'draft' });
   * ```
   */
  async count(where?: Where<T>, options: DeletedRowsOption = {}): Promise<number> {
    return this.#adapter.count(this.#table, this.#where(where, options));
  }

  /**
   * How many rows (matching `where`) hold each value of `field`: one entry per value, null
   * included, sorted by value as `orderBy` sorts (nulls first). The counts sum to `count(where)`.
   *
   * @example
   * ```ts
   * await posts.countBy('status'); // [{ value: 'draft', count: 3 }, { value: 'published', count: 12 }]
   * ```
   */
  async countBy<F extends keyof Row<T> & string>(
    field: F,
    where?: Where<T>,
    options: DeletedRowsOption = {},
  ): Promise<{ value: Row<T>[F]; count: number }[]> {
    const column = columnOf(this.#table, field);
    // PostgreSQL compares jsonb by value, SQLite JSON text by its spelling: no common grouping.
    if (column.config.kind === 'json')
      throw new QueryError('countBy does not apply to a JSON field', { table: this.#name, field });
    const condition = this.#where(where, options);
    if (this.#adapter.countBy) {
      return (await this.#adapter.countBy(this.#table, column, condition)) as { value: Row<T>[F]; count: number }[];
    }
    // Without the primitive: the values, sorted the same way, counted in runs.
    const rows = await this.#adapter.findMany(this.#table, {
      where: condition,
      orderBy: [{ column, direction: 'asc' }],
      select: [field],
    });
    const counts: { value: Row<T>[F]; count: number }[] = [];
    for (const row of rows) {
      const value = row[field] as Row<T>[F];
      const last = counts.at(-1);
      if (last && sameValue(last.value, value)) last.count++;
      else counts.push({ value, count: 1 });
    }
    return counts;
  }

  /**
   * Whether any row matches `where`.
   *
   * @example
   * ```ts
   * if (await users.exists({ email })) throw new Error('taken');
   * ```
   */
  async exists(where?: Where<T>, options: DeletedRowsOption = {}): Promise<boolean> {
    const rows = await this.#adapter.findMany(this.#table, {
      where: this.#where(where, options),
      limit: 1,
      select: [...this.#primaryKey.slice(0, 1)],
    });
    return rows.length > 0;
  }

  /**
   * Inserts a row and returns it with every default filled in. The id is generated here, so a
   * retried create can reuse it (`create({ id, ... })`).
   *
   * @example
   * ```ts
   * const post = await posts.create({ title: 'Hello' });
   * ```
   */
  async create(values: NewRow<T>): Promise<Row<T>> {
    return (await this.#adapter.create(this.#table, this.#insertValues(values))) as Row<T>;
  }

  /**
   * Inserts many rows, all or none: chunked under the engine's parameter limit, inside one
   * transaction (or handed whole to an engine that writes them all or none itself, such as D1's
   * batch). Returns the rows in input order.
   *
   * @example
   * ```ts
   * await posts.createMany(drafts);
   * ```
   */
  async createMany(values: readonly NewRow<T>[]): Promise<Row<T>[]> {
    const created = await this.#inChunks(this.#manyValues(values, 'createMany'), (adapter, part) =>
      adapter.createMany(this.#table, part),
    );
    return created.flat() as Row<T>[];
  }

  /**
   * Inserts many rows like {@link createMany} — validated, chunked, all or none — without reading
   * them back, and returns how many went in: the fastest way to load data (no `RETURNING`, no
   * rows decoded).
   *
   * @example
   * ```ts
   * const loaded = await events.insertMany(batch); // batch.length
   * ```
   */
  async insertMany(values: readonly NewRow<T>[]): Promise<number> {
    const counts = await this.#inChunks(this.#manyValues(values, 'insertMany'), (adapter, part) =>
      adapter.insertMany
        ? adapter.insertMany(this.#table, part)
        : adapter.createMany(this.#table, part).then((created) => created.length),
    );
    return counts.reduce((sum, count) => sum + count, 0);
  }

  /**
   * Runs `write` on each chunk of a bulk insert (see `#insertChunks`): one statement needs no
   * transaction of its own, several run in one so that the insert stays all or none. An adapter
   * with `atomicBulkInsert` gets every row in one call and keeps them all or none itself.
   */
  async #inChunks<R>(
    rows: readonly AdapterRow[],
    write: (adapter: DatabaseAdapter, part: readonly AdapterRow[]) => Promise<R>,
  ): Promise<R[]> {
    const parts = this.#adapter.capabilities.atomicBulkInsert && rows.length > 0 ? [rows] : this.#insertChunks(rows);
    if (parts.length <= 1) return Promise.all(parts.map((part) => write(this.#adapter, part)));
    return this.#adapter.transaction(async (tx) => {
      const results: R[] = [];
      for (const part of parts) results.push(await write(tx, part));
      return results;
    });
  }

  /** The rows of a bulk insert, validated with their ids and defaults. */
  #manyValues(values: readonly NewRow<T>[], method: string): AdapterRow[] {
    if (!Array.isArray(values)) throw new QueryError(`${method} needs an array of rows`, { table: this.#name });
    return values.map((value) => this.#insertValues(value));
  }

  /** Bulk insert rows split under the engine's limits: one statement's worth each. */
  #insertChunks(rows: readonly AdapterRow[]): AdapterRow[][] {
    if (rows.length === 0) return [];
    const { maxParameters, bulkInsertRows, insertRowsPerStatement = Infinity } = this.#adapter.capabilities;
    const columnCount = Object.keys(getTableInfo(this.#table).columns).length;
    const sizes =
      bulkInsertRows !== undefined && uniformFields(rows) !== undefined
        ? evenChunks(rows.length, bulkInsertRows)
        : chunkSizes(rows.length, Math.min(insertRowsPerStatement, Math.floor(maxParameters / columnCount)));
    if (sizes.length === 1) return [rows as AdapterRow[]];
    const parts: AdapterRow[][] = [];
    let start = 0;
    for (const size of sizes) {
      parts.push(rows.slice(start, start + size));
      start += size;
    }
    return parts;
  }

  /**
   * Changes the row with this id; returns it, or `undefined` when there is no such (live) row.
   * `updatedAt` columns are set to now unless the patch sets them.
   *
   * @example
   * ```ts
   * await posts.update(id, { title: 'Renamed' });
   * ```
   */
  async update(id: IdOf<T>, patch: Partial<NewRow<T>>): Promise<Row<T> | undefined> {
    const where = this.#scope(this.#idCondition(id));
    const values = this.#patch(patch);
    // Nothing to change (and no updatedAt to refresh): the row as it is.
    if (Object.keys(values).length === 0)
      return (await this.#adapter.findOne(this.#table, { where })) as Row<T> | undefined;
    const [row] = await this.#adapter.update(this.#table, where, values);
    return row as Row<T> | undefined;
  }

  /**
   * Changes every (live) row matching `where`; returns how many changed.
   *
   * @example
   * ```ts
   * await posts.updateMany({ status: 'draft' }, { status: 'archived' });
   * ```
   */
  async updateMany(where: Where<T>, patch: Partial<NewRow<T>>): Promise<number> {
    const scoped = this.#where(where);
    const values = this.#patch(patch);
    // Nothing to change: report the rows that matched, as an update that changes nothing would.
    if (Object.keys(values).length === 0) return this.#adapter.count(this.#table, scoped);
    return this.#adapter.updateMany(this.#table, scoped, values);
  }

  /**
   * Inserts `create`, or, when a row with the same `target` fields exists, applies `update` to it.
   * One statement: safe under concurrency.
   *
   * @example
   * ```ts
   * await settings.upsert({ target: ['userId'], create: { userId, theme: 'dark' }, update: { theme: 'dark' } });
   * ```
   */
  async upsert(options: UpsertOptions<T>): Promise<Row<T>> {
    if (!Array.isArray(options.target) || options.target.length === 0) {
      throw new QueryError('upsert needs a non-empty target of unique fields', { table: this.#name });
    }
    for (const field of options.target) columnOf(this.#table, field);
    const values = this.#insertValues(options.create);
    const patch = this.#patch(options.update);
    return (await this.#adapter.upsert(this.#table, values, options.target, patch)) as Row<T>;
  }

  /**
   * Deletes the row with this id and returns it (soft delete on tables with `softDelete()`:
   * sets `deletedAt`). `undefined` when there was no such (live) row.
   *
   * @example
   * ```ts
   * await posts.delete(id);
   * ```
   */
  async delete(id: IdOf<T>): Promise<Row<T> | undefined> {
    const where = this.#scope(this.#idCondition(id));
    if (this.#softDeleteKey) {
      const [row] = await this.#adapter.update(this.#table, where, this.#softDeletePatch(new Date()));
      return row as Row<T> | undefined;
    }
    const [row] = await this.#adapter.delete(this.#table, where);
    return row as Row<T> | undefined;
  }

  /**
   * Deletes every (live) row matching `where` (soft on tables with `softDelete()`); returns how many.
   *
   * @example
   * ```ts
   * await sessions.deleteMany({ expiresAt: { lt: new Date() } });
   * ```
   */
  async deleteMany(where: Where<T>): Promise<number> {
    const scoped = this.#where(where);
    if (this.#softDeleteKey) return this.#adapter.updateMany(this.#table, scoped, this.#softDeletePatch(new Date()));
    return this.#adapter.deleteMany(this.#table, scoped);
  }

  /**
   * Brings back a soft-deleted row; returns it, or `undefined` when no deleted row has this id.
   *
   * @example
   * ```ts
   * await posts.restore(id);
   * ```
   */
  async restore(id: IdOf<T>): Promise<Row<T> | undefined> {
    if (!this.#softDeleteKey) throw new QueryError('has no soft-delete column', { table: this.#name });
    const where = this.#scope(this.#idCondition(id), { onlyDeleted: true });
    const [row] = await this.#adapter.update(this.#table, where, this.#softDeletePatch(null));
    return row as Row<T> | undefined;
  }

  /**
   * Removes the row for good, soft-deleted or not; returns it.
   *
   * @example
   * ```ts
   * await posts.hardDelete(id);
   * ```
   */
  async hardDelete(id: IdOf<T>): Promise<Row<T> | undefined> {
    const [row] = await this.#adapter.delete(this.#table, this.#idCondition(id));
    return row as Row<T> | undefined;
  }

  #softDeletePatch(deletedAt: Date | null): AdapterRow {
    const patch: AdapterRow = { [this.#softDeleteKey as string]: deletedAt };
    const now = deletedAt ?? new Date();
    for (const key of this.#updatedAtKeys) patch[key] = now;
    return patch;
  }

  /**
   * This repository confined to one user's rows (see `forUser`): another user's row behaves
   * exactly like a missing one, and writes always carry this user's id.
   *
   * @example
   * ```ts
   * const mine = db.repos.entry.forUser(session.user.id);
   * await mine.findMany({ orderBy: { createdAt: 'desc' } });
   * ```
   */
  forUser<F extends keyof Row<T> & string = 'userId' & keyof Row<T>>(
    userId: NonNullable<Row<T>[F]>,
    options?: ForUserOptions<F>,
  ): ScopedRepository<T, F> {
    return forUser<T, F>(this, userId, options);
  }
}
