import type { AnyTable, DataScope, DeletedRowsOption, OrderBy, Repository, SchemaModule, Where } from '@strata/core';
import type { Catalog, TableDescription } from './catalog.js';
import { HttpError } from './http.js';
import { decodeWhere, encodeRow, type JsonValue } from './wire.js';

/** The largest page the Studio asks for: a page is held in memory, a table never is. */
export const MAX_PAGE_SIZE = 500;

/** Which rows of a table with soft deletes to show. */
export type DeletedRows = 'live' | 'with' | 'only';

/** A page request, parsed from the URL's query string. */
export interface BrowseQuery {
  readonly page: number;
  readonly pageSize: number;
  readonly orderBy: readonly { readonly field: string; readonly direction: 'asc' | 'desc' }[];
  /** A `where` object of the repository's where language (JSON), not yet decoded. */
  readonly where: unknown;
  readonly deleted: DeletedRows;
}

function whole(params: URLSearchParams, name: string, fallback: number, max: number): number {
  const raw = params.get(name);
  if (raw === null || raw === '') return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < 1)
    throw new HttpError(400, 'INVALID_QUERY', `${name} must be a whole number of at least 1`);
  return Math.min(Number(raw), max);
}

/**
 * Reads `?page=2&pageSize=50&orderBy=title:asc,year:desc&where={…}&deleted=with`.
 *
 * @example
 * ```ts
 * parseBrowseQuery(new URLSearchParams('orderBy=title:desc')).orderBy; // [{ field: 'title', direction: 'desc' }]
 * ```
 */
export function parseBrowseQuery(params: URLSearchParams): BrowseQuery {
  const orderBy = (params.get('orderBy') ?? '')
    .split(',')
    .filter(Boolean)
    .map((term) => {
      const [field = '', direction = 'asc'] = term.split(':');
      if (direction !== 'asc' && direction !== 'desc') {
        throw new HttpError(400, 'INVALID_QUERY', `sort direction must be asc or desc, got "${direction}"`);
      }
      return { field, direction } as const;
    });
  let where: unknown;
  const rawWhere = params.get('where');
  if (rawWhere) {
    try {
      where = JSON.parse(rawWhere);
    } catch {
      throw new HttpError(400, 'INVALID_QUERY', 'where is not valid JSON');
    }
  }
  const deleted = params.get('deleted') ?? 'live';
  if (deleted !== 'live' && deleted !== 'with' && deleted !== 'only') {
    throw new HttpError(400, 'INVALID_QUERY', 'deleted must be live, with or only');
  }
  return {
    page: whole(params, 'page', 1, Number.MAX_SAFE_INTEGER),
    pageSize: whole(params, 'pageSize', 50, MAX_PAGE_SIZE),
    orderBy,
    where,
    deleted,
  };
}

/** The repository of a table picked by name at run time. */
export function repositoryOf(scope: DataScope<SchemaModule>, table: AnyTable): Repository<AnyTable> {
  return (scope.repo as (table: AnyTable) => Repository<AnyTable>)(table);
}

/** The deleted-rows option of the repository for a choice of the Studio. */
export function deletedOption(deleted: DeletedRows): DeletedRowsOption {
  return deleted === 'with' ? { withDeleted: true } : deleted === 'only' ? { onlyDeleted: true } : {};
}

/** One page of rows, encoded for JSON, with the totals. */
export interface RowsPage {
  readonly items: Record<string, JsonValue>[];
  readonly total: number;
  readonly page: number;
  readonly pageSize: number;
  readonly pageCount: number;
}

/**
 * A page of a table's rows through its repository's `paginate`: the filter is the repository's
 * where language, validated by the repository (an unknown field or a wrong value is its
 * `QueryError`), sorted as the API sorts, with or without soft-deleted rows.
 *
 * @example
 * ```ts
 * await browseRows(db, post, parseBrowseQuery(url.searchParams));
 * ```
 */
export async function browseRows(
  scope: DataScope<SchemaModule>,
  table: AnyTable,
  description: TableDescription,
  query: BrowseQuery,
): Promise<RowsPage> {
  if (query.deleted !== 'live' && !description.softDelete) {
    throw new HttpError(400, 'INVALID_QUERY', `table "${description.name}" has no soft delete`);
  }
  const orderBy = query.orderBy.map(({ field, direction }) => ({ [field]: direction })) as unknown as OrderBy<AnyTable>;
  const page = await repositoryOf(scope, table).paginate({
    page: query.page,
    pageSize: query.pageSize,
    where: decodeWhere(table, query.where) as Where<AnyTable>,
    orderBy,
    ...deletedOption(query.deleted),
  });
  return { ...page, items: page.items.map((row) => encodeRow(row as Record<string, unknown>)) };
}

/** A table with its row counts (soft-deleted rows counted apart). */
export interface TableCount {
  readonly name: string;
  readonly rows: number;
  readonly deleted: number | undefined;
}

/**
 * Every table's row count: live rows, and soft-deleted ones where the table has soft delete.
 *
 * @example
 * ```ts
 * await countTables(db, catalog); // [{ name: 'post', rows: 12, deleted: 1 }, …]
 * ```
 */
export async function countTables(scope: DataScope<SchemaModule>, catalog: Catalog): Promise<TableCount[]> {
  return Promise.all(
    [...catalog.byName.values()].map(async ({ table, description }) => {
      const repository = repositoryOf(scope, table);
      const rows = await repository.count();
      const deleted = description.softDelete ? await repository.count(undefined, { onlyDeleted: true }) : undefined;
      return { name: description.name, rows, deleted };
    }),
  );
}
