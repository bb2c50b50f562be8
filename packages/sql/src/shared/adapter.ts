import {
  type AdapterCapabilities,
  type AdapterRow,
  type AnyColumn,
  type AnyTable,
  type Condition,
  type DatabaseAdapter,
  getTableInfo,
  isDatabaseError,
  type ReadQuery,
  TransactionAbortedError,
  uniformFields,
} from '@strata/core';
import { asc, type Column, count, desc, type SQL, type SQLWrapper, sql } from 'drizzle-orm';
import type { ArrayInsert } from './bulk-insert.js';
import { compileCondition, type TextDialect } from './condition.js';
import { withConstantDefaults } from './constant-defaults.js';
import {
  bindSlot,
  conditionKey,
  conditionValues,
  type Plan,
  PlanCache,
  type PlanExecutor,
  planParams,
  RowSlots,
  Slots,
  SlotToken,
  type SlotValues,
  slotName,
  tokenizeCondition,
} from './plan.js';
import { type RetryNotice, type RetryPolicy, withRetryPolicy } from './retry.js';
import { type DrizzleTable, inlineCondition } from './table-compiler.js';

/**
 * The Drizzle query-builder surface the adapter uses. PostgreSQL and SQLite builders share it;
 * on better-sqlite3 awaiting a builder runs it synchronously.
 */
interface QueryBuilder extends PromiseLike<unknown> {
  where(condition: SQL | undefined): QueryBuilder;
  orderBy(...terms: SQL[]): QueryBuilder;
  groupBy(...columns: unknown[]): QueryBuilder;
  limit(limit: number | SQLWrapper): QueryBuilder;
  offset(offset: number | SQLWrapper): QueryBuilder;
  values(values: AdapterRow | AdapterRow[]): QueryBuilder;
  set(values: AdapterRow): QueryBuilder;
  returning(fields?: Record<string, unknown>): QueryBuilder;
  from(table: unknown): QueryBuilder;
  onConflictDoUpdate(config: { target: unknown[]; set: AdapterRow; targetWhere?: SQL }): QueryBuilder;
  toSQL(): { sql: string; params: unknown[] };
}

/** A Drizzle database or transaction, seen through the builders the adapter calls. */
export interface DrizzleSession {
  select(fields?: Record<string, unknown>): QueryBuilder;
  insert(table: unknown): QueryBuilder;
  update(table: unknown): QueryBuilder;
  delete(table: unknown): QueryBuilder;
}

/** How an engine runs transactions: the part that differs between a pool and one connection. */
export interface TransactionRunner {
  /** Runs one top-level operation (single-connection engines queue it behind open transactions). */
  operation<T>(work: () => Promise<T>): Promise<T>;
  /** Runs `work` in a transaction on `session`; `depth` > 0 means nested (a savepoint). */
  transaction<T>(session: DrizzleSession, depth: number, work: (session: DrizzleSession) => Promise<T>): Promise<T>;
}

/** What an engine supplies to get a {@link DatabaseAdapter}. */
export interface SqlAdapterOptions {
  readonly session: DrizzleSession;
  readonly capabilities: AdapterCapabilities;
  readonly compileTable: (table: AnyTable) => DrizzleTable;
  readonly text: TextDialect;
  readonly transactions: TransactionRunner;
  /** How many rows a write without RETURNING touched, from the driver's result. */
  readonly affectedRows: (result: unknown) => number;
  /** Turns an engine error into Strata's error (or returns it unchanged). */
  readonly mapError: (error: unknown, table: AnyTable | undefined) => unknown;
  /** Throws once the database is closed; `inTransaction`: work of a transaction already running (drained on close). */
  readonly assertOpen: (inTransaction: boolean) => void;
  /**
   * Runs cached plans on the driver directly. Without it every call builds its query with
   * Drizzle.
   */
  readonly executor?: PlanExecutor;
  /**
   * The executor for a transaction's session: the same one on a single connection, the
   * transaction's own connection on a pool. `undefined` builds each query with Drizzle there.
   */
  readonly transactionExecutor?: (session: DrizzleSession) => PlanExecutor | undefined;
  /**
   * The engine's faster way to insert many rows with the same fields (see `ArrayInsert`); without
   * it, `createMany` sends one multi-row INSERT.
   */
  readonly bulkInsert?: ArrayInsert;
  /**
   * Write the constant defaults a table keeps as JS values into an INSERT that leaves their
   * columns out, as literals (see `withConstantDefaults`): for a dialect whose Drizzle binds them
   * as parameters (SQLite), which would keep such an insert from being a plan.
   */
  readonly inlineConstantDefaults?: boolean;
  /**
   * Run a read outside a transaction again (a few times, with backoff) when the connection broke
   * under it: on a pool the next try takes another connection. Writes are never retried (one may
   * have committed before its answer was lost), nor constraint errors.
   */
  readonly retryReads?: boolean;
  /** Told of every retry: of a read after a broken connection, of a transaction after a conflict. */
  readonly onRetry?: (event: RetryNotice) => void;
}

