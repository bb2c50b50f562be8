import { type SQL, sql } from 'drizzle-orm';
import { droppingIfExists, loadDrizzleKit } from '../shared/ddl.js';

/**
 * The SQL that creates (or drops) every table of a compiled schema, as drizzle-kit generates it.
 *
 * @example
 * ```ts
 * const statements = await pgSchemaStatements(compilePgSchema(schema).tables, 'create');
 * ```
 */
export async function pgSchemaStatements(
  tables: Record<string, unknown>,
  direction: 'create' | 'drop',
): Promise<string[]> {
  const kit = await loadDrizzleKit();
  const empty = kit.generateDrizzleJson({});
  const full = kit.generateDrizzleJson(tables);
  return direction === 'create'
    ? kit.generateMigration(empty as never, full as never)
    : droppingIfExists(await kit.generateMigration(full as never, empty as never));
}

/** What `runPgStatements` needs of a Drizzle PostgreSQL database (any driver). */
export interface PgTransactional {
  transaction<T>(run: (tx: { execute(query: SQL): PromiseLike<unknown> }) => Promise<T>): Promise<T>;
}

/**
 * Runs DDL statements in one transaction: PostgreSQL's DDL is transactional, so a failure leaves
 * the database exactly as it was.
 *
 * @example
 * ```ts
 * await runPgStatements(db.drizzle, statements);
 * ```
 */
export async function runPgStatements(db: PgTransactional, statements: readonly string[]): Promise<void> {
  await db.transaction(async (tx) => {
    for (const statement of statements) await tx.execute(sql.raw(statement));
  });
}
