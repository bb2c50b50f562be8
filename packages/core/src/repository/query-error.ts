import { StrataError } from '../errors.js';

/**
 * A query or write that Strata refused before it reached the database: an unknown field, an
 * operator that does not apply, a value of the wrong kind. Names the table and the field.
 *
 * @example
 * ```ts
 * await repo.findMany({ where: JSON.parse('{"nope": 1}') }); // QueryError: table "post", field "nope": unknown field
 * ```
 */
export class QueryError extends StrataError {
  readonly table: string;
  readonly field: string | undefined;

  constructor(message: string, where: { table: string; field?: string }) {
    const place =
      where.field === undefined ? `table "${where.table}"` : `table "${where.table}", field "${where.field}"`;
    super('INVALID_QUERY', `${place}: ${message}`);
    this.name = 'QueryError';
    this.table = where.table;
    this.field = where.field;
  }
}