/** What a call asks for, described as data: built into Drizzle SQL only when its shape is new. */
type Spec =
  | {
      readonly type: 'read';
      readonly query: ReadQuery;
      /** Written into the SQL (part of the shape): SQLite runs `LIMIT ?` several times slower. */
      readonly limit: number | undefined;
      readonly offsetSlot: number;
    }
  | { readonly type: 'count'; readonly where: Condition | undefined; readonly whereFirst: number }
  /** Rows per value of one column: `select column, count(*) … group by column`. */
  | { readonly type: 'group'; readonly column: AnyColumn; readonly where: Condition | undefined }
  | { readonly type: 'insert'; readonly rows: readonly (readonly string[])[]; readonly returning: boolean }
  /** Many rows from one array parameter per key (`ArrayInsert`). */
  | { readonly type: 'arrays'; readonly keys: readonly string[]; readonly returning: boolean }
  | {
      readonly type: 'update';
      readonly keys: readonly string[];
      readonly where: Condition | undefined;
      readonly whereFirst: number;
      readonly returning: boolean;
    }
  | {
      readonly type: 'delete';
      readonly where: Condition | undefined;
      readonly whereFirst: number;
      readonly returning: boolean;
    }
  | {
      readonly type: 'upsert';
      readonly valueKeys: readonly string[];
      readonly patchKeys: readonly string[];
      readonly conflictKeys: readonly string[];
    };

/** How a call's result is shaped: all rows, the first row, a count, or the rows touched. */
type ResultKind = 'rows' | 'first' | 'count' | 'affected';

type Bind = (index: number) => SQLWrapper;

const SEPARATOR = '\u001f';

/** A plan with the columns of its parameters' values, learnt on its first run. */
interface CachedPlan extends Plan {
  /** For each parameter: the neutral column of the slot it took its value from the first time. */
  slotColumns?: (AnyColumn | undefined)[];
  /** For each parameter: that column's Drizzle column, which encodes the value. */
  encoders?: (Column | undefined)[];
}

/** Whether a driver call answered with a promise (postgres-js, PGlite) or at once (better-sqlite3). */
const isPromiseLike = (value: unknown): value is PromiseLike<unknown> =>
  typeof value === 'object' && value !== null && typeof (value as { then?: unknown }).then === 'function';

/** A driver row (an array in the plan's field order) as an object of decoded JS values. */
function decodeRow(fields: Plan['fields'], values: readonly unknown[]): AdapterRow {
  const row: AdapterRow = {};
  for (let f = 0; f < fields.length; f++) {
    const field = fields[f] as Plan['fields'][number];
    row[field.key] = field.decode(values[f]);
  }
  return row;
}

/** Whether a transaction level saw a statement fail (and so can only roll back). */
interface TransactionState {
  aborted: unknown;
}

/**
 * A pooled transaction that lost a serialization conflict runs again, 5 tries in all, the waits
 * spread from zero (full jitter) so that the conflicting ones do not meet again.
 */
const TRANSACTION_RETRY: RetryPolicy = { attempts: 5, initialDelayMs: 20, maxDelayMs: 1000, jitter: 'full' };

