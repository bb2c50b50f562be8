import type { DataScope } from '@strata/core';
import type { AnyStrataDatabase } from '@strata/sql';
import type * as schema from './schema.js';

/**
 * The CMS schema module (`import * as cmsSchema`): its type.
 *
 * @example
 * ```ts
 * type DocumentRow = Row<CmsSchema['documents']>;
 * ```
 */
export type CmsSchema = typeof schema;

/**
 * The CMS's repositories and transactions, on any engine.
 *
 * @example
 * ```ts
 * const count = (scope: CmsScope) => scope.repos.documents.count();
 * ```
 */
export type CmsScope = DataScope<CmsSchema>;

/**
 * A Strata database opened with the CMS schema, on any engine (PostgreSQL, PGlite, SQLite).
 *
 * @example
 * ```ts
 * const db: CmsDatabase = await createDatabase({ schema: cmsSchema, filename: 'cms.sqlite3' });
 * ```
 */
export type CmsDatabase = AnyStrataDatabase<CmsSchema>;

/**
 * How many rows of each value of `key`: the group-by counts the studio's dashboards show. The
 * repository has no group-by or sum, and `db.drizzle` is typed per engine, so engine-neutral code
 * reads the one column and counts here (fine for a CMS's thousands of rows, not for millions).
 */
export function tally<R, K extends keyof R>(rows: readonly R[], key: K): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const row of rows) {
    const value = String(row[key]);
    counts[value] = (counts[value] ?? 0) + 1;
  }
  return counts;
}
