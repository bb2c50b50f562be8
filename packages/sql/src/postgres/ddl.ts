import { StrataError } from '@strata/core';
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
    for (const statement of statements) {
      try {
        await tx.execute(sql.raw(statement));
      } catch (error) {
        throw missingPolicyRole(error, statement) ?? error;
      }
    }
  });
}

/** `CREATE POLICY "p" ON "t"`: the policy and table a failed statement names. */
const CREATE_POLICY = /^CREATE POLICY "((?:[^"]|"")+)" ON "((?:[^"]|"")+)"/;

/**
 * A policy naming a role the database lacks (undefined_object, 42704) has one fix, so it is said
 * plainly instead of as Drizzle's "Failed query". The role name is the schema's own, not row data.
 */
function missingPolicyRole(error: unknown, statement: string): StrataError | undefined {
  const match = CREATE_POLICY.exec(statement);
  const cause = (error as { cause?: { code?: unknown; message?: unknown } } | undefined)?.cause;
  const code = cause?.code ?? (error as { code?: unknown } | undefined)?.code;
  if (!match || code !== '42704') return undefined;
  const [, policy, table] = match;
  const reason = typeof cause?.message === 'string' ? cause.message : 'a role it names does not exist';
  const unquote = (name = '') => name.replaceAll('""', '"');
  return new StrataError(
    'POLICY_ROLE_MISSING',
    `table "${unquote(table)}": policy "${unquote(policy)}" cannot be created: ${reason}. Create the roles ` +
      'the policies name first (Supabase has anon, authenticated and service_role; in tests ' +
      'installSupabaseAuthStandIn creates them)',
    { cause: error },
  );
}
