import type { AnyTable } from '@strata/core';
import type { AnyStrataDatabase } from '@strata/sql';
import { type Catalog, describeSchema, type TableDescription } from './catalog.js';
import { HttpError } from './http.js';
import { type ResolvedLink, resolveLinks, type StudioLink, withLinks } from './links.js';
import type { StudioDatabase } from './types.js';
import type { Change } from './writes.js';

/** A database of a running Studio, with its catalog built once. */
export interface OpenDatabase {
  readonly name: string;
  readonly db: AnyStrataDatabase;
  readonly migrations: string | undefined;
  readonly catalog: Catalog;
}

/** How many changes the undo stack keeps: enough for a session, bounded in memory. */
const UNDO_DEPTH = 50;

/**
 * What a running Studio holds: its databases and the changes it made, newest last.
 *
 * @example
 * ```ts
 * const state = new StudioState([{ name: 'auth', db: authDb }, { name: 'app', db: appDb }]);
 * const { table, description } = state.table('app', 'post');
 * ```
 */
export class StudioState {
  readonly databases: ReadonlyMap<string, OpenDatabase>;
  /** The links between databases: declared with `links`, else from the `userId` convention. */
  readonly links: readonly ResolvedLink[];
  readonly #changes: Change[] = [];

  constructor(databases: readonly StudioDatabase[], links?: readonly StudioLink[]) {
    const catalogs = new Map<string, Catalog>();
    for (const { name, db } of databases) {
      if (catalogs.has(name)) throw new Error(`two databases are named "${name}"`);
      catalogs.set(name, describeSchema(db.schema));
    }
    this.links = resolveLinks(catalogs, links);
    const byName = new Map<string, OpenDatabase>();
    for (const { name, db, migrations } of databases) {
      const catalog = withLinks(catalogs.get(name) as Catalog, name, this.links);
      byName.set(name, { name, db, migrations, catalog });
    }
    this.databases = byName;
  }

  /** A database by name, or a 404. */
  database(name: string): OpenDatabase {
    const database = this.databases.get(name);
    if (!database) throw new HttpError(404, 'NOT_FOUND', `no database named "${name}"`);
    return database;
  }

  /** A table of a database by export name, or a 404. */
  table(database: string, name: string): { readonly table: AnyTable; readonly description: TableDescription } {
    const entry = this.database(database).catalog.byName.get(name);
    if (!entry) throw new HttpError(404, 'NOT_FOUND', `no table "${name}" in database "${database}"`);
    return entry;
  }

  /** Records a change so that it can be undone. */
  record(change: Change): void {
    this.#changes.push(change);
    if (this.#changes.length > UNDO_DEPTH) this.#changes.shift();
  }

  /** The newest change still undoable. */
  get lastChange(): Change | undefined {
    return this.#changes.at(-1);
  }

  /**
   * Undoes the newest change through the repository, in a transaction; it leaves the stack only
   * once the undo has committed (a failed undo can be tried again).
   */
  async undo(): Promise<Change> {
    const change = this.#changes.at(-1);
    if (!change) throw new HttpError(409, 'NOTHING_TO_UNDO', 'there is no change to undo');
    const { db } = this.database(change.database);
    await db.transaction((tx) => change.revert(tx));
    this.#changes.pop();
    return change;
  }
}
