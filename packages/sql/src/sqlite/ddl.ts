import { type SQL, sql } from 'drizzle-orm';
import { droppingIfExists, loadDrizzleKit } from '../shared/ddl.js';

/**
 * The SQL that creates (or drops) every table of a compiled schema, as drizzle-kit generates it.
 *
 * @example
 * ```ts
 * const statements = await sqliteSchemaStatements(compileSQLiteSchema(schema).tables, 'create');
 * ```
 */
export async function sqliteSchemaStatements(
  tables: Record<string, unknown>,
  direction: 'create' | 'drop',
): Promise<string[]> {
  const kit = await loadDrizzleKit();
  const empty = await kit.generateSQLiteDrizzleJson({});
  const full = await kit.generateSQLiteDrizzleJson(tables);
  return direction === 'create'
    ? kit.generateSQLiteMigration(empty as never, full as never)
    : droppingIfExists(await kit.generateSQLiteMigration(full as never, empty as never));
}

/** What `runSQLiteStatements` needs of a synchronous Drizzle SQLite database. */
export interface SQLiteTransactional {
  transaction<T>(run: (tx: { run(query: SQL): unknown }) => T): T;
}

/**
 * Runs DDL statements in one transaction. The SQLite drivers Strata uses are synchronous, so
 * the whole transaction runs without yielding and no other caller can interleave with it.
 *
 * @example
 * ```ts
 * runSQLiteStatements(db.drizzle, statements);
 * ```
 */
export function runSQLiteStatements(db: SQLiteTransactional, statements: readonly string[]): void {
  db.transaction((tx) => {
    for (const statement of statements) tx.run(sql.raw(statement));
  });
}
