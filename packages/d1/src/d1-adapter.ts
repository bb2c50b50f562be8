import {
  type AdapterRow,
  type AnyTable,
  type DatabaseAdapter,
  getTableInfo,
  type SchemaModule,
  StrataError,
} from '@strata/core';
import { sqliteDialect, toSQLiteTable } from '@strata/sql/sqlite';
import type { D1Binding, D1StatementLike } from './d1-binding.js';

/** D1's limit of bound parameters per statement. */
export const D1_MAX_PARAMETERS = 100;

/** How many `insertMany` statement texts one database keeps prepared. */
const PREPARED_INSERTS = 32;

/** The `code` of the error `transaction()` rejects with on D1. */
export const TRANSACTION_UNSUPPORTED = 'TRANSACTION_UNSUPPORTED';

/**
 * The typed error of everything that would need an interactive transaction on D1.
 *
 * @example
 * ```ts
 * return Promise.reject(transactionUnsupported());
 * ```
 */
export const transactionUnsupported = (): StrataError =>
  new StrataError(
    TRANSACTION_UNSUPPORTED,
    'D1 has no interactive transactions: it runs a batch of statements atomically, but cannot hold a ' +
      'transaction open while JavaScript awaits. db.transaction() and db.drizzle.transaction() are ' +
      'refused; createMany, insertMany, migrations and createTables() run as one batch each. For ' +
      'writes of your own that must be all or none, use db.drizzle.batch([...]).',
  );

/** What a Drizzle insert builder offers the batch: the rows it returns, or its SQL. */
interface InsertBuilder {
  values(rows: readonly AdapterRow[]): InsertBuilder & {
    returning(): unknown;
    toSQL(): { sql: string; params: unknown[] };
  };
}

/** The Drizzle D1 database, as the batch insert uses it. */
export interface D1BatchDrizzle {
  insert(table: unknown): InsertBuilder;
  batch(queries: readonly unknown[]): Promise<unknown[]>;
}

/** Options of {@link d1Adapter}. */
export interface D1AdapterOptions {
  readonly drizzle: D1BatchDrizzle;
  /** The binding Drizzle runs on (Strata's wrapper of it): `insertMany`'s batch goes straight to it. */
  readonly binding: D1Binding;
  readonly schema: SchemaModule;
  readonly assertOpen: (inTransaction: boolean) => void;
}

/**
 * Strata's SQLite adapter made fit for D1: at most 100 parameters per statement (the repository
 * refuses a larger filter up front, as it does at SQLite's own limit), a bulk insert of any
 * number of rows, with the same fields or not, handed over whole (`atomicBulkInsert`) and written
 * as one D1 batch of inserts of up to 100 values each — atomic, so a failing row anywhere leaves
 * no row — and transactions refused with `TRANSACTION_UNSUPPORTED` before anything runs.
 *
 * @example
 * ```ts
 * openSQLiteDatabase({ ..., adapter: (adapter, assertOpen) => d1Adapter(adapter, { drizzle, binding, schema, assertOpen }) });
 * ```
 */
export function d1Adapter(base: DatabaseAdapter, options: D1AdapterOptions): DatabaseAdapter {
  const { drizzle, binding, schema, assertOpen } = options;
  // `insertMany`'s statements, prepared once per text (one per chunk size and set of fields) and
  // bound per chunk; rows of ever new field sets cannot make it grow past a bound.
  const prepared = new Map<string, D1StatementLike>();
  const statementOf = (text: string) => {
    let statement = prepared.get(text);
    if (!statement) {
      if (prepared.size >= PREPARED_INSERTS) prepared.clear();
      statement = binding.prepare(text);
      prepared.set(text, statement);
    }
    return statement;
  };

  /**
   * Inserts in statements of at most 100 values each, all in one batch; one statement needs none.
   * Rows may differ in fields: Drizzle writes a field a row leaves out as its default (or null),
   * one value per column at most, so a statement's rows need not match.
   */
  const batched = async <R>(
    table: AnyTable,
    rows: readonly AdapterRow[],
    returning: boolean,
    single: () => Promise<R>,
    collect: (results: unknown[]) => R,
  ): Promise<R> => {
    // Each row binds at most one value per column (given, or its default).
    const columns = Object.keys(getTableInfo(table).columns).length;
    const perStatement = Math.max(1, Math.floor(D1_MAX_PARAMETERS / columns));
    if (rows.length <= perStatement) return single();
    assertOpen(false);
    const target = toSQLiteTable(table);
    const statements: unknown[] = [];
    try {
      for (let start = 0; start < rows.length; start += perStatement) {
        const insert = drizzle.insert(target).values(rows.slice(start, start + perStatement));
        if (returning) statements.push(insert.returning());
        else {
          // No rows to decode: Drizzle's SQL and encoded values, on a statement prepared once.
          const { sql, params } = insert.toSQL();
          statements.push(statementOf(sql).bind(...params));
        }
      }
      return collect(
        returning ? await drizzle.batch(statements) : await binding.batch(statements as D1StatementLike[]),
      );
    } catch (error) {
      throw sqliteDialect.mapError(error, { table, tables: schema });
    }
  };

  const overrides: Partial<DatabaseAdapter> = {
    capabilities: {
      maxParameters: D1_MAX_PARAMETERS,
      // Every row of a bulk insert comes whole, whatever its fields: `batched` splits them into
      // one batch, which D1 runs all or none without a transaction.
      atomicBulkInsert: true,
    },
    createMany: (table, rows) =>
      batched(
        table,
        rows,
        true,
        () => base.createMany(table, rows),
        (results) => (results as AdapterRow[][]).flat(),
      ),
    insertMany: (table, rows) =>
      batched(
        table,
        rows,
        false,
        () => (base.insertMany ? base.insertMany(table, rows) : base.createMany(table, rows).then((r) => r.length)),
        (results) =>
          (results as { meta?: { changes?: number } }[]).reduce((sum, result) => sum + (result.meta?.changes ?? 0), 0),
      ),
    transaction: () => Promise.reject(transactionUnsupported()),
  };
  // Everything else is the SQLite adapter's own (its methods may live on a class: bound to it).
  return new Proxy(base, {
    get(target, property) {
      if (Object.hasOwn(overrides, property)) return overrides[property as keyof DatabaseAdapter];
      const value = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
