import type { AnyColumn } from './column.js';
import type { Condition } from './condition.js';

/** A table-level index, key or constraint, as written in `defineTable`'s third argument. */
export type TableExtra =
  | {
      readonly kind: 'index';
      readonly name: string | undefined;
      readonly unique: boolean;
      readonly columns: readonly AnyColumn[];
    }
  | { readonly kind: 'primaryKey'; readonly name: string | undefined; readonly columns: readonly AnyColumn[] }
  | { readonly kind: 'check'; readonly name: string; readonly condition: Condition };

/** A hint for migration generation: the table's previous SQL name (see {@link renamedFrom}). */
export interface TableRenameHint {
  readonly kind: 'renamedFrom';
  readonly previousName: string;
}

/** A table extra with every name filled in, as compilers receive it. */
export type ResolvedTableExtra = TableExtra & { readonly name: string };

function indexBuilder(unique: boolean, name: string | undefined) {
  return {
    on(...columns: [AnyColumn, ...AnyColumn[]]): TableExtra {
      return { kind: 'index', name, unique, columns };
    },
  };
}

/**
 * An index over one or more columns; the name defaults to `<table>_<columns>_idx`.
 *
 * @example
 * ```ts
 * defineTable('entry', { ... }, (t) => [index().on(t.collectionId, t.createdAt)]);
 * ```
 */
export function index(name?: string): { on(...columns: [AnyColumn, ...AnyColumn[]]): TableExtra } {
  return indexBuilder(false, name);
}

/**
 * A unique index over one or more columns; the name defaults to `<table>_<columns>_key`.
 *
 * @example
 * ```ts
 * defineTable('membership', { ... }, (t) => [uniqueIndex().on(t.orgId, t.userId)]);
 * ```
 */
export function uniqueIndex(name?: string): { on(...columns: [AnyColumn, ...AnyColumn[]]): TableExtra } {
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
