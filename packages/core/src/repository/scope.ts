import type { SchemaModule } from '../schema/schema.js';
import { collectSchema } from '../schema/schema.js';
import { type AnyTable, getTableInfo } from '../schema/table.js';
import type { DatabaseAdapter } from './contract.js';
import { QueryError } from './query-error.js';
import { Repository } from './repository.js';

/** The tables of a schema module, by export name. */
export type TablesOf<S> = { [K in keyof S as S[K] extends AnyTable ? K : never]: S[K] };

/** A repository for every table of a schema module, by export name. */
export type RepositoriesOf<S> = {
  readonly [K in keyof TablesOf<S>]: TablesOf<S>[K] extends AnyTable ? Repository<TablesOf<S>[K]> : never;
};

/**
 * Repositories and transactions over one adapter: what `db` and a transaction's `tx` offer.
 * Only tables of this schema are accepted, so one database's tables cannot be used through
 * another by mistake.
 */
export interface DataScope<S extends SchemaModule> {
  /**
   * The repository of a table of this schema.
   *
   * @example
   * ```ts
   * const post = await db.repo(schema.post).findById(id);
   * ```
   */
  repo<T extends TablesOf<S>[keyof TablesOf<S>] & AnyTable>(table: T): Repository<T>;
  /**
   * Repositories by the schema's export names.
   *
   * @example
   * ```ts
   * await db.repos.post.create({ title: 'Hello' });
   * ```
   */
  readonly repos: RepositoriesOf<S>;
  /**
   * Runs `work` in a transaction: commits when it resolves, rolls back when it throws. Inside,
   * use `tx` (not `db`); calling `tx.transaction` nests with a savepoint.
   *
   * @example
   * ```ts
   * await db.transaction(async (tx) => {
   *   const from = await tx.repos.account.update(a, { balance: 90 });
   *   await tx.repos.account.update(b, { balance: 110 });
   * });
   * ```
   */
  transaction<R>(work: (tx: DataScope<S>) => Promise<R>): Promise<R>;
}

/**
 * Builds the repositories and transactions of a schema over an adapter.
 *
 * @example
 * ```ts
 * const scope = createDataScope(adapter, schema);
 * await scope.repos.post.count();
 * ```
 */
export function createDataScope<S extends SchemaModule>(adapter: DatabaseAdapter, schema: S): DataScope<S> {
  const { tables } = collectSchema(schema);
  const members = new Set(tables.values());
  const repos: Record<string, Repository<AnyTable>> = {};
  const byTable = new Map<AnyTable, Repository<AnyTable>>();
  for (const [name, table] of tables) {
    const repository = new Repository(adapter, table);
    repos[name] = repository;
    byTable.set(table, repository);
  }
  for (const [name, table] of Object.entries(schema)) {
    if (members.has(table as AnyTable) && !(name in repos))
      repos[name] = byTable.get(table as AnyTable) as Repository<AnyTable>;
  }
  return {
    repo<T extends AnyTable>(table: T): Repository<T> {
      const repository = byTable.get(table);
      if (!repository) {
        throw new QueryError('is not a table of this database’s schema', { table: getTableInfo(table).name });
      }
      return repository as unknown as Repository<T>;
    },
    repos: repos as unknown as RepositoriesOf<S>,
    transaction: (work) => adapter.transaction((tx) => work(createDataScope(tx, schema))),
  };
}
