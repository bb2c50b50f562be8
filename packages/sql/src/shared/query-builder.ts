import {
  type AdapterRow,
  type AnyColumn,
  type AnyTable,
  type Condition,
  getTableInfo,
  type ReadQuery,
} from '@strata/core';
import { asc, type Column, count, desc, type SQL, type SQLWrapper, sql } from 'drizzle-orm';
import { compileCondition } from './condition.js';
import { withConstantDefaults } from './constant-defaults.js';
import type { SqlDialect } from './dialect.js';
import { bindSlot, type Plan, SlotToken, tokenizeCondition } from './plan.js';
import type { QuerySpec } from './query-spec.js';
import { type DrizzleTable, inlineCondition } from './table-compiler.js';

/**
 * The Drizzle query-builder surface Strata uses. PostgreSQL and SQLite builders share it; on
 * better-sqlite3 awaiting a builder runs it synchronously.
 */
export interface DrizzleQuery extends PromiseLike<unknown> {
  where(condition: SQL | undefined): DrizzleQuery;
  orderBy(...terms: SQL[]): DrizzleQuery;
  groupBy(...columns: unknown[]): DrizzleQuery;
  limit(limit: number | SQLWrapper): DrizzleQuery;
  offset(offset: number | SQLWrapper): DrizzleQuery;
  values(values: AdapterRow | AdapterRow[]): DrizzleQuery;
  set(values: AdapterRow): DrizzleQuery;
  returning(fields?: Record<string, unknown>): DrizzleQuery;
  from(table: unknown): DrizzleQuery;
  onConflictDoUpdate(config: { target: unknown[]; set: AdapterRow; targetWhere?: SQL }): DrizzleQuery;
  toSQL(): { sql: string; params: unknown[] };
}

/**
 * A Drizzle database or transaction, seen through the builders Strata calls.
 *
 * @example
 * ```ts
 * const session = db.drizzle as unknown as DrizzleSession;
 * ```
 */
export interface DrizzleSession {
  select(fields?: Record<string, unknown>): DrizzleQuery;
  insert(table: unknown): DrizzleQuery;
  update(table: unknown): DrizzleQuery;
  delete(table: unknown): DrizzleQuery;
}

/** The SQL that stands for slot `index`: a placeholder while a plan is built, a parameter otherwise. */
export type Bind = (index: number) => SQLWrapper;

/** What building queries needs from the dialect: its table kit, text functions, and constant defaults. */
export type QueryBuilderOptions = Pick<SqlDialect, 'compileTable' | 'text' | 'inlineConstantDefaults'>;

/**
 * Turns query specs into Drizzle queries on a session: the only place where a spec becomes SQL.
 *
 * @example
 * ```ts
 * const builder = new QueryBuilder(pgDialect);
 * const { sql: text } = builder.build(session, post, spec, (i) => sql.placeholder(`s${i}`)).toSQL();
 * ```
 */
export class QueryBuilder {
  readonly #options: QueryBuilderOptions;

  constructor(options: QueryBuilderOptions) {
    this.#options = options;
  }

  /** The dialect's Drizzle table of a neutral table. */
  table(table: AnyTable): DrizzleTable {
    return this.#options.compileTable(table);
  }

  /** The Drizzle column of a neutral column (it encodes and decodes the column's values). */
  column(column: AnyColumn): Column {
    const placement = column.placement as { table: AnyTable; key: string };
    return this.#options.compileTable(placement.table)[placement.key] as Column;
  }

