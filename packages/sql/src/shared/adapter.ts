import {
  type AdapterCapabilities,
  type AdapterRow,
  type AnyColumn,
  type AnyTable,
  type Condition,
  type DatabaseAdapter,
  getTableInfo,
  type ReadQuery,
  TransactionAbortedError,
  uniformFields,
} from '@strata/core';
import { createBulkInsert } from './adapter-bulk-insert.js';
import type { SqlAdapterOptions } from './adapter-options.js';
import { conditionKey, conditionValues, type PlanExecutor, RowSlots, Slots, type SlotValues } from './plan.js';
import { type DrizzleSession, QueryBuilder } from './query-builder.js';
import { QueryPlans } from './query-plans.js';
import { BuiltQueryRunner, PlannedQueryRunner, type QueryRunner } from './query-runner.js';
import { isReadSpec, type QuerySpec, type ResultKind, shapeKey } from './query-spec.js';
import { isBrokenConnection, isConflict, NO_RETRY, READ_RETRY, TRANSACTION_RETRY, withRetryPolicy } from './retry.js';

export type { SqlAdapterOptions, TransactionRunner } from './adapter-options.js';
export type { DrizzleSession } from './query-builder.js';

/** What a database's adapter and the adapters of its transactions share. */
interface AdapterParts {
  readonly options: SqlAdapterOptions;
  readonly builder: QueryBuilder;
  readonly plans: QueryPlans;
  readonly capabilities: AdapterCapabilities;
  /** An engine error as Strata's (or unchanged), naming the table's constraints and columns. */
  readonly mapError: (error: unknown, table: AnyTable | undefined) => unknown;
}

/** Whether a transaction level saw a statement fail (and so can only roll back). */
interface TransactionState {
  aborted: unknown;
}

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
export function createSqlAdapter(options: SqlAdapterOptions): DatabaseAdapter {
  const { dialect, schema } = options;
  const builder = new QueryBuilder(dialect);
  const { bulkInsertRows, ...limits } = { ...dialect.limits, ...options.limits };
  const parts: AdapterParts = {
    options,
    builder,
    plans: new QueryPlans(builder, options.session, dialect.bulkInsert),
    // The bulk path runs only as a plan: without an executor every insert binds a parameter per value.
    capabilities: options.executor && bulkInsertRows !== undefined ? { ...limits, bulkInsertRows } : limits,
    mapError: (error, table) => dialect.mapError(error, { table, tables: schema }),
  };
  return new SqlAdapter(parts, 0, options.session, undefined);
}

/**
 * The adapter of a database (depth 0) or of one of its transactions (depth ≥ 1, on the
 * transaction's session): calls become query specs, run by the plan runner when the engine has
 * an executor for this session.
 */
class SqlAdapter implements DatabaseAdapter {
  readonly capabilities: AdapterCapabilities;
  /** The Drizzle database or transaction this adapter runs on (`withClaims` sets values on it). */
  readonly session: DrizzleSession;
  readonly #parts: AdapterParts;
  readonly #depth: number;
  readonly #state: TransactionState | undefined;
  readonly #runner: QueryRunner;
  readonly #executor: PlanExecutor | undefined;

  constructor(parts: AdapterParts, depth: number, session: DrizzleSession, state: TransactionState | undefined) {
    const { options } = parts;
    this.capabilities = parts.capabilities;
    this.session = session;
    this.#parts = parts;
    this.#depth = depth;
    this.#state = state;
    this.#executor = depth > 0 ? options.transactionExecutor?.(session) : options.executor;
    const fail = (table: AnyTable, error: unknown) => this.#failed(table, error);
    const built = new BuiltQueryRunner(parts.builder, session, options.affectedRows, fail);
    this.#runner = this.#executor ? new PlannedQueryRunner(parts.plans, this.#executor, built, fail) : built;
  }

  create(table: AnyTable, values: AdapterRow): Promise<AdapterRow> {
    return this.#insert(table, [values], 'first');
  }

  createMany(table: AnyTable, values: readonly AdapterRow[]): Promise<AdapterRow[]> {
    return this.#bulkInsert<AdapterRow[]>(table, values, true) ?? this.#insert(table, values, 'rows');
  }

  insertMany(table: AnyTable, values: readonly AdapterRow[]): Promise<number> {
    return this.#bulkInsert<number>(table, values, false) ?? this.#insert(table, values, 'affected');
  }

