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
 * `countBy`'s entries as the record the studio's dashboards take: `{ article: 3, page: 1 }`.
 *
 * @example
 * ```ts
 * countsByValue(await db.repos.documents.countBy('type')); // { article: 3, page: 1 }
 * ```
 */
export function countsByValue(entries: readonly { value: unknown; count: number }[]): Record<string, number> {
  return Object.fromEntries(entries.map(({ value, count }) => [String(value), count]));
}
