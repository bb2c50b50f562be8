import type { NewRow, Row } from '../schema/row.js';
import { type AnyTable, getTableInfo } from '../schema/table.js';
import { QueryError } from './query-error.js';
import type {
  CursorPage,
  DeletedRowsOption,
  FindManyOptions,
  FindPageOptions,
  IdOf,
  Page,
  PaginateOptions,
  Repository,
  UpsertOptions,
} from './repository.js';
import { checkedValue, columnOf, type Where } from './where.js';

/** Options of {@link forUser}. */
export interface ForUserOptions<F extends string> {
  /** The field holding the owner's id. Default `userId`. */
  readonly field?: F;
}

/** The values a scoped create takes: the owner field may be left out (it is filled in). */
export type ScopedNewRow<T extends AnyTable, F extends string> = Omit<NewRow<T>, F> &
  Partial<Pick<NewRow<T>, F & keyof NewRow<T>>>;

/**
 * A repository confined to one user's rows: every read, count, update and delete matches only
 * rows whose owner field holds that user's id, and every write stores it. Another user's row
 * behaves exactly like a missing one (`undefined`, `0`, an empty page).
 *
 * @example
 * ```ts
 * const mine: ScopedRepository<typeof entry, 'userId'> = db.repos.entry.forUser(userId);
 * ```
 */
export interface ScopedRepository<T extends AnyTable, F extends string> {
  /** The underlying, unscoped repository. */
  readonly unscoped: Repository<T>;
  /** The owner's id every call is confined to. */
  readonly userId: unknown;
  findById(id: IdOf<T>, options?: DeletedRowsOption): Promise<Row<T> | undefined>;
  findOne(where: Where<T>, options?: Omit<FindManyOptions<T, keyof Row<T>>, 'where'>): Promise<Row<T> | undefined>;
  findBy<K extends keyof Row<T> & string>(field: K, value: NonNullable<Row<T>[K]>): Promise<Row<T> | undefined>;
  findAllBy<K extends keyof Row<T> & string>(
    field: K,
    value: NonNullable<Row<T>[K]>,
    options?: Omit<FindManyOptions<T, keyof Row<T>>, 'where' | 'select'>,
  ): Promise<Row<T>[]>;
  findMany<K extends keyof Row<T> = keyof Row<T>>(options?: FindManyOptions<T, K>): Promise<Pick<Row<T>, K>[]>;
  findPage(options: FindPageOptions<T>): Promise<CursorPage<Row<T>>>;
  paginate(options?: PaginateOptions<T>): Promise<Page<Row<T>>>;
  count(where?: Where<T>, options?: DeletedRowsOption): Promise<number>;
  countBy<K extends keyof Row<T> & string>(
    field: K,
    where?: Where<T>,
    options?: DeletedRowsOption,
  ): Promise<{ value: Row<T>[K]; count: number }[]>;
  exists(where?: Where<T>, options?: DeletedRowsOption): Promise<boolean>;
  create(values: ScopedNewRow<T, F>): Promise<Row<T>>;
  createMany(values: readonly ScopedNewRow<T, F>[]): Promise<Row<T>[]>;
  insertMany(values: readonly ScopedNewRow<T, F>[]): Promise<number>;
  upsert(options: {
    readonly target: UpsertOptions<T>['target'];
    readonly create: ScopedNewRow<T, F>;
    readonly update: Partial<NewRow<T>>;
  }): Promise<Row<T>>;
  update(id: IdOf<T>, patch: Partial<NewRow<T>>): Promise<Row<T> | undefined>;
  updateMany(where: Where<T>, patch: Partial<NewRow<T>>): Promise<number>;
  delete(id: IdOf<T>): Promise<Row<T> | undefined>;
  deleteMany(where: Where<T>): Promise<number>;
  restore(id: IdOf<T>): Promise<Row<T> | undefined>;
  hardDelete(id: IdOf<T>): Promise<Row<T> | undefined>;
}

function primaryKeyOf(table: AnyTable): string {
  const info = getTableInfo(table);
  const keys = Object.entries(info.columns)
    .filter(([, column]) => column.config.primaryKey)
    .map(([key]) => key);
  const composite = info.extras.some((extra) => extra.kind === 'primaryKey');
  if (composite || keys.length !== 1) {
    throw new QueryError('has no single-column primary key; use findOne/updateMany/deleteMany with a filter', {
      table: info.name,
    });
  }
  return keys[0] as string;
}

/**
 * Confines a repository to one user's rows, for multi-tenant data whose owner lives in another
 * database (no foreign key can check it): reads, counts, pages, updates and deletes also match
 * `field = userId`; creates and upserts store it (a different owner in the input is a
 * `QueryError`), and no update may change it. A request for another user's row behaves exactly
 * like one for a missing row. Upserts must name the owner field in `target`, so a conflict can
 * only ever update the same user's row.
 *
 * @example
 * ```ts
 * const mine = forUser(db.repos.entry, session.user.id); // or db.repos.entry.forUser(session.user.id)
 * await mine.create({ title: 'Draft', collectionId }); // userId filled in
 * await mine.findById(someoneElsesEntryId); // undefined
 * ```
 */
