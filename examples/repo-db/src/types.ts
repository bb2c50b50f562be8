// The types the apps import: rows, inserts and filters of any table, by the table's name.
import type { FindManyOptions, IdOf, NewRow, Row, TablesOf, Where } from '@strata/core';
import type * as schema from './schema.js';

type Tables = TablesOf<typeof schema>;

/**
 * The tables of the shared database, by name.
 *
 * @example
 * ```ts
 * const table: TableName = 'users';
 * ```
 */
export type TableName = keyof Tables & string;

/** The Strata table definition of `N`. */
export type TableOf<N extends TableName> = Tables[N];

/**
 * A stored row of table `N`, the same on SQLite and PostgreSQL (dates are `Date`s everywhere).
 *
 * @example
 * ```ts
 * const user: DbRecord<'users'> = await DbService.findById('users', id) ?? fail();
 * ```
 */
export type DbRecord<N extends TableName> = Row<Tables[N]>;

/**
 * What `create` takes for table `N`: ids, defaults and timestamps are optional.
 *
 * @example
 * ```ts
 * const input: NewDbRecord<'users'> = { email: 'ada@example.com', name: 'Ada' };
 * ```
 */
export type NewDbRecord<N extends TableName> = NewRow<Tables[N]>;

/**
 * The primary key of table `N` (a UUID string).
 *
 * @example
 * ```ts
 * const id: DbId<'users'> = user.id;
 * ```
 */
export type DbId<N extends TableName> = IdOf<Tables[N]>;

/**
 * A typed filter on table `N`: `{ field: value }`, operators (`gt`, `in`, `contains`, …), `and` / `or` / `not`.
 *
 * @example
 * ```ts
 * const open: WhereCondition<'assessments'> = { status: { in: ['draft', 'in_progress'] } };
 * ```
 */
export type WhereCondition<N extends TableName> = Where<Tables[N]>;

/**
 * Filters, order, limit/offset and a typed field selection for `findMany`.
 *
 * @example
 * ```ts
 * const options: ListOptions<'users'> = { where: { name: { startsWith: 'A' } }, orderBy: { email: 'asc' }, limit: 20 };
 * ```
 */
export type ListOptions<N extends TableName, K extends keyof DbRecord<N> = keyof DbRecord<N>> = FindManyOptions<
  Tables[N],
  K
>;
