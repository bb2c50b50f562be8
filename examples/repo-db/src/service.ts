// DbService: the helpers the apps call with a table name (`findById('users', id)`). Each is one
// call to the table's Strata repository on the package's `db`, so validation, ids, `updatedAt`,
// typed errors and identical results on SQLite and PostgreSQL come from Strata; the table name
// types every argument and result.
import type {
  CursorPage,
  DataScope,
  FindPageOptions,
  Page,
  PaginateOptions,
  Repository,
  UpsertOptions,
} from '@strata/core';
import { db } from './database.js';
import type * as schema from './schema.js';
import type { DbId, DbRecord, ListOptions, NewDbRecord, TableName, TableOf, WhereCondition } from './types.js';

async function repository<N extends TableName>(table: N): Promise<Repository<TableOf<N>>> {
  return (await db.get()).repos[table];
}

/**
 * The row with this id, or `undefined`.
 *
 * @example
 * ```ts
 * const user = await findById('users', userId);
 * ```
 */
export async function findById<N extends TableName>(table: N, id: DbId<N>): Promise<DbRecord<N> | undefined> {
  return (await repository(table)).findById(id);
}

/**
 * Every row whose `field` equals `value`.
 *
 * @example
 * ```ts
 * const users = await findBy('users', 'email', email);
 * ```
 */
export async function findBy<N extends TableName, K extends keyof DbRecord<N> & string>(
  table: N,
  field: K,
  value: NonNullable<DbRecord<N>[K]>,
): Promise<DbRecord<N>[]> {
  return (await repository(table)).findAllBy(field, value);
}

/**
 * The first row matching `where`, or `undefined`.
 *
 * @example
 * ```ts
 * const draft = await findOne('assessments', { userId, status: 'draft' });
 * ```
 */
export async function findOne<N extends TableName>(
  table: N,
  where: WhereCondition<N>,
): Promise<DbRecord<N> | undefined> {
  return (await repository(table)).findOne(where);
}

/**
 * Rows matching a filter, ordered, with `limit` / `offset` and an optional typed `select`.
 *
 * @example
 * ```ts
 * const recent = await findMany('assessments', { where: { userId }, orderBy: { createdAt: 'desc' }, limit: 10 });
 * ```
 */
export async function findMany<N extends TableName, K extends keyof DbRecord<N> = keyof DbRecord<N>>(
  table: N,
  options: ListOptions<N, K> = {},
): Promise<Pick<DbRecord<N>, K>[]> {
  return (await repository(table)).findMany(options);
}

/**
 * One page and the totals: `{ items, total, page, pageSize, pageCount }`.
 *
 * @example
 * ```ts
 * const { items, pageCount } = await paginate('users', { page: 2, pageSize: 20, orderBy: { email: 'asc' } });
 * ```
 */
export async function paginate<N extends TableName>(
  table: N,
  options: PaginateOptions<TableOf<N>> = {},
): Promise<Page<DbRecord<N>>> {
  return (await repository(table)).paginate(options);
}

/**
 * Keyset pagination for feeds and infinite scroll: pass `nextCursor` back as `after`.
 *
 * @example
 * ```ts
 * const first = await findPage('users', { orderBy: { createdAt: 'desc' }, limit: 20 });
 * ```
 */
export async function findPage<N extends TableName>(
  table: N,
  options: FindPageOptions<TableOf<N>>,
): Promise<CursorPage<DbRecord<N>>> {
  return (await repository(table)).findPage(options);
}

/**
 * How many rows match `where` (all rows without it).
 *
 * @example
 * ```ts
 * const completed = await count('assessments', { status: 'completed' });
 * ```
 */
export async function count<N extends TableName>(table: N, where?: WhereCondition<N>): Promise<number> {
  return (await repository(table)).count(where);
}

/**
 * Whether any row matches `where`.
 *
 * @example
 * ```ts
 * if (await exists('users', { email })) throw new Error('email taken');
 * ```
 */
export async function exists<N extends TableName>(table: N, where: WhereCondition<N>): Promise<boolean> {
  return (await repository(table)).exists(where);
}