  findOne(table: AnyTable, query: ReadQuery): Promise<AdapterRow | undefined> {
    // Its limit of 1 is passed apart, so the query need not be copied.
    return this.#read(table, query, 'first', 1);
  }

  findMany(table: AnyTable, query: ReadQuery): Promise<AdapterRow[]> {
    return this.#read(table, query, 'rows', query.limit);
  }

  count(table: AnyTable, where: Condition | undefined): Promise<number> {
    const slots = new Slots();
    const whereKey = conditionKey(where, slots);
    return this.#execute(table, slots, { type: 'count', where, whereKey, whereFirst: 0 }, 'count');
  }

  countBy(
    table: AnyTable,
    column: AnyColumn,
    where: Condition | undefined,
  ): Promise<{ value: unknown; count: number }[]> {
    const slots = new Slots();
    const whereKey = conditionKey(where, slots);
    return this.#execute(table, slots, { type: 'group', column, where, whereKey }, 'rows');
  }

  update(table: AnyTable, where: Condition | undefined, patch: AdapterRow): Promise<AdapterRow[]> {
    return this.#update(table, where, patch, true);
  }

  updateMany(table: AnyTable, where: Condition | undefined, patch: AdapterRow): Promise<number> {
    return this.#update(table, where, patch, false);
  }

  upsert(table: AnyTable, values: AdapterRow, conflictKeys: readonly string[], patch: AdapterRow): Promise<AdapterRow> {
    const slots = new Slots();
    const valueKeys = valueSlots(table, values, slots);
    const patchKeys = valueSlots(table, patch, slots);
    return this.#execute(table, slots, { type: 'upsert', valueKeys, patchKeys, conflictKeys }, 'first');
  }

  delete(table: AnyTable, where: Condition | undefined): Promise<AdapterRow[]> {
    return this.#remove(table, where, true);
  }

  deleteMany(table: AnyTable, where: Condition | undefined): Promise<number> {
    return this.#remove(table, where, false);
  }

  async transaction<T>(work: (adapter: DatabaseAdapter) => Promise<T>): Promise<T> {
    const { options } = this.#parts;
    const inTransaction = this.#depth > 0;
    options.assertOpen(inTransaction);
    if (this.#state?.aborted) throw new TransactionAbortedError({ cause: this.#state.aborted });
    const attempt = () => {
      const inner: TransactionState = { aborted: undefined };
      const run = () =>
        options.transactions.transaction(this.session, this.#depth, async (tx) => {
          const result = await work(new SqlAdapter(this.#parts, this.#depth + 1, tx, inner));
          if (inner.aborted) throw new TransactionAbortedError({ cause: inner.aborted });
          return result;
        });
      return inTransaction ? run() : options.transactions.operation(run);
    };
    // On a pool, transactions run side by side at SERIALIZABLE isolation, so they give the
    // results of running one at a time (as SQLite and PGlite do); a conflict runs `work` again.
    // A nested one is a savepoint: its conflict is the outer transaction's to retry.
    const mapped = () =>
      attempt().catch((error: unknown) => {
        throw this.#parts.mapError(error, undefined);
      });
    return withRetryPolicy(mapped, inTransaction ? NO_RETRY : TRANSACTION_RETRY, {
      retryable: isConflict,
      notify: (attempts, delayMs, error) =>
        options.onRetry?.({ operation: 'transaction', attempt: attempts, delayMs, error }),
    });
  }

  /** An engine error as Strata's; it also marks the transaction as failed. */
  #failed(table: AnyTable, error: unknown): unknown {
    const mapped = this.#parts.mapError(error, table);
    // PostgreSQL aborts a transaction on any failed statement; every engine does the same.
    if (this.#state) this.#state.aborted = mapped;
    return mapped;
  }

  /**
   * Runs one call: refused once the database is closed or a statement of the transaction failed;
   * outside a transaction, on the engine's turn (single-connection engines queue it behind one).
   */
  #guarded<T>(run: () => Promise<T>): Promise<T> {
    const { options } = this.#parts;
    const inTransaction = this.#depth > 0;
    options.assertOpen(inTransaction);
    if (this.#state?.aborted) return Promise.reject(new TransactionAbortedError({ cause: this.#state.aborted }));
    return inTransaction ? run() : options.transactions.operation(run);
  }

  #execute<T>(table: AnyTable, slots: SlotValues, spec: QuerySpec, kind: ResultKind): Promise<T> {
    const key = shapeKey(table, spec);
    const once = () => this.#guarded(() => this.#runner.run<T>(table, key, slots, spec, kind));
    const { options } = this.#parts;
    if (!options.retryReads || this.#depth > 0 || !isReadSpec(spec)) return once();
    return withRetryPolicy(once, READ_RETRY, {
      retryable: isBrokenConnection,
      notify: (attempt, delayMs, error) => options.onRetry?.({ operation: 'read', attempt, delayMs, error }),
    });
  }

  #read<T>(table: AnyTable, query: ReadQuery, kind: ResultKind, queryLimit: number | undefined): Promise<T> {
    const slots = new Slots();
    const hasOffset = query.offset !== undefined && query.offset > 0;
    // SQLite accepts OFFSET only after a LIMIT; a limit no table reaches works on every engine.
    const limit = queryLimit ?? (hasOffset ? Number.MAX_SAFE_INTEGER : undefined);
    let whereKey = '';
    // A caller that vouches for the shape (limit included) needs the values only.
    if (query.shapeKey !== undefined) conditionValues(query.where, slots);
    else whereKey = conditionKey(query.where, slots);
    const offsetSlot = hasOffset ? slots.push(query.offset, undefined) : -1;
    return this.#execute<T>(table, slots, { type: 'read', query, whereKey, limit, offsetSlot }, kind);
  }

  /** An INSERT of `values`; without RETURNING (`affected`) the result is the number of rows inserted. */
  #insert<T>(table: AnyTable, values: readonly AdapterRow[], kind: ResultKind): Promise<T> {
    const returning = kind !== 'affected';
    // Bulk inserts usually give every row the same fields: one key list serves them all, and
    // the values are read from the rows as the parameters are made.
    const uniformKeys = uniformFields(values);
    if (uniformKeys) {
      const columns = getTableInfo(table).columns;
      const slots = new RowSlots(
        values,
        uniformKeys,
        uniformKeys.map((key) => columns[key]),
      );
      const rows = new Array<readonly string[]>(values.length).fill(uniformKeys);
      return this.#execute<T>(table, slots, { type: 'insert', rows, uniformKeys, returning }, kind);
    }
    const slots = new Slots();
    const rows = values.map((row) => valueSlots(table, row, slots));
    return this.#execute<T>(table, slots, { type: 'insert', rows, uniformKeys: undefined, returning }, kind);
  }

