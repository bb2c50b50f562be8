import type { Catalog, CatalogEntry, RelationLink, TableDescription } from './catalog.js';

/**
 * A link between tables of two databases, which no foreign key can express: `from`'s field holds
 * values of `to`'s field. Both ends are written `database.table.field`, with the table's export
 * name (as `db.repos` names it) and field names (as the repository names them).
 *
 * @example
 * ```ts
 * const link: StudioLink = { from: 'app.entry.userId', to: 'auth.user.id' };
 * ```
 */
export interface StudioLink {
  readonly from: string;
  readonly to: string;
}

/** A link between two databases, resolved and checked against their catalogs. */
export interface ResolvedLink {
  readonly fromDatabase: string;
  readonly from: string;
  readonly field: string;
  readonly toDatabase: string;
  readonly to: string;
  readonly reference: string;
  /** True when the `userId` convention made it, false when `links` declared it. */
  readonly convention: boolean;
}

/** The field name the convention links to the auth database's user. */
export const USER_ID_FIELD = 'userId';

/**
 * The export name of Better Auth's user table in a catalog, or undefined: SQL name `user`, a
 * single primary key `id`, and Better Auth's `email` and `emailVerified` fields — the shape
 * `@strata/auth` defines, so a table that merely happens to be called `user` does not qualify.
 */
export function authUserTable(catalog: Catalog): string | undefined {
  const found = catalog.tables.find(
    (table) =>
      table.sqlName === 'user' &&
      table.primaryKey === 'id' &&
      ['email', 'emailVerified'].every((field) => table.columns.some((column) => column.name === field)),
  );
  return found?.name;
}

function hasLocalLink(table: TableDescription, field: string): boolean {
  return table.outgoing.some((link) => link.fields.length === 1 && link.fields[0] === field);
}

/**
 * The `userId` convention: when exactly one database has Better Auth's user table, every field
 * named `userId` of a table in another database (without a foreign key of its own) links to that
 * user's `id`. With no auth database, or with two, there is nothing predictable to link: none.
 */
function conventionLinks(catalogs: ReadonlyMap<string, Catalog>): ResolvedLink[] {
  const auth = [...catalogs].flatMap(([database, catalog]) => {
    const table = authUserTable(catalog);
    return table === undefined ? [] : [{ database, table }];
  });
  const [owner] = auth;
  if (auth.length !== 1 || owner === undefined) return [];
  const links: ResolvedLink[] = [];
  for (const [database, catalog] of catalogs) {
    if (database === owner.database) continue;
    for (const table of catalog.tables) {
      if (!table.columns.some((column) => column.name === USER_ID_FIELD) || hasLocalLink(table, USER_ID_FIELD))
        continue;
      links.push({
        fromDatabase: database,
        from: table.name,
        field: USER_ID_FIELD,
        toDatabase: owner.database,
        to: owner.table,
        reference: 'id',
        convention: true,
      });
    }
  }
  return links;
}

function resolveEnd(catalogs: ReadonlyMap<string, Catalog>, path: string, role: string) {
  const parts = path.split('.');
  const [database = '', table = '', field = ''] = parts;
  if (parts.length !== 3 || parts.some((part) => part === '')) {
    throw new Error(`startStudio links: ${role} "${path}" must be written database.table.field`);
  }
  const catalog = catalogs.get(database);
  if (!catalog) throw new Error(`startStudio links: ${role} "${path}": no database named "${database}"`);
  const entry = catalog.byName.get(table);
  if (!entry) throw new Error(`startStudio links: ${role} "${path}": no table "${table}" in database "${database}"`);
  if (!entry.description.columns.some((column) => column.name === field)) {
    throw new Error(`startStudio links: ${role} "${path}": table "${table}" has no field "${field}"`);
  }
  return { database, table, field };
}

/**
 * The links between databases a Studio shows: the declared ones when `declared` is given (each
 * end checked: a typo fails at start, not as a dead link), else those of the `userId` convention.
 *
 * @example
 * ```ts
 * resolveLinks(catalogs, undefined); // [{ fromDatabase: 'app', from: 'entry', field: 'userId', toDatabase: 'auth', … }]
 * resolveLinks(catalogs, [{ from: 'app.entry.ownerId', to: 'auth.user.id' }]);
 * ```
 */
export function resolveLinks(
  catalogs: ReadonlyMap<string, Catalog>,
  declared: readonly StudioLink[] | undefined,
): ResolvedLink[] {
  if (declared === undefined) return conventionLinks(catalogs);
  return declared.map((link) => {
    const from = resolveEnd(catalogs, link.from, 'from');
    const to = resolveEnd(catalogs, link.to, 'to');
    if (from.database === to.database) {
      throw new Error(
        `startStudio links: ${link.from} → ${link.to} stays in one database: declare it with a foreign key or defineRelations`,
      );
    }
    return {
      fromDatabase: from.database,
      from: from.table,
      field: from.field,
      toDatabase: to.database,
      to: to.table,
      reference: to.field,
      convention: false,
    };
  });
}

function relationOf(link: ResolvedLink): RelationLink {
  return {
    from: link.from,
    fields: [link.field],
    to: link.to,
    references: [link.reference],
    name: link.field,
    fromDatabase: link.fromDatabase,
    toDatabase: link.toDatabase,
  };
}

/**
 * A database's catalog with the links between databases added to its tables: outgoing where it
 * holds the field, incoming where it holds the referenced row.
 *
 * @example
 * ```ts
 * withLinks(appCatalog, 'app', links).byName.get('entry')?.description.outgoing; // […, { toDatabase: 'auth', to: 'user', … }]
 * ```
 */
export function withLinks(catalog: Catalog, database: string, links: readonly ResolvedLink[]): Catalog {
  const outgoing = links.filter((link) => link.fromDatabase === database);
  const incoming = links.filter((link) => link.toDatabase === database);
  if (outgoing.length === 0 && incoming.length === 0) return catalog;
  const byName = new Map<string, CatalogEntry>();
  for (const [name, entry] of catalog.byName) {
    const description: TableDescription = {
      ...entry.description,
      outgoing: [...entry.description.outgoing, ...outgoing.filter((link) => link.from === name).map(relationOf)],
      incoming: [...entry.description.incoming, ...incoming.filter((link) => link.to === name).map(relationOf)],
    };
    byName.set(name, { table: entry.table, description });
  }
  return { tables: [...byName.values()].map((entry) => entry.description), byName };
}