  /** The Drizzle query of a spec on `session`, its values bound by `bind`. */
  build(session: DrizzleSession, table: AnyTable, spec: QuerySpec, bind: Bind): DrizzleQuery {
    const drizzleTable = this.table(table);
    switch (spec.type) {
      case 'read': {
        const { query } = spec;
        const selection = query.select && Object.fromEntries(query.select.map((key) => [key, drizzleTable[key]]));
        let builder = session
          .select(selection)
          .from(drizzleTable)
          .where(this.#condition(query.where, 0, bind));
        const terms = this.#ordering(query);
        if (terms.length > 0) builder = builder.orderBy(...terms);
        // A validated whole number, so writing it into the SQL is safe.
        if (spec.limit !== undefined) builder = builder.limit(sql.raw(String(Math.trunc(spec.limit))));
        if (spec.offsetSlot >= 0) builder = builder.offset(bind(spec.offsetSlot));
        return builder;
      }
      case 'count':
        return session
          .select({ n: count() })
          .from(drizzleTable)
          .where(this.#condition(spec.where, spec.whereFirst, bind));
      case 'group': {
        const column = this.column(spec.column);
        return session
          .select({ value: column, count: count() })
          .from(drizzleTable)
          .where(this.#condition(spec.where, 0, bind))
          .groupBy(column)
          .orderBy(...this.#ordering({ orderBy: [{ column: spec.column, direction: 'asc' }] }));
      }
      case 'arrays':
        // Only ever run as a plan, from the dialect's own statement (see `ArrayInsert`).
        throw new Error('an array insert runs only as a plan');
      case 'insert': {
        let next = 0;
        const rows = spec.rows.map((keys) => {
          const row = this.#insertValues(drizzleTable, keys, next, bind);
          next += keys.length;
          return row;
        });
        const builder = session.insert(drizzleTable).values(rows);
        return spec.returning ? builder.returning() : builder;
      }
      case 'update': {
        const builder = session
          .update(drizzleTable)
          .set(placeholders(spec.keys, 0, bind))
          .where(this.#condition(spec.where, spec.whereFirst, bind));
        return spec.returning ? builder.returning() : builder;
      }
      case 'delete': {
        const builder = session.delete(drizzleTable).where(this.#condition(spec.where, 0, bind));
        return spec.returning ? builder.returning() : builder;
      }
      case 'upsert': {
        const { valueKeys, patchKeys, conflictKeys } = spec;
        const conflict = conflictKeys[0] as string;
        // An empty patch still has to return the existing row: set a key column to itself.
        const set =
          patchKeys.length > 0
            ? placeholders(patchKeys, valueKeys.length, bind)
            : { [conflict]: sql`${drizzleTable[conflict]}` };
        const targetWhere = this.#partialKeyPredicate(table, conflictKeys);
        return session
          .insert(drizzleTable)
          .values(this.#insertValues(drizzleTable, valueKeys, 0, bind))
          .onConflictDoUpdate({
            target: conflictKeys.map((key) => drizzleTable[key]),
            set,
            ...(targetWhere && { targetWhere }),
          })
          .returning();
      }
    }
  }

  /** The columns a spec returns, in order, with their decoders. */
  fields(table: AnyTable, spec: QuerySpec): Plan['fields'] {
    if (spec.type === 'count') return [{ key: 'n', decode: Number }];
    if (spec.type === 'group') {
      return [
        { key: 'value', decode: decoderOf(this.column(spec.column)) },
        { key: 'count', decode: Number },
      ];
    }
    const drizzleTable = this.table(table);
    const keys =
      spec.type === 'read' && spec.query.select ? spec.query.select : Object.keys(getTableInfo(table).columns);
    return keys.map((key) => ({ key, decode: decoderOf(drizzleTable[key] as Column) }));
  }

  /** The condition with its values bound to slots `first`…, as placeholders or parameters. */
  #condition(where: Condition | undefined, first: number, bind: Bind): SQL | undefined {
    const condition = tokenizeCondition(where, first);
    return condition
      ? compileCondition(condition, {
          column: (column) => this.column(column),
          encoder: (column) => this.column(column) as never,
          text: this.#options.text,
          bind: (value, encoder) => (value instanceof SlotToken ? bind(value.index) : bindSlot(value, encoder)),
        })
      : undefined;
  }

  #ordering(query: ReadQuery): SQL[] {
    const { text } = this.#options;
    return (query.orderBy ?? []).map((term) => {
      const ref = text.ordered(term.column, this.column(term.column)) as never;
      // A column without nulls sorts plainly, so a PostgreSQL index can serve the order.
      if (term.column.config.notNull) return term.direction === 'asc' ? asc(ref) : desc(ref);
      // Nulls are the smallest value on every engine (SQLite's rule; PostgreSQL's default is the opposite).
      return term.direction === 'asc' ? sql`${asc(ref)} nulls first` : sql`${desc(ref)} nulls last`;
    });
  }

  /** The values of one inserted row: its keys' slots, plus left-out constant defaults where asked. */
  #insertValues(drizzleTable: DrizzleTable, keys: readonly string[], first: number, bind: Bind): AdapterRow {
    const values = placeholders(keys, first, bind);
    return this.#options.inlineConstantDefaults ? withConstantDefaults(drizzleTable, values) : values;
  }

  /**
   * The condition of the partial unique index over exactly `keys`, when no full unique key covers
   * them: an upsert's ON CONFLICT must repeat it (constants inlined, as in the index) for the
   * engine to pick that index as the arbiter.
   */
  #partialKeyPredicate(table: AnyTable, keys: readonly string[]): SQL | undefined {
    const { extras, columns } = getTableInfo(table);
    const sameKeys = (indexed: readonly AnyColumn[]) =>
      indexed.length === keys.length && indexed.every((column) => keys.includes(column.placement?.key ?? ''));
    const single = keys.length === 1 ? columns[keys[0] as string] : undefined;
    const fullKey =
      single?.config.unique ||
      single?.config.primaryKey ||
      extras.some(
        (extra) =>
          (extra.kind === 'primaryKey' && sameKeys(extra.columns)) ||
          (extra.kind === 'index' && extra.unique && extra.predicate === undefined && sameKeys(extra.columns)),
      );
    if (fullKey) return undefined;
    const partial = extras.find(
      (extra) => extra.kind === 'index' && extra.unique && extra.predicate !== undefined && sameKeys(extra.columns),
    );
    if (partial?.kind !== 'index' || partial.predicate === undefined) return undefined;
    // Written exactly as the index's own predicate, so the engine matches the two.
    return inlineCondition(partial.predicate, (column) => this.column(column) as never);
  }
}

/** Slots `first`… bound under `keys`, as an INSERT's values or an UPDATE's SET. */
function placeholders(keys: readonly string[], first: number, bind: Bind): AdapterRow {
  const values: AdapterRow = {};
  for (let i = 0; i < keys.length; i++) values[keys[i] as string] = bind(first + i);
  return values;
}

/** A column's driver value as its JS value; null stays null. */
const decoderOf =
  (column: Column) =>
  (value: unknown): unknown =>
    value === null ? null : column.mapFromDriverValue(value);
