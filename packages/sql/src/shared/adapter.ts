import type {
  AdapterCapabilities,
  AdapterRow,
  AnyColumn,
  AnyTable,
  Condition,
  DatabaseAdapter,
  ReadQuery,
} from '@strata/core';
import { asc, count, desc, type SQL, type SQLWrapper, sql } from 'drizzle-orm';
import { compileCondition, type TextDialect } from './condition.js';
import type { DrizzleTable } from './table-compiler.js';

/**
 * The Drizzle query-builder surface the adapter uses. PostgreSQL and SQLite builders share it;
 * on better-sqlite3 awaiting a builder runs it synchronously.
 */
interface QueryBuilder extends PromiseLike<unknown> {
  where(condition: SQL | undefined): QueryBuilder;
  orderBy(...terms: SQL[]): QueryBuilder;
  limit(limit: number): QueryBuilder;
  offset(offset: number): QueryBuilder;
  values(values: AdapterRow | AdapterRow[]): QueryBuilder;
  set(values: AdapterRow): QueryBuilder;
  returning(fields?: Record<string, unknown>): QueryBuilder;
  from(table: unknown): QueryBuilder;
  onConflictDoUpdate(config: { target: unknown[]; set: AdapterRow }): QueryBuilder;
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
  readonly mapError: (error: unknown, table: AnyTable) => unknown;
  /** Throws when the database was closed. */
  readonly assertOpen: () => void;
}

/**
 * The SQL implementation of Strata's adapter contract, shared by every SQL engine. Values are
 * always bound parameters (Drizzle's builders); identical semantics come from the dialect's
 * text functions and explicit null ordering.
 */
export function createSqlAdapter(options: SqlAdapterOptions, depth = 0, session = options.session): DatabaseAdapter {
  const { compileTable, text, transactions, affectedRows, mapError } = options;
  const inTransaction = depth > 0;

  const columnRef = (column: AnyColumn): SQLWrapper => {
    const placement = column.placement;
    return compileTable(placement?.table as AnyTable)[placement?.key ?? ''] as SQLWrapper;
  };
  const target = {
    column: columnRef,
    encoder: (column: AnyColumn) => columnRef(column) as never,
    text,
  };
  const where = (condition: Condition | undefined) => (condition ? compileCondition(condition, target) : undefined);

  /** Runs one operation: queued on single-connection engines (unless already in a transaction), errors mapped. */
  const run = async <T>(table: AnyTable, work: () => Promise<T>): Promise<T> => {
    options.assertOpen();
    try {
      return inTransaction ? await work() : await transactions.operation(work);
    } catch (error) {
      throw mapError(error, table);
    }
  };

  const selection = (drizzleTable: DrizzleTable, select: readonly string[] | undefined) =>
    select ? Object.fromEntries(select.map((key) => [key, drizzleTable[key]])) : undefined;

  const ordering = (query: ReadQuery): SQL[] =>
    (query.orderBy ?? []).map((term) => {
      const ref = text.ordered(term.column, columnRef(term.column));
      // Nulls are the smallest value on every engine (SQLite's rule; PostgreSQL's default is the opposite).
      return term.direction === 'asc' ? sql`${asc(ref as never)} nulls first` : sql`${desc(ref as never)} nulls last`;
    });

  const read = (table: AnyTable, query: ReadQuery): QueryBuilder => {
    const drizzleTable = compileTable(table);
    let builder = session.select(selection(drizzleTable, query.select)).from(drizzleTable).where(where(query.where));
    const order = ordering(query);
    if (order.length > 0) builder = builder.orderBy(...order);
    if (query.limit !== undefined) builder = builder.limit(query.limit);
    if (query.offset !== undefined && query.offset > 0) {
      // SQLite accepts OFFSET only after a LIMIT; a limit no table reaches works on every engine.
      if (query.limit === undefined) builder = builder.limit(Number.MAX_SAFE_INTEGER);
      builder = builder.offset(query.offset);
    }
    return builder;
  };

  const adapter: DatabaseAdapter = {
    capabilities: options.capabilities,
    create: (table, values) =>
      run(table, async () => {
        const rows = (await session.insert(compileTable(table)).values(values).returning()) as AdapterRow[];
        return rows[0] as AdapterRow;
      }),
    createMany: (table, values) =>
      run(
        table,
        async () =>
          (await session
            .insert(compileTable(table))
            .values([...values])
            .returning()) as AdapterRow[],
      ),
    findOne: (table, query) => run(table, async () => ((await read(table, { ...query, limit: 1 })) as AdapterRow[])[0]),
    findMany: (table, query) => run(table, async () => (await read(table, query)) as AdapterRow[]),
    count: (table, condition) =>
      run(table, async () => {
        const drizzleTable = compileTable(table);
        const rows = (await session.select({ n: count() }).from(drizzleTable).where(where(condition))) as {
          n: number;
        }[];
        return Number(rows[0]?.n ?? 0);
      }),
    update: (table, condition, patch) =>
      run(
        table,
        async () =>
          (await session.update(compileTable(table)).set(patch).where(where(condition)).returning()) as AdapterRow[],
      ),
    updateMany: (table, condition, patch) =>
      run(table, async () =>
        affectedRows(await session.update(compileTable(table)).set(patch).where(where(condition))),
      ),
    upsert: (table, values, conflictKeys, patch) =>
      run(table, async () => {
        const drizzleTable = compileTable(table);
        const targetColumns = conflictKeys.map((key) => drizzleTable[key]);
        // An empty patch still has to return the existing row: set a key column to itself.
        const set =
          Object.keys(patch).length > 0
            ? patch
            : { [conflictKeys[0] as string]: sql`${drizzleTable[conflictKeys[0] as string]}` };
        const rows = (await session
          .insert(drizzleTable)
          .values(values)
          .onConflictDoUpdate({ target: targetColumns, set })
          .returning()) as AdapterRow[];
        return rows[0] as AdapterRow;
      }),
    delete: (table, condition) =>
      run(
        table,
        async () => (await session.delete(compileTable(table)).where(where(condition)).returning()) as AdapterRow[],
      ),
    deleteMany: (table, condition) =>
      run(table, async () => affectedRows(await session.delete(compileTable(table)).where(where(condition)))),
    transaction: async (work) => {
      options.assertOpen();
      const runInTransaction = () =>
        transactions.transaction(session, depth, (inner) => work(createSqlAdapter(options, depth + 1, inner)));
      return inTransaction ? runInTransaction() : transactions.operation(runInTransaction);
    },
  };
  return adapter;
}
