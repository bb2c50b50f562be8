import { DatabaseClosedError, type SchemaModule, StrataError } from '@strata/core';
import { attachMigrationDriver, drizzleQueryLogger, type QueryLogOptions, type StrataDatabase } from '@strata/sql';
import {
  compileSQLiteSchema,
  openSQLiteDatabase,
  type SQLiteSchemaOf,
  type SQLiteTablesOf,
  sqliteSchemaStatements,
} from '@strata/sql/sqlite';
import { type SQL, sql } from 'drizzle-orm';
import type { DrizzleD1Database } from 'drizzle-orm/d1';
import { SQLiteAsyncDialect } from 'drizzle-orm/sqlite-core';
import { type D1BatchDrizzle, d1Adapter, transactionUnsupported } from './d1-adapter.js';
import { type D1Binding, strataBinding } from './d1-binding.js';
import { d1Executor } from './d1-executor.js';
import { type D1Batch, type D1MigrationDrizzle, d1MigrationDriver } from './d1-migrations.js';

/**
 * Options of {@link createDatabase}.
 *
 * @example
 * ```ts
 * const options: D1DatabaseOptions<typeof schema> = { schema, binding: env.DB };
 * ```
 */
export interface D1DatabaseOptions<S extends SchemaModule> {
  /** The schema module: `import * as schema from './schema.js'`. */
  readonly schema: S;
  /** The Worker's D1 binding: `env.DB` (the `binding` named in wrangler's `d1_databases`). */
  readonly binding: D1Binding;
  /** Query logging: logger, slow-query threshold, an OpenTelemetry-friendly hook. */
  readonly log?: QueryLogOptions;
}

/**
 * A Strata database on Cloudflare D1: engine `'d1'`, dialect `'sqlite'`, `db.client` the binding.
 * `db.transaction()` rejects with `TRANSACTION_UNSUPPORTED` (D1 has no interactive transactions);
 * `db.drizzle.batch([...])` runs writes of your own atomically.
 *
 * @example
 * ```ts
 * const db: D1StrataDatabase<typeof schema> = await createDatabase({ schema, binding: env.DB });
 * ```
 */
export type D1StrataDatabase<S extends SchemaModule> = StrataDatabase<
  DrizzleD1Database<SQLiteSchemaOf<S>>,
  SQLiteTablesOf<S>,
  'd1',
  S
> & {
  /** The D1 binding the database was opened with, for what Drizzle does not wrap (`exec`, `dump`, sessions). */
  readonly client: D1Binding;
};

// Registers this engine's database type, so that types ranging over engines (connect()'s
// result, the test harness) name it only when this package is installed.
declare module '@strata/sql' {
  interface EngineDatabases<S extends SchemaModule> {
    readonly d1: D1StrataDatabase<S>;
  }
}

/**
 * Opens a Strata database on a Cloudflare D1 binding — in a Worker, `env.DB` — with Drizzle's
 * D1 driver (`drizzle-orm/d1`). The repository, `db.drizzle` and the error helpers work as on
 * `@strata/sqlite`, with D1's limits:
 *
 * - **No interactive transactions.** `db.transaction()` and `db.drizzle.transaction()` reject
 *   with a `StrataError` of code `TRANSACTION_UNSUPPORTED`, before anything runs. Atomic writes
 *   are batches: `createMany` / `insertMany` of any rows (split into statements of at most 100
 *   values, sent as one batch), migrations (each one a batch with its history row),
 *   `createTables()` and `dropTables()`, and your own `db.drizzle.batch([...])`.
 * - **100 bound parameters per statement.** A filter with more values than fit is refused with a
 *   `QueryError`.
 * - **Integers are read as JavaScript numbers**: a `bigint()` column is exact within ±2^53.
 *
 * Nothing is opened: the binding is ready, and `close()` only refuses further work.
 *
 * @example
 * ```ts
 * import { createDatabase } from '@strata/d1';
 * import * as schema from './schema.js';
 *
 * export default {
 *   async fetch(request: Request, env: { DB: D1Binding }) {
 *     const db = await createDatabase({ schema, binding: env.DB });
 *     const posts = await db.repos.post.findMany({ limit: 10 });
 *     return Response.json(posts);
 *   },
 * };
 * ```
 */
export async function createDatabase<S extends SchemaModule>(
  options: D1DatabaseOptions<S>,
): Promise<D1StrataDatabase<S>> {
  const { binding } = options;
  if (
    typeof binding !== 'object' ||
    binding === null ||
    typeof binding.prepare !== 'function' ||
    typeof binding.batch !== 'function'
  ) {
    throw new StrataError(
      'CONFIG_INVALID',
      "createDatabase() needs a D1 binding: `binding: env.DB`, with DB declared under d1_databases in wrangler's configuration",
    );
  }
  const { drizzle } = await import('drizzle-orm/d1');
  const compiled = compileSQLiteSchema(options.schema);
  const client = strataBinding(binding);
  const db = drizzle(client as never, {
    schema: compiled.drizzleSchema as SQLiteSchemaOf<S>,
    logger: drizzleQueryLogger('d1', options.log),
  });
  // Drizzle's D1 transaction sends BEGIN, which D1 refuses with a message about Durable Objects:
  // every path to a transaction gets Strata's typed error instead.
  Object.defineProperty(db, 'transaction', { value: () => Promise.reject(transactionUnsupported()) });
  const opened = openSQLiteDatabase({
    engine: 'd1',
    schema: options.schema,
    tables: compiled.tables,
    drizzle: db as DrizzleD1Database<SQLiteSchemaOf<S>>,
    client: binding,
    executor: d1Executor(client),
    writeTransaction: () => Promise.reject(transactionUnsupported()),
    adapter: (adapter, assertOpen) =>
      d1Adapter(adapter, {
        drizzle: db as unknown as D1BatchDrizzle,
        binding: client,
        schema: options.schema,
        assertOpen,
      }),
    affectedRows: (result) => (result as { meta?: { changes?: number } }).meta?.changes ?? 0,
    capabilities: { interactiveTransactions: false, drizzleTransactions: 'none' },
    log: options.log,
    close: async () => {},
  });
  // Statements as one D1 batch, built by Drizzle's SQLite dialect (values stay bound parameters).
  const dialect = new SQLiteAsyncDialect();
  const runBatch: D1Batch = async (queries: readonly SQL[]) => {
    const statements = queries.map((query) => {
      const built = dialect.sqlToQuery(query);
      return client.prepare(built.sql).bind(...built.params);
    });
    await client.batch(statements);
  };
  attachMigrationDriver(opened, d1MigrationDriver(db as unknown as D1MigrationDrizzle, runBatch));
  // The schema's DDL as one batch: all of it, or nothing.
  const runSchema = async (direction: 'create' | 'drop') => {
    if (opened.closed) throw new DatabaseClosedError('d1');
    const statements = await sqliteSchemaStatements(compiled.tables, direction);
    if (statements.length === 0) return;
    await runBatch([sql`pragma defer_foreign_keys = on`, ...statements.map((statement) => sql.raw(statement))]);
  };
  return Object.assign(opened, {
    createTables: () => runSchema('create'),
    dropTables: () => runSchema('drop'),
  });
}
