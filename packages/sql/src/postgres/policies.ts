import type { AnyColumn, Condition, SessionValue, TableInfo } from '@strata/core';
import { type SQL, sql } from 'drizzle-orm';
import { pgPolicy } from 'drizzle-orm/pg-core';
import { type DrizzleTable, inlineCondition } from '../shared/table-compiler.js';
import { baseColumn, encoder } from './columns.js';

/**
 * The setting Supabase's API (PostgREST) fills with the request's JWT claims, and that
 * `db.withClaims(...)` fills in its transaction. `nullif(…, '')`: once a transaction that set it
 * has ended, the setting reads as an empty string on that connection, which is not JSON.
 */
const CLAIMS = sql`nullif(current_setting('request.jwt.claims', true), '')::jsonb`;

/**
 * A session value as the compared column's type (`auth.uid()` is a uuid; a text column compares
 * with text), so that a policy never compares mismatched types. The claim name is a literal
 * inlined with Drizzle's escaping, never spliced.
 */
function sessionValue(value: SessionValue, column: AnyColumn): SQL {
  return sql`(${CLAIMS} ->> ${sql.param(value.claim)})::${sql.raw(pgType(column))}`;
}

/**
 * The column's PostgreSQL type as Drizzle names it (`uuid`, `varchar(20)`): built from the same
 * builder the table uses, since the columns a table's extras receive cannot name their type.
 */
function pgType(column: AnyColumn): string {
  const builder = baseColumn(column, column.placement?.sqlName ?? '') as unknown as {
    build(table: object): { getSQLType(): string };
  };
  return builder.build({}).getSQLType();
}

function condition(value: Condition | undefined): SQL | undefined {
  // Bare column names, as CHECKs write them: PostgreSQL keeps the policy's expression as parsed.
  return value === undefined ? undefined : inlineCondition(value, encoder, sessionValue);
}

/**
 * A table's policies as Drizzle's `pgPolicy` extras: drizzle-kit writes them into migrations
 * (`CREATE POLICY`, `ALTER POLICY`, `DROP POLICY`) and `createTables()` runs them.
 *
 * @example
 * ```ts
 * pgTable('note', columns, () => pgPolicies(getTableInfo(note)));
 * ```
 */
export function pgPolicies(info: TableInfo): unknown[] {
  return (info.rowLevelSecurity?.policies ?? []).map((policy) => {
    const using = condition(policy.using);
    const withCheck = condition(policy.withCheck);
    return pgPolicy(policy.name, {
      as: policy.as,
      for: policy.command,
      to: [...policy.roles],
      ...(using && { using }),
      ...(withCheck && { withCheck }),
    });
  });
}

/**
 * Turns row-level security on for a compiled table (`ALTER TABLE … ENABLE ROW LEVEL SECURITY`).
 *
 * @example
 * ```ts
 * enablePgRowLevelSecurity(compiledNote);
 * ```
 */
export function enablePgRowLevelSecurity(table: DrizzleTable): void {
  (table as unknown as { enableRLS(): unknown }).enableRLS();
}
