import { type Column, isNull, type SQL } from 'drizzle-orm';

/**
 * A Drizzle table with the `deletedAt` column `softDelete()` adds — or the columns a relational
 * query's `where` callback receives for such a table.
 */
export interface SoftDeletable {
  readonly deletedAt: Column;
}

/**
 * The condition "not soft-deleted" for Drizzle itself. The repository hides soft-deleted rows on
 * its own; `db.drizzle` does not, and relations loaded with `db.drizzle.query…({ with })` include
 * them. Pass it as the `where` of a relation (or of the query): it works on every engine, with the
 * table itself or with the columns a `where` callback receives.
 *
 * @example
 * ```ts
 * const authors = await db.drizzle.query.author.findMany({
 *   where: notDeleted(db.tables.author),
 *   with: { books: { where: notDeleted(db.tables.book) } }, // or: where: (book) => notDeleted(book)
 * });
 * ```
 */
export function notDeleted(table: SoftDeletable): SQL {
  return isNull(table.deletedAt);
}