  /** `createMany` on the engine's bulk path (see `ArrayInsert`), or `undefined` where it does not apply. */
  #bulkInsert<T>(table: AnyTable, rows: readonly AdapterRow[], returning: boolean): Promise<T> | undefined {
    const { options, builder, plans } = this.#parts;
    const bulk = options.dialect.bulkInsert;
    if (!bulk || !this.#executor) return undefined;
    const call = createBulkInsert(bulk, builder, plans, table, rows, returning);
    return call && this.#execute<T>(table, call.slots, call.spec, returning ? 'rows' : 'affected');
  }

  #update<T>(table: AnyTable, where: Condition | undefined, patch: AdapterRow, returning: boolean): Promise<T> {
    const slots = new Slots();
    const keys = valueSlots(table, patch, slots);
    const whereFirst = slots.length;
    const whereKey = conditionKey(where, slots);
    const spec: QuerySpec = { type: 'update', keys, where, whereKey, whereFirst, returning };
    return this.#execute<T>(table, slots, spec, returning ? 'rows' : 'affected');
  }

  #remove<T>(table: AnyTable, where: Condition | undefined, returning: boolean): Promise<T> {
    const slots = new Slots();
    const whereKey = conditionKey(where, slots);
    return this.#execute<T>(
      table,
      slots,
      { type: 'delete', where, whereKey, returning },
      returning ? 'rows' : 'affected',
    );
  }
}

/** Slots for the values of a write, in sorted key order; returns the keys. */
function valueSlots(table: AnyTable, values: AdapterRow, slots: Slots): string[] {
  const columns = getTableInfo(table).columns;
  const keys = Object.keys(values).sort();
  for (const key of keys) slots.push(values[key], columns[key]);
  return keys;
}

/**
 * The Drizzle database or transaction an adapter of {@link createSqlAdapter} runs on.
 *
 * @example
 * ```ts
 * await adapter.transaction(async (tx) => sessionOfAdapter(tx)); // the Drizzle transaction
 * ```
 */
export function sessionOfAdapter(adapter: DatabaseAdapter): DrizzleSession | undefined {
  return adapter instanceof SqlAdapter ? adapter.session : undefined;
}
