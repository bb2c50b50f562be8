import type { AnyColumn } from './column.js';
import type { Condition } from './condition.js';

/**
 * An index over one or more columns, as `index().on(...)` / `uniqueIndex().on(...)` make it.
 * With a `predicate` it is a partial index: only rows where the condition holds are indexed (and,
 * for a unique index, must be distinct).
 *
 * @example
 * ```ts
 * const extra: IndexExtra = index().on(t.slug).where(isNull(t.deletedAt));
 * extra.predicate; // { op: 'isNull', column: t.deletedAt }
 * ```
 */
export interface IndexExtra {
  readonly kind: 'index';
  readonly name: string | undefined;
  readonly unique: boolean;
  readonly columns: readonly AnyColumn[];
  /** The partial index's condition (`CREATE INDEX … WHERE`); `undefined` indexes every row. */
  readonly predicate: Condition | undefined;
}

/**
 * What `index().on(...)` returns: an index over every row, or `.where(condition)` for a partial one.
 *
 * @example
 * ```ts
 * uniqueIndex().on(t.slug).where(isNull(t.deletedAt)); // a slug is unique among live rows only
 * ```
 */
export interface IndexOnColumns extends IndexExtra {
  /**
   * Makes the index partial: only rows where `condition` holds are indexed. The condition uses
   * the operators of `check()` over this table's columns; PostgreSQL and SQLite both support it.
   *
   * @example
   * ```ts
   * index().on(t.publishedAt).where(eq(t.status, 'published'))
   * ```
   */
  where(condition: Condition): IndexExtra;
}

/** A table-level index, key or constraint, as written in `defineTable`'s third argument. */
export type TableExtra =
  | IndexExtra
  | { readonly kind: 'primaryKey'; readonly name: string | undefined; readonly columns: readonly AnyColumn[] }
  | { readonly kind: 'check'; readonly name: string; readonly condition: Condition };

/** A hint for migration generation: the table's previous SQL name (see {@link renamedFrom}). */
export interface TableRenameHint {
  readonly kind: 'renamedFrom';
  readonly previousName: string;
}

/** A table extra with every name filled in, as compilers receive it. */
export type ResolvedTableExtra = TableExtra & { readonly name: string };

function indexBuilder(unique: boolean, name: string | undefined): IndexBuilder {
  return {
    on(...columns: [AnyColumn, ...AnyColumn[]]): IndexOnColumns {
      const extra: IndexExtra = { kind: 'index', name, unique, columns, predicate: undefined };
      return { ...extra, where: (predicate: Condition): IndexExtra => ({ ...extra, predicate }) };
    },
  };
}

/**
 * What `index(name?)` and `uniqueIndex(name?)` return: name the columns with `.on(...)`.
 *
 * @example
 * ```ts
 * const builder: IndexBuilder = uniqueIndex('post_live_slug');
 * builder.on(t.slug).where(isNull(t.deletedAt));
 * ```
 */
export interface IndexBuilder {
  /** The indexed columns, in order. */
  on(...columns: [AnyColumn, ...AnyColumn[]]): IndexOnColumns;
}

/**
 * An index over one or more columns; the name defaults to `<table>_<columns>_idx`. Add
 * `.where(condition)` for a partial index over the rows where the condition holds.
 *
 * @example
 * ```ts
 * defineTable('entry', { ... }, (t) => [
 *   index().on(t.collectionId, t.createdAt),
 *   index('entry_live_by_title').on(t.title).where(isNull(t.deletedAt)),
 * ]);
 * ```
 */
export function index(name?: string): IndexBuilder {
  return indexBuilder(false, name);
}

/**
 * A unique index over one or more columns; the name defaults to `<table>_<columns>_key`. With
 * `.where(condition)` the values need to be distinct only among the rows where it holds: a
 * soft-deleted row's slug can then be used again.
 *
 * @example
 * ```ts
 * defineTable('membership', { ... }, (t) => [uniqueIndex().on(t.orgId, t.userId)]);
 * defineTable('post', { ... }, (t) => [uniqueIndex('post_live_slug').on(t.slug).where(isNull(t.deletedAt))]);
 * ```
 */
export function uniqueIndex(name?: string): IndexBuilder {
  return indexBuilder(true, name);
}

/**
 * A primary key over several columns (for one column use `.primaryKey()` on it).
 *
 * @example
 * ```ts
 * defineTable('tagging', { postId: uuid().notNull(), tagId: uuid().notNull() }, (t) => [primaryKey(t.postId, t.tagId)]);
 * ```
 */
export function primaryKey(...columns: [AnyColumn, AnyColumn, ...AnyColumn[]]): TableExtra {
  return { kind: 'primaryKey', name: undefined, columns };
}

/**
 * A CHECK constraint, enforced by every engine. The condition uses Strata's neutral operators.
 *
 * @example
 * ```ts
 * defineTable('product', { price: integer().notNull() }, (t) => [check('price_not_negative', gte(t.price, 0))]);
 * ```
 */
export function check(name: string, condition: Condition): TableExtra {
  return { kind: 'check', name, condition };
}

/**
 * Declares a table's previous SQL name: `strata generate` then renames the table (keeping its
 * rows) instead of asking whether the old one was dropped. Ignored once the old name is gone.
 *
 * @example
 * ```ts
 * // was defineTable('article', …)
 * defineTable('post', { id: id(), title: text().notNull() }, () => [renamedFrom('article')]);
 * ```
 */
export function renamedFrom(previousName: string): TableRenameHint {
  return { kind: 'renamedFrom', previousName };
}
