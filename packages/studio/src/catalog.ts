import {
  type AnyColumn,
  type AnyTable,
  type ColumnKind,
  collectSchema,
  getTableInfo,
  type SchemaModule,
} from '@strata/core';

/** One column as the browser sees it: enough to render a cell and an input, nothing engine-specific. */
export interface ColumnInfo {
  /** The field name (the key of the table definition, as the repository names it). */
  readonly name: string;
  /** The SQL name (shown beside the field when it differs). */
  readonly sqlName: string;
  readonly kind: ColumnKind;
  readonly notNull: boolean;
  readonly primaryKey: boolean;
  readonly unique: boolean;
  /** True when an insert may leave it out (a default, or generated). */
  readonly hasDefault: boolean;
  /** Set by the database or the repository on every write: not offered for editing. */
  readonly generated: boolean;
  readonly enumValues: readonly string[] | undefined;
  readonly length: number | undefined;
}

/** A link between two tables: `fields` of `from` hold the values of `references` of `to`. */
export interface RelationLink {
  readonly from: string;
  readonly fields: readonly string[];
  readonly to: string;
  readonly references: readonly string[];
  /** The relation's name when `defineRelations` declared it, else the foreign key's column. */
  readonly name: string;
  /**
   * Set on links between two databases only (`links` of `startStudio`, or the `userId`
   * convention): the database of `from`. Absent, both tables are in the database described.
   */
  readonly fromDatabase?: string;
  /** Set on links between two databases only: the database of `to`. */
  readonly toDatabase?: string;
}

/** One table of the catalog: its columns, key, soft delete and relations both ways. */
export interface TableDescription {
  /** The export name of the schema module (`db.repos.<name>`). */
  readonly name: string;
  readonly sqlName: string;
  readonly columns: readonly ColumnInfo[];
  /** The single-column primary key: rows can be opened, edited and deleted only when there is one. */
  readonly primaryKey: string | undefined;
  readonly softDelete: string | undefined;
  /** To-one links from this table (foreign keys and `one` relations). */
  readonly outgoing: readonly RelationLink[];
  /** Links from other tables to this one (the reverse of their `outgoing`). */
  readonly incoming: readonly RelationLink[];
}

/** A table of a catalog: the neutral table (for the server) and its description (for the browser). */
export interface CatalogEntry {
  readonly table: AnyTable;
  readonly description: TableDescription;
}

/** A schema, described for the browser, with the neutral tables kept for the server's own use. */
export interface Catalog {
  readonly tables: readonly TableDescription[];
  readonly byName: ReadonlyMap<string, CatalogEntry>;
}

function columnInfo(key: string, column: AnyColumn): ColumnInfo {
  const { config } = column;
  return {
    name: key,
    sqlName: column.placement?.sqlName ?? key,
    kind: config.kind,
    notNull: config.notNull,
    primaryKey: config.primaryKey,
    unique: config.unique !== false,
    hasDefault: config.default !== undefined || config.onUpdateNow,
    // Timestamps refreshed on update and the soft-delete marker are the repository's to set.
    generated: config.onUpdateNow || config.softDeleteMarker,
    enumValues: config.enumValues,
    length: config.length,
  };
}

/**
 * Describes a schema module for the Studio: every table with its columns, primary key, soft
 * delete column and relations in both directions (from foreign keys and `defineRelations`).
 *
 * @example
 * ```ts
 * const catalog = describeSchema(db.schema);
 * catalog.byName.get('post')?.description.incoming; // [{ from: 'comment', fields: ['postId'], … }]
 * ```
 */
export function describeSchema(schema: SchemaModule): Catalog {
  const { tables, relations } = collectSchema(schema);
  const exportOf = new Map<AnyTable, string>();
  for (const [name, table] of tables) exportOf.set(table, name);
  const links = new Map<string, RelationLink>();
  const add = (link: RelationLink) => {
    const key = `${link.from}:${link.fields.join(',')}->${link.to}:${link.references.join(',')}`;
    if (!links.has(key)) links.set(key, link);
  };
  for (const declared of relations.values()) {
    const from = exportOf.get(declared.table);
    if (from === undefined) continue;
    for (const [relationName, relation] of Object.entries(declared.build())) {
      const to = exportOf.get(relation.target);
      if (relation.kind !== 'one' || !relation.fields || !relation.references || to === undefined) continue;
      const keys = (columns: readonly AnyColumn[]) => columns.map((column) => column.placement?.key ?? '');
      add({ from, fields: keys(relation.fields), to, references: keys(relation.references), name: relationName });
    }
  }
  for (const [from, table] of tables) {
    for (const [key, column] of Object.entries(getTableInfo(table).columns)) {
      const target = column.config.references?.target();
      const owner = target?.placement?.table;
      const to = owner && exportOf.get(owner);
      if (!target?.placement || to === undefined) continue;
      add({ from, fields: [key], to, references: [target.placement.key], name: key });
    }
  }
  const all = [...links.values()];
  const byName = new Map<string, { table: AnyTable; description: TableDescription }>();
  for (const [name, table] of tables) {
    const info = getTableInfo(table);
    const columns = Object.entries(info.columns).map(([key, column]) => columnInfo(key, column as AnyColumn));
    const composite = info.extras.some((extra) => extra.kind === 'primaryKey');
    const keys = columns.filter((column) => column.primaryKey);
    const description: TableDescription = {
      name,
      sqlName: info.name,
      columns,
      primaryKey: !composite && keys.length === 1 ? keys[0]?.name : undefined,
      softDelete: info.softDeleteKey,
      outgoing: all.filter((link) => link.from === name),
      incoming: all.filter((link) => link.to === name),
    };
    byName.set(name, { table, description });
  }
  return { tables: [...byName.values()].map((entry) => entry.description), byName };
}