/**
 * Inserts a row and returns it with its id and defaults.
 *
 * @example
 * ```ts
 * const user = await create('users', { email: 'ada@example.com', name: 'Ada' });
 * ```
 */
export async function create<N extends TableName>(table: N, values: NewDbRecord<N>): Promise<DbRecord<N>> {
  return (await repository(table)).create(values);
}

/**
 * Inserts rows in one go (all or nothing) and returns them.
 *
 * @example
 * ```ts
 * await createMany('assessments', [{ userId, title: 'Intro' }, { userId, title: 'Final' }]);
 * ```
 */
export async function createMany<N extends TableName>(
  table: N,
  values: readonly NewDbRecord<N>[],
): Promise<DbRecord<N>[]> {
  return (await repository(table)).createMany(values);
}

/**
 * Changes fields of the row with this id (refreshing `updatedAt`); `undefined` when there is none.
 *
 * @example
 * ```ts
 * await update('users', userId, { name: 'Ada Lovelace' });
 * ```
 */
export async function update<N extends TableName>(
  table: N,
  id: DbId<N>,
  patch: Partial<NewDbRecord<N>>,
): Promise<DbRecord<N> | undefined> {
  return (await repository(table)).update(id, patch);
}

/**
 * Changes fields of every row matching `where`; returns how many changed.
 *
 * @example
 * ```ts
 * await updateMany('assessments', { userId, status: 'draft' }, { status: 'in_progress' });
 * ```
 */
export async function updateMany<N extends TableName>(
  table: N,
  where: WhereCondition<N>,
  patch: Partial<NewDbRecord<N>>,
): Promise<number> {
  return (await repository(table)).updateMany(where, patch);
}

/**
 * Inserts, or updates the row that has the same `target` fields, in one statement.
 *
 * @example
 * ```ts
 * await upsert('users', { target: ['email'], create: { email, name }, update: { name } });
 * ```
 */
export async function upsert<N extends TableName>(table: N, options: UpsertOptions<TableOf<N>>): Promise<DbRecord<N>> {
  return (await repository(table)).upsert(options);
}

/**
 * Deletes the row with this id and returns it; `undefined` when there is none.
 *
 * @example
 * ```ts
 * await remove('users', userId); // DbService.delete('users', userId)
 * ```
 */
export async function remove<N extends TableName>(table: N, id: DbId<N>): Promise<DbRecord<N> | undefined> {
  return (await repository(table)).delete(id);
}

/**
 * Deletes every row matching `where`; returns how many.
 *
 * @example
 * ```ts
 * await deleteMany('assessments', { status: 'draft', updatedAt: { lt: cutoff } });
 * ```
 */
export async function deleteMany<N extends TableName>(table: N, where: WhereCondition<N>): Promise<number> {
  return (await repository(table)).deleteMany(where);
}

/**
 * Runs `work` in one transaction: commits when it resolves, rolls back when it throws. Use `tx`
 * inside (`tx.repos.users`), not DbService, whose calls run outside the transaction.
 *
 * @example
 * ```ts
 * await transaction(async (tx) => {
 *   const user = await tx.repos.users.create({ email, name });
 *   await tx.repos.assessments.create({ userId: user.id, title: 'Intro' });
 * });
 * ```
 */
export async function transaction<R>(work: (tx: DataScope<typeof schema>) => Promise<R>): Promise<R> {
  return (await db.get()).transaction(work);
}

/**
 * Every helper in one object, as the apps import it: `DbService.findById('users', id)`.
 *
 * @example
 * ```ts
 * const user = await DbService.create('users', { email: 'ada@example.com', name: 'Ada' });
 * await DbService.delete('users', user.id);
 * ```
 */
export const DbService = {
  findById,
  findBy,
  findOne,
  findMany,
  paginate,
  findPage,
  count,
  exists,
  create,
  createMany,
  update,
  updateMany,
  upsert,
  delete: remove,
  deleteMany,
  transaction,
} as const;