/** A transaction that is never retried (a nested one: the outer one retries). */
const NO_RETRY: RetryPolicy = { ...TRANSACTION_RETRY, attempts: 1 };

/** A read whose connection broke is tried 3 times in all: on a pool the next takes another connection. */
const READ_RETRY: RetryPolicy = { attempts: 3, initialDelayMs: 50, maxDelayMs: 1000, jitter: 'equal' };

const isBrokenConnection = (error: unknown) => isDatabaseError(error) && error.kind === 'connection';

const isConflict = (error: unknown) =>
  isDatabaseError(error) && (error.kind === 'serialization' || error.kind === 'deadlock');

/**
 * The SQL implementation of Strata's adapter contract, shared by every SQL engine. Values are
 * always bound parameters; identical semantics come from the dialect's text functions and
 * explicit null ordering. Each query shape is built by Drizzle once and then reused as a plan,
 * so a call costs a shape walk and a prepared-statement execution, not a query build.
 *
 * @example
 * ```ts
 * const adapter = createSqlAdapter({ session: db, capabilities, compileTable, text, transactions, affectedRows, mapError, assertOpen });
 * ```
 */
export function createSqlAdapter(
  options: SqlAdapterOptions,
  depth = 0,
  session = options.session,
  plans: Record<ResultKind, PlanCache> = {
    rows: new PlanCache(),
    first: new PlanCache(),
    count: new PlanCache(),
    affected: new PlanCache(),
  },
  state: TransactionState | undefined = undefined,
): DatabaseAdapter {
  const { compileTable, text, transactions, affectedRows, mapError } = options;
  const inTransaction = depth > 0;
  const executor = inTransaction ? options.transactionExecutor?.(session) : options.executor;

  const drizzleColumn = (column: AnyColumn): Column => {
    const placement = column.placement as { table: AnyTable; key: string };
    return compileTable(placement.table)[placement.key] as Column;
  };

  /** The condition with its values bound to slots `first`…, as placeholders or parameters. */
  const conditionSql = (where: Condition | undefined, first: number, bind: Bind) => {
    const condition = tokenizeCondition(where, first);
    return condition
      ? compileCondition(condition, {
          column: drizzleColumn,
          encoder: (column) => drizzleColumn(column) as never,
          text,
          bind: (value, encoder) => (value instanceof SlotToken ? bind(value.index) : bindSlot(value, encoder)),
        })
      : undefined;
  };

  /**
   * The condition of the partial unique index over exactly `keys`, when no full unique key covers
   * them: an upsert's ON CONFLICT must repeat it (constants inlined, as in the index) for the
   * engine to pick that index as the arbiter.
   */
  const partialKeyPredicate = (table: AnyTable, keys: readonly string[]): SQL | undefined => {
    const { extras, columns } = getTableInfo(table);
    const sameKeys = (indexed: readonly AnyColumn[]) =>
      indexed.length === keys.length && indexed.every((column) => keys.includes(column.placement?.key ?? ''));
    const fullKey =
      (keys.length === 1 &&
        (columns[keys[0] as string]?.config.unique || columns[keys[0] as string]?.config.primaryKey)) ||
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
    return inlineCondition(partial.predicate, (column) => drizzleColumn(column) as never);
  };

  const ordering = (query: ReadQuery): SQL[] =>
    (query.orderBy ?? []).map((term) => {
      const ref = text.ordered(term.column, drizzleColumn(term.column)) as never;
      // A column without nulls sorts plainly, so a PostgreSQL index can serve the order.
      if (term.column.config.notNull) return term.direction === 'asc' ? asc(ref) : desc(ref);
      // Nulls are the smallest value on every engine (SQLite's rule; PostgreSQL's default is the opposite).
      return term.direction === 'asc' ? sql`${asc(ref)} nulls first` : sql`${desc(ref)} nulls last`;
    });

  const placeholders = (keys: readonly string[], first: number, bind: Bind) => {
    const values: AdapterRow = {};
    keys.forEach((key, i) => {
      values[key] = bind(first + i);
    });
    return values;
  };

  /** The values of one inserted row: its keys' slots, plus left-out constant defaults where asked. */
  const insertValues = (drizzleTable: DrizzleTable, keys: readonly string[], first: number, bind: Bind) => {
    const values = placeholders(keys, first, bind);
    return options.inlineConstantDefaults ? withConstantDefaults(drizzleTable, values) : values;
  };

  /** Builds the Drizzle query of a spec; only on a shape's first call (or always, without an executor). */
  const build = (table: AnyTable, spec: Spec, bind: Bind): QueryBuilder => {
    const drizzleTable = compileTable(table);
    switch (spec.type) {
      case 'read': {
        const { query } = spec;
        const selection = query.select && Object.fromEntries(query.select.map((key) => [key, drizzleTable[key]]));
        let builder = session
          .select(selection)
          .from(drizzleTable)
          .where(conditionSql(query.where, 0, bind));
        const terms = ordering(query);
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
          .where(conditionSql(spec.where, spec.whereFirst, bind));
      case 'group': {
        const column = drizzleColumn(spec.column);
        const order = ordering({ orderBy: [{ column: spec.column, direction: 'asc' }] });
        return session
          .select({ value: column, count: count() })
          .from(drizzleTable)
          .where(conditionSql(spec.where, 0, bind))
          .groupBy(column)
          .orderBy(...order);
      }
      case 'arrays':
        // Only ever run as a plan (its SQL has no Drizzle builder): see `createMany`.
        throw new Error('an array insert runs only as a plan');
      case 'insert': {
        let next = 0;
        const rows = spec.rows.map((keys) => {
          const row = insertValues(drizzleTable, keys, next, bind);
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
          .where(conditionSql(spec.where, spec.whereFirst, bind));
        return spec.returning ? builder.returning() : builder;
      }
      case 'delete': {
        const builder = session.delete(drizzleTable).where(conditionSql(spec.where, spec.whereFirst, bind));
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
        const targetWhere = partialKeyPredicate(table, conflictKeys);
        return session
          .insert(drizzleTable)
          .values(insertValues(drizzleTable, valueKeys, 0, bind))
          .onConflictDoUpdate({
            target: conflictKeys.map((key) => drizzleTable[key]),
            set,
            ...(targetWhere && { targetWhere }),
          })
          .returning();
      }
    }
  };

  /** The columns a spec returns, in order, with their decoders. */
  const fieldsOf = (table: AnyTable, spec: Spec): Plan['fields'] => {
    const drizzleTable = compileTable(table);
    if (spec.type === 'count') return [{ key: 'n', decode: Number }];
    if (spec.type === 'group') {
      const column = drizzleColumn(spec.column);
      return [
        { key: 'value', decode: (value: unknown) => (value === null ? null : column.mapFromDriverValue(value)) },
        { key: 'count', decode: Number },
      ];
    }
    const keys =
      spec.type === 'read' && spec.query.select ? spec.query.select : Object.keys(getTableInfo(table).columns);
    return keys.map((key) => {
      const column = drizzleTable[key] as Column;
      return { key, decode: (value: unknown) => (value === null ? null : column.mapFromDriverValue(value)) };
    });
  };

  const planFor = (table: AnyTable, key: string, spec: Spec, kind: ResultKind): CachedPlan | null => {
    const cache = plans[kind];
    const cached = cache.get(key);
    if (cached !== undefined) return cached;
    const placeholder = (index: number) => sql.placeholder(slotName(index));
    const bulk = spec.type === 'arrays' ? options.bulkInsert : undefined;
    const returning = spec.type === 'arrays' && !spec.returning ? [] : Object.keys(getTableInfo(table).columns);
    const { sql: statement, params } =
      spec.type === 'arrays' && bulk
        ? bulk.statement(compileTable(table), spec.keys, returning, placeholder)
        : build(table, spec, placeholder).toSQL();
    const indexes = planParams(params);
    const fields = kind === 'affected' ? [] : fieldsOf(table, spec);
    const plan: CachedPlan | null = !indexes
      ? null
      : bulk && returning.length > 0
        ? {
            text: statement,
            params: indexes,
            fields,
            aggregated: bulk.aggregated(statement, compileTable(table), returning),
          }
        : { text: statement, params: indexes, fields };
    cache.set(key, plan);
    return plan;
  };

  /**
   * The driver values of a plan's parameters, from the call's slots, each encoded by its column
   * as Drizzle encodes parameters. A shape's slots take their values from the same columns on
   * every call: the Drizzle columns are looked up once per plan.
   */
  const planValues = (plan: CachedPlan, slots: SlotValues): unknown[] => {
    const count = plan.params.length;
    let columns = plan.slotColumns;
    let encoders = plan.encoders;
    if (columns === undefined || encoders === undefined) {
      columns = new Array(count);
      encoders = new Array(count);
      for (let i = 0; i < count; i++) {
        const column = slots.column(plan.params[i] as number);
        columns[i] = column;
        encoders[i] = column && drizzleColumn(column);
      }
      plan.slotColumns = columns;
      plan.encoders = encoders;
    }
    const params = new Array(count);
    for (let i = 0; i < count; i++) {
      const slot = plan.params[i] as number;
      const value = slots.value(slot);
      const column = slots.column(slot);
      if (column === undefined || value === null) params[i] = value;
      else
        params[i] = (column === columns[i] ? (encoders[i] as Column) : drizzleColumn(column)).mapToDriverValue(value);
    }
    return params;
  };

  /** The call's result from the driver's answer: rows decoded, or the first, a count, a number touched. */
  const finish = (plan: Plan, kind: ResultKind, firstOnly: boolean, answer: unknown): unknown => {
    if (kind === 'affected') return answer;
    const fields = plan.fields;
    if (firstOnly) return answer ? decodeRow(fields, answer as unknown[]) : undefined;
    const list = answer as unknown[][];
    if (kind === 'first') return list.length > 0 ? decodeRow(fields, list[0] as unknown[]) : undefined;
    if (kind === 'count') return Number((list.length > 0 ? decodeRow(fields, list[0] as unknown[]) : {}).n ?? 0);
    const rows: AdapterRow[] = new Array(list.length);
    for (let r = 0; r < list.length; r++) rows[r] = decodeRow(fields, list[r] as unknown[]);
    return rows;
  };

  /** An engine error as Strata's; it also marks the transaction as failed. */
  const failed = (table: AnyTable, error: unknown): unknown => {
    const mapped = mapError(error, table);
    // PostgreSQL aborts a transaction on any failed statement; every engine does the same.
    if (state) state.aborted = mapped;
    return mapped;
  };

  /** Without a plan: the query built by Drizzle and run by it, as users' own queries are. */
  const runBuilt = async <T>(table: AnyTable, slots: SlotValues, spec: Spec, kind: ResultKind): Promise<T> => {
    try {
      // Bound as SQL so Drizzle takes it as given in values(), set() and limit() alike.
      const direct: Bind = (index) => {
        const value = slots.value(index);
        const column = slots.column(index);
        const encoder = column && value !== null ? drizzleColumn(column) : undefined;
        return sql`${sql.param(value, encoder)}`;
      };
      const result = await build(table, spec, direct);
      return (kind === 'affected' ? affectedRows(result) : shape(kind, result)) as T;
    } catch (error) {
      throw failed(table, error);
    }
  };

  const shape = (kind: ResultKind, rows: unknown): unknown => {
    const list = rows as AdapterRow[];
    if (kind === 'first') return list[0];
    if (kind === 'count') return Number(list[0]?.n ?? 0);
    return list;
  };

  /**
   * Runs a call on its plan. Not an async function: a synchronous driver's answer is decoded at
   * once, and an asynchronous one's in a single `then`, so a point read costs no extra turns of
   * the microtask queue.
   */
  const runPlanned = <T>(table: AnyTable, key: string, slots: SlotValues, spec: Spec, kind: ResultKind): Promise<T> => {
    try {
      const plan = executor ? planFor(table, key, spec, kind) : null;
      if (!executor || !plan) return runBuilt<T>(table, slots, spec, kind);
      const params = planValues(plan, slots);
      // Reads only: a write stepped once by better-sqlite3's get() never lets SQLite checkpoint its log.
      const firstOnly = kind === 'first' && spec.type === 'read' && executor.first !== undefined;
      const answer =
        kind === 'affected'
          ? executor.run(plan, params)
          : firstOnly
            ? (executor.first as NonNullable<PlanExecutor['first']>)(plan, params)
            : executor.rows(plan, params);
      return answered<T>(table, plan, kind, firstOnly, answer);
    } catch (error) {
      return Promise.reject(failed(table, error));
    }
  };

  /** The call's result from the driver's answer, given at once or as a promise. */
  const answered = <T>(table: AnyTable, plan: Plan, kind: ResultKind, firstOnly: boolean, answer: unknown) => {
    if (!isPromiseLike(answer)) return Promise.resolve(finish(plan, kind, firstOnly, answer) as T);
    return Promise.resolve(
      answer.then(
        (value) => {
          try {
            return finish(plan, kind, firstOnly, value) as T;
          } catch (error) {
            throw failed(table, error);
          }
        },
        (error) => {
          throw failed(table, error);
        },
      ),
    );
  };

  /**
   * Runs one call: refused once the database is closed or a statement of the transaction failed;
   * outside a transaction, on the engine's turn (single-connection engines queue it behind one).
   */
  const call = <T>(run: () => Promise<T>): Promise<T> => {
    options.assertOpen(inTransaction);
    if (state?.aborted) return Promise.reject(new TransactionAbortedError({ cause: state.aborted }));
    return inTransaction ? run() : transactions.operation(run);
  };

  const execute = <T>(table: AnyTable, key: string, slots: SlotValues, spec: Spec, kind: ResultKind): Promise<T> => {
    const once = () => call(() => runPlanned<T>(table, key, slots, spec, kind));
    if (!options.retryReads || inTransaction || (spec.type !== 'read' && spec.type !== 'count')) return once();
    return withRetryPolicy(once, READ_RETRY, {
      retryable: isBrokenConnection,
      notify: (attempt, delayMs, error) => options.onRetry?.({ operation: 'read', attempt, delayMs, error }),
    });
  };

  /** Slots for the values of a write, in sorted key order; returns the keys. */
  const valueSlots = (table: AnyTable, values: AdapterRow, slots: Slots) => {
    const columns = getTableInfo(table).columns;
    const keys = Object.keys(values).sort();
    for (const key of keys) slots.push(values[key], columns[key]);
    return keys;
  };

  /** A read; `findOne` passes its limit of 1 apart, so the query need not be copied. */
  const read = (table: AnyTable, query: ReadQuery, kind: ResultKind, queryLimit = query.limit) => {
    const slots = new Slots();
    const hasOffset = query.offset !== undefined && query.offset > 0;
    // SQLite accepts OFFSET only after a LIMIT; a limit no table reaches works on every engine.
    const limit = queryLimit ?? (hasOffset ? Number.MAX_SAFE_INTEGER : undefined);
    let key: string;
    if (query.shapeKey !== undefined) {
      // The caller vouches for the shape (limit included): collect the values only.
      conditionValues(query.where, slots);
      key = query.shapeKey;
    } else {
      const whereKey = conditionKey(query.where, slots);
      let order = '';
      for (const term of query.orderBy ?? []) order += `${term.column.placement?.key}:${term.direction},`;
      key = `find${SEPARATOR}${getTableInfo(table).name}${SEPARATOR}${whereKey}${SEPARATOR}${order}${SEPARATOR}${limit ?? ''}${SEPARATOR}${hasOffset}${SEPARATOR}${query.select?.join(',') ?? '*'}`;
    }
    const offsetSlot = hasOffset ? slots.push(query.offset, undefined) : -1;
    return execute<never>(table, key, slots, { type: 'read', query, limit, offsetSlot }, kind);
  };

  /** The shape key of an INSERT of `count` rows that all have the fields `keys` (sorted). */
  const insertKey = (table: AnyTable, keys: readonly string[], count: number, returning: boolean) =>
    `insert${SEPARATOR}${getTableInfo(table).name}${SEPARATOR}${keys.join(',')}x${count}${SEPARATOR}${returning}`;

  /**
   * `createMany` on the engine's bulk path (see `ArrayInsert`), or `undefined` where it does not
   * apply: rows whose fields differ, or a left-out field that Drizzle fills in JavaScript
   * (`$defaultFn`, `$onUpdate`) — the one-row INSERT of these fields must be a plan, as then no
   * value comes from anywhere but the rows and the column defaults in SQL. Anything unexpected
   * also falls back to the ordinary path, which reports it as it always has.
   */
  const bulkInsert = <T>(table: AnyTable, rows: readonly AdapterRow[], returning: boolean): Promise<T> | undefined => {
    const bulk = options.bulkInsert;
    if (!bulk || !executor || rows.length < 2) return undefined;
    try {
      const keys = uniformFields(rows);
      if (!keys || keys.length === 0) return undefined;
      const kind: ResultKind = returning ? 'rows' : 'affected';
      const oneRow: Spec = { type: 'insert', rows: [keys], returning };
      if (!planFor(table, insertKey(table, keys, 1, returning), oneRow, kind)) return undefined;
      const drizzleTable = compileTable(table);
      const slots = new Slots();
      const values = new Array(rows.length);
      for (let k = 0; k < keys.length; k++) {
        const key = keys[k] as string;
        const encoder = drizzleTable[key] as Column;
        for (let r = 0; r < rows.length; r++) {
          const value = (rows[r] as AdapterRow)[key];
          values[r] = value === null || value === undefined ? value : encoder.mapToDriverValue(value);
        }
        const literal = bulk.array(values);
        if (literal === undefined) return undefined;
        slots.push(literal, undefined);
      }
      const key = `arrays${SEPARATOR}${getTableInfo(table).name}${SEPARATOR}${keys.join(',')}${SEPARATOR}${returning}`;
      return execute<T>(table, key, slots, { type: 'arrays', keys, returning }, kind);
    } catch {
      return undefined;
    }
  };

  /** An INSERT of `values`; without `returning` the result is the number of rows inserted. */
  const insert = (table: AnyTable, values: readonly AdapterRow[], kind: ResultKind) => {
    const returning = kind !== 'affected';
    // Bulk inserts usually give every row the same fields: one key list serves them all, and
    // the values are read from the rows as the parameters are made.
    const keys = uniformFields(values);
    if (keys) {
      const columns = getTableInfo(table).columns;
      const slots = new RowSlots(
        values,
        keys,
        keys.map((key) => columns[key]),
      );
      const rows = new Array<readonly string[]>(values.length).fill(keys);
      const key = insertKey(table, keys, values.length, returning);
      return execute<never>(table, key, slots, { type: 'insert', rows, returning }, kind);
    }
    const slots = new Slots();
    const rows = values.map((row) => valueSlots(table, row, slots));
    const key = `insert${SEPARATOR}${getTableInfo(table).name}${SEPARATOR}${rows.map((keys) => keys.join(',')).join(';')}${SEPARATOR}${returning}`;
    return execute<never>(table, key, slots, { type: 'insert', rows, returning }, kind);
  };

  const update = (table: AnyTable, condition: Condition | undefined, patch: AdapterRow, returning: boolean) => {
    const slots = new Slots();
    const keys = valueSlots(table, patch, slots);
    const whereFirst = slots.length;
    const whereKey = conditionKey(condition, slots);
    const key = `update${SEPARATOR}${getTableInfo(table).name}${SEPARATOR}${keys.join(',')}${SEPARATOR}${whereKey}${SEPARATOR}${returning}`;
    return execute<never>(
      table,
      key,
      slots,
      { type: 'update', keys, where: condition, whereFirst, returning },
      returning ? 'rows' : 'affected',
    );
  };

  const remove = (table: AnyTable, condition: Condition | undefined, returning: boolean) => {
    const slots = new Slots();
    const whereKey = conditionKey(condition, slots);
    const key = `delete${SEPARATOR}${getTableInfo(table).name}${SEPARATOR}${whereKey}${SEPARATOR}${returning}`;
    return execute<never>(
      table,
      key,
      slots,
      { type: 'delete', where: condition, whereFirst: 0, returning },
      returning ? 'rows' : 'affected',
    );
  };

  const adapter: DatabaseAdapter = {
    capabilities: options.capabilities,
    create: (table, values) => insert(table, [values], 'first'),
    createMany: (table, values) => bulkInsert(table, values, true) ?? insert(table, values, 'rows'),
    insertMany: (table, values) => bulkInsert(table, values, false) ?? insert(table, values, 'affected'),
    findOne: (table, query) => read(table, query, 'first', 1),
    findMany: (table, query) => read(table, query, 'rows'),
    count: (table, condition) => {
      const slots = new Slots();
      const key = `count${SEPARATOR}${getTableInfo(table).name}${SEPARATOR}${conditionKey(condition, slots)}`;
      return execute(table, key, slots, { type: 'count', where: condition, whereFirst: 0 }, 'count');
    },
    countBy: (table, column, condition) => {
      const slots = new Slots();
      const key = `group${SEPARATOR}${getTableInfo(table).name}${SEPARATOR}${column.placement?.key}${SEPARATOR}${conditionKey(condition, slots)}`;
      return execute(table, key, slots, { type: 'group', column, where: condition }, 'rows');
    },
    update: (table, condition, patch) => update(table, condition, patch, true),
    updateMany: (table, condition, patch) => update(table, condition, patch, false),
    upsert: (table, values, conflictKeys, patch) => {
      const slots = new Slots();
      const valueKeys = valueSlots(table, values, slots);
      const patchKeys = valueSlots(table, patch, slots);
      const key = `upsert${SEPARATOR}${getTableInfo(table).name}${SEPARATOR}${valueKeys.join(',')}${SEPARATOR}${conflictKeys.join(',')}${SEPARATOR}${patchKeys.join(',')}`;
      return execute(table, key, slots, { type: 'upsert', valueKeys, patchKeys, conflictKeys }, 'first');
    },
    delete: (table, condition) => remove(table, condition, true),
    deleteMany: (table, condition) => remove(table, condition, false),
    transaction: async (work) => {
      options.assertOpen(inTransaction);
      if (state?.aborted) throw new TransactionAbortedError({ cause: state.aborted });
      const attempt = () => {
        const inner: TransactionState = { aborted: undefined };
        const run = () =>
          transactions.transaction(session, depth, async (tx) => {
            const result = await work(createSqlAdapter(options, depth + 1, tx, plans, inner));
            if (inner.aborted) throw new TransactionAbortedError({ cause: inner.aborted });
            return result;
          });
        return inTransaction ? run() : transactions.operation(run);
      };
      // On a pool, transactions run side by side at SERIALIZABLE isolation, so they give the
      // results of running one at a time (as SQLite and PGlite do); a conflict runs `work` again.
      // A nested one is a savepoint: its conflict is the outer transaction's to retry.
      const mapped = () =>
        attempt().catch((error: unknown) => {
          throw mapError(error, undefined);
        });
      return withRetryPolicy(mapped, inTransaction ? NO_RETRY : TRANSACTION_RETRY, {
        retryable: isConflict,
        notify: (attempts, delayMs, error) =>
          options.onRetry?.({ operation: 'transaction', attempt: attempts, delayMs, error }),
      });
    },
  };
  SESSIONS.set(adapter, session);
  return adapter;
}

/** The Drizzle session of each adapter: `withClaims` runs its settings on a transaction's own. */
const SESSIONS = new WeakMap<DatabaseAdapter, DrizzleSession>();

/**
 * The Drizzle database or transaction an adapter of {@link createSqlAdapter} runs on.
 *
 * @example
 * ```ts
 * await adapter.transaction(async (tx) => sessionOfAdapter(tx)); // the Drizzle transaction
 * ```
 */
export function sessionOfAdapter(adapter: DatabaseAdapter): DrizzleSession | undefined {
  return SESSIONS.get(adapter);
}