export function forUser<T extends AnyTable, F extends keyof Row<T> & string = 'userId' & keyof Row<T>>(
  repository: Repository<T>,
  userId: NonNullable<Row<T>[F]>,
  options: ForUserOptions<F> = {},
): ScopedRepository<T, F> {
  const table = repository.table;
  const name = getTableInfo(table).name;
  const field = (options.field ?? 'userId') as F;
  const column = columnOf(table, field);
  if (userId === undefined || userId === null)
    throw new QueryError('needs a user id to scope to', { table: name, field });
  const owner = checkedValue(table, field, column, userId, 'user id');
  const ownerWhere = { [field]: owner } as Where<T>;
  const scoped = (where: Where<T> | undefined): Where<T> =>
    where === undefined ? ownerWhere : ({ and: [where, ownerWhere] } as Where<T>);
  const byId = (id: IdOf<T>): Where<T> => scoped({ [primaryKeyOf(table)]: id } as Where<T>);

  const owned = <V>(values: V): V => {
    if (typeof values !== 'object' || values === null || Array.isArray(values)) return values; // the repository says why
    const given = (values as Record<string, unknown>)[field];
    if (given !== undefined && checkedValue(table, field, column, given) !== owner) {
      throw new QueryError('belongs to another user: a scoped repository writes only its own user’s rows', {
        table: name,
        field,
      });
    }
    return { ...values, [field]: owner };
  };
  const patchOf = <V>(patch: V): V => {
    if (typeof patch !== 'object' || patch === null) return patch;
    const given = (patch as Record<string, unknown>)[field];
    if (given !== undefined && (given === null || checkedValue(table, field, column, given) !== owner)) {
      throw new QueryError('cannot be changed through a scoped repository', { table: name, field });
    }
    return patch;
  };

  return {
    unscoped: repository,
    userId: owner,
    findById: async (id, deleted = {}) => repository.findOne(byId(id), deleted),
    findOne: async (where, findOptions) => repository.findOne(scoped(where), findOptions),
    findBy: async (key, value) => repository.findOne(scoped({ [key]: value } as Where<T>)),
    findAllBy: async (key, value, findOptions = {}) =>
      repository.findMany({ ...findOptions, where: scoped({ [key]: value } as Where<T>) }),
    findMany: async (findOptions = {}) => repository.findMany({ ...findOptions, where: scoped(findOptions.where) }),
    findPage: async (pageOptions) => repository.findPage({ ...pageOptions, where: scoped(pageOptions.where) }),
    paginate: async (pageOptions = {}) => repository.paginate({ ...pageOptions, where: scoped(pageOptions.where) }),
    count: async (where, deleted) => repository.count(scoped(where), deleted),
    countBy: async (field, where, deleted) => repository.countBy(field, scoped(where), deleted),
    exists: async (where, deleted) => repository.exists(scoped(where), deleted),
    create: async (values) => repository.create(owned(values) as NewRow<T>),
    createMany: async (rows) => {
      if (!Array.isArray(rows)) return repository.createMany(rows as never); // the repository says why
      return repository.createMany(rows.map((row) => owned(row) as NewRow<T>));
    },
    insertMany: async (rows) => {
      if (!Array.isArray(rows)) return repository.insertMany(rows as never);
      return repository.insertMany(rows.map((row) => owned(row) as NewRow<T>));
    },
    upsert: async (upsertOptions) => {
      if (!Array.isArray(upsertOptions.target) || !upsertOptions.target.includes(field as keyof Row<T> & string)) {
        throw new QueryError(
          `a scoped upsert needs "${field}" in its target (and a unique index over it), so a conflict can only update this user’s row`,
          { table: name, field },
        );
      }
      return repository.upsert({
        target: upsertOptions.target,
        create: owned(upsertOptions.create) as NewRow<T>,
        update: patchOf(upsertOptions.update),
      });
    },
    update: async (id, patch) => {
      const where = byId(id);
      // The owner condition is part of the write itself, so another user's row is never touched.
      const changed = await repository.updateMany(where, patchOf(patch));
      return changed === 0 ? undefined : repository.findOne(where);
    },
    updateMany: async (where, patch) => repository.updateMany(scoped(where), patchOf(patch)),
    delete: async (id) => {
      const where = byId(id);
      const before = await repository.findOne(where);
      if (!before) return undefined;
      if ((await repository.deleteMany(where)) === 0) return undefined;
      // A soft delete returns the row as it now is (with `deletedAt`), as `Repository.delete` does.
      if (getTableInfo(table).softDeleteKey === undefined) return before;
      return (await repository.findOne(where, { withDeleted: true })) ?? before;
    },
    deleteMany: async (where) => repository.deleteMany(scoped(where)),
    restore: async (id) => {
      if (getTableInfo(table).softDeleteKey === undefined) return repository.restore(id); // its QueryError
      if (!(await repository.findOne(byId(id), { onlyDeleted: true }))) return undefined;
      return repository.restore(id);
    },
    hardDelete: async (id) => {
      if (!(await repository.findOne(byId(id), { withDeleted: true }))) return undefined;
      return repository.hardDelete(id);
    },
  };
}
