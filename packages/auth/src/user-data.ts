import { type AnyTable, getTableInfo, QueryError, type Repository, StrataError, type Where } from '@strata/core';

/**
 * The part of a Strata database (or transaction) the cross-database helpers use: any `db` from
 * an engine package fits.
 */
export interface UserDataScope {
  repo(table: AnyTable): Repository<AnyTable>;
  transaction<R>(work: (tx: UserDataScope) => Promise<R>): Promise<R>;
}

/** Options of {@link deleteUserRows}. */
export interface DeleteUserRowsOptions {
  /** The field holding the owner's id in every table. Default `userId`. */
  readonly field?: string;
  /**
   * Give the rows to this user id instead of deleting them (an archive account, an admin).
   * Default: delete them (soft delete on tables with `softDelete()`).
   */
  readonly reassignTo?: string;
}

function ownerWhere(field: string, userId: string): Where<AnyTable> {
  return { [field]: userId } as Where<AnyTable>;
}

/**
 * The cleanup to run when a user is deleted, for app rows in another database that no foreign
 * key can cascade to: deletes (or reassigns) every row of `tables` owned by the user, in one
 * transaction of the app database. Tables are handled in the order given: list children before
 * their parents unless their foreign keys cascade. Pass it to `createAuth({ onUserDeleted })`.
 *
 * @example
 * ```ts
 * const auth = createAuth({
 *   database: authDb,
 *   user: { deleteUser: { enabled: true } },
 *   onUserDeleted: deleteUserRows(appDb, [app.entry, app.collectionSettings, app.collection]),
 * });
 * ```
 */
export function deleteUserRows(
  app: UserDataScope,
  tables: readonly AnyTable[],
  options: DeleteUserRowsOptions = {},
): (user: { readonly id: string }) => Promise<void> {
  const field = options.field ?? 'userId';
  for (const table of tables) app.repo(table); // an unknown table fails now, not at the first deletion
  return async (user) => {
    await app.transaction(async (tx) => {
      for (const table of tables) {
        const repository = tx.repo(table);
        const where = ownerWhere(field, user.id);
        if (options.reassignTo === undefined) await repository.deleteMany(where);
        else await repository.updateMany(where, { [field]: options.reassignTo });
      }
    });
  };
}

/**
 * An app row whose owner does not exist (any more) in the auth database.
 *
 * @example
 * ```ts
 * const orphan: OrphanRow = { table: 'entry', id: '0190…', userId: 'gone-user-id' };
 * ```
 */
export interface OrphanRow {
  /** The SQL name of the row's table. */
  readonly table: string;
  /** The row's primary key value. */
  readonly id: unknown;
  /** The owner id that has no user. */
  readonly userId: string;
}

/** Options of {@link findOrphans}. */
export interface FindOrphansOptions {
  /** The auth database (its schema has Better Auth's `user` table under the key `user`). */
  readonly auth: { readonly repos: { readonly user: Repository<AnyTable> } };
  /** The app database. */
  readonly app: UserDataScope;
  /** The app tables whose rows carry an owner id. */
  readonly tables: readonly AnyTable[];
  /** The owner field of those tables. Default `userId`. */
  readonly field?: string;
  /** Rows read per query. Default 500. */
  readonly batchSize?: number;
}

function primaryKeyOf(table: AnyTable): string {
  const info = getTableInfo(table);
  const keys = Object.entries(info.columns).filter(([, column]) => column.config.primaryKey);
  if (keys.length !== 1 || !keys[0]) {
    throw new QueryError('needs a single-column primary key to be checked for orphans', { table: info.name });
  }
  return keys[0][0];
}

/**
 * The consistency check no foreign key can give across two databases: every row of `tables`
 * whose owner id names no user of the auth database (soft-deleted rows included; rows without an
 * owner are not orphans). Reads in keyset pages, so it runs on tables of any size.
 *
 * @example
 * ```ts
 * const orphans = await findOrphans({ auth: authDb, app: appDb, tables: [app.collection, app.entry] });
 * if (orphans.length > 0) console.warn(`${orphans.length} rows belong to deleted users`, orphans);
 * ```
 */
export async function findOrphans(options: FindOrphansOptions): Promise<OrphanRow[]> {
  const field = options.field ?? 'userId';
  const batchSize = options.batchSize ?? 500;
  if (!Number.isInteger(batchSize) || batchSize < 1) {
    throw new StrataError('CONFIG_INVALID', 'findOrphans: batchSize must be a whole number of at least 1');
  }
  const users = options.auth.repos.user;
  const known = new Map<string, boolean>();
  const orphans: OrphanRow[] = [];
  for (const table of options.tables) {
    const key = primaryKeyOf(table);
    const repository = options.app.repo(table);
    let after: string | undefined;
    do {
      const page = await repository.findPage({
        where: { [field]: { isNull: false } } as Where<AnyTable>,
        orderBy: { [key]: 'asc' },
        limit: batchSize,
        withDeleted: true,
        ...(after !== undefined && { after }),
      });
      const owners = page.items.map((row) => String(row[field]));
      const unknown = [...new Set(owners)].filter((owner) => !known.has(owner));
      if (unknown.length > 0) {
        const found = await users.findMany({ where: { id: { in: unknown } } as Where<AnyTable>, select: ['id'] });
        const existing = new Set(found.map((user) => String(user.id)));
        for (const owner of unknown) known.set(owner, existing.has(owner));
      }
      for (const row of page.items) {
        const owner = String(row[field]);
        if (!known.get(owner)) orphans.push({ table: getTableInfo(table).name, id: row[key], userId: owner });
      }
      after = page.nextCursor ?? undefined;
    } while (after !== undefined);
  }
  return orphans;
}
