/**
 * drizzle-kit snapshots (the JSON it diffs), seen through the parts Strata edits: table and
 * column names and every place that refers to them. PostgreSQL and SQLite snapshots share this
 * shape; PostgreSQL keys tables by `schema.name` and writes index columns as objects.
 */
export interface Snapshot {
  readonly tables: Record<string, SnapshotTable>;
  readonly [key: string]: unknown;
}

interface SnapshotTable {
  name: string;
  schema?: string;
  columns: Record<string, { name: string }>;
  indexes: Record<string, { columns: (string | { expression: string; isExpression?: boolean })[] }>;
  foreignKeys: Record<string, { tableFrom: string; tableTo: string; columnsFrom: string[]; columnsTo: string[] }>;
  compositePrimaryKeys: Record<string, { columns: string[] }>;
  uniqueConstraints: Record<string, { columns: string[] }>;
  checkConstraints: Record<string, { value: string }>;
}

/**
 * One rename, in the order it runs: a table (old name to new) or a column of `table` (named as
 * the table is called at that point).
 */
export type RenameStep =
  | { readonly kind: 'table'; readonly from: string; readonly to: string }
  | { readonly kind: 'column'; readonly table: string; readonly from: string; readonly to: string };

const clone = <T>(value: T): T => structuredClone(value);

function tableKey(snapshot: Snapshot, name: string): string | undefined {
  return Object.keys(snapshot.tables).find((key) => snapshot.tables[key]?.name === name);
}

/** The table named `name`, if the snapshot has it. */
export function snapshotTable(snapshot: Snapshot, name: string): SnapshotTable | undefined {
  const key = tableKey(snapshot, name);
  return key === undefined ? undefined : snapshot.tables[key];
}

/** Table names of a snapshot. */
export function tableNames(snapshot: Snapshot): string[] {
  return Object.values(snapshot.tables).map((table) => table.name);
}

/** Column names of a table of a snapshot. */
export function columnNames(snapshot: Snapshot, table: string): string[] {
  return Object.values(snapshotTable(snapshot, table)?.columns ?? {}).map((column) => column.name);
}

const replace = (names: string[], from: string, to: string) => names.map((name) => (name === from ? to : name));
const quoted = (name: string) => new RegExp(`"${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"`, 'g');

function renameTable(snapshot: Snapshot, from: string, to: string): void {
  const key = tableKey(snapshot, from);
  if (key === undefined) return;
  const table = snapshot.tables[key] as SnapshotTable;
  delete snapshot.tables[key];
  table.name = to;
  snapshot.tables[key.includes('.') ? `${key.slice(0, key.lastIndexOf('.'))}.${to}` : to] = table;
  for (const other of Object.values(snapshot.tables)) {
    for (const fk of Object.values(other.foreignKeys)) {
      if (fk.tableFrom === from) fk.tableFrom = to;
      if (fk.tableTo === from) fk.tableTo = to;
    }
    for (const check of Object.values(other.checkConstraints))
      check.value = check.value.replace(quoted(from), `"${to}"`);
  }
}

function renameColumn(snapshot: Snapshot, name: string, from: string, to: string): void {
  const table = snapshotTable(snapshot, name);
  const column = table?.columns[from];
  if (!table || !column) return;
  delete table.columns[from];
  column.name = to;
  table.columns[to] = column;
  for (const index of Object.values(table.indexes)) {
    index.columns = index.columns.map((entry) =>
      typeof entry === 'string'
        ? entry === from
          ? to
          : entry
        : !entry.isExpression && entry.expression === from
          ? { ...entry, expression: to }
          : entry,
    );
  }
  for (const key of [...Object.values(table.compositePrimaryKeys), ...Object.values(table.uniqueConstraints)]) {
    key.columns = replace(key.columns, from, to);
  }
  for (const fk of Object.values(table.foreignKeys)) fk.columnsFrom = replace(fk.columnsFrom, from, to);
  for (const other of Object.values(snapshot.tables)) {
    for (const fk of Object.values(other.foreignKeys)) {
      if (fk.tableTo === name) fk.columnsTo = replace(fk.columnsTo, from, to);
    }
  }
  for (const check of Object.values(table.checkConstraints)) check.value = check.value.replace(quoted(from), `"${to}"`);
}

/**
 * A copy of `snapshot` as if the renames had already happened: diffing it against the new
 * schema then sees the renamed tables and columns as unchanged (no drop, no prompt).
 *
 * @example
 * ```ts
 * const previous = applyRenames(lastSnapshot, [{ kind: 'column', table: 'post', from: 'title', to: 'headline' }]);
 * ```
 */
export function applyRenames(snapshot: Snapshot, renames: readonly RenameStep[]): Snapshot {
  const copy = clone(snapshot);
  for (const step of renames) {
    if (step.kind === 'table') renameTable(copy, step.from, step.to);
    else renameColumn(copy, step.table, step.from, step.to);
  }
  return copy;
}

/**
 * The renames that undo `renames` (for the down migration): the last one undone first.
 *
 * @example
 * ```ts
 * invertRenames([{ kind: 'table', from: 'article', to: 'post' }]); // [{ kind: 'table', from: 'post', to: 'article' }]
 * ```
 */
export function invertRenames(renames: readonly RenameStep[]): RenameStep[] {
  return [...renames].reverse().map((step) => ({ ...step, from: step.to, to: step.from }));
}

/** Drops and additions between two snapshots, table by table. */
export interface SnapshotChanges {
  readonly droppedTables: readonly string[];
  readonly addedTables: readonly string[];
  /** Per table present in both: its dropped and added columns. */
  readonly columns: readonly { readonly table: string; readonly dropped: string[]; readonly added: string[] }[];
}

/**
 * Which tables and columns `to` drops and adds compared with `from`.
 *
 * @example
 * ```ts
 * changesBetween(previous, current).addedTables; // ['comment']
 * ```
 */
export function changesBetween(from: Snapshot, to: Snapshot): SnapshotChanges {
  const before = new Set(tableNames(from));
  const after = new Set(tableNames(to));
  const columns = [...after]
    .filter((table) => before.has(table))
    .map((table) => {
      const old = new Set(columnNames(from, table));
      const now = new Set(columnNames(to, table));
      return {
        table,
        dropped: [...old].filter((column) => !now.has(column)),
        added: [...now].filter((column) => !old.has(column)),
      };
    })
    .filter((change) => change.dropped.length > 0 || change.added.length > 0);
  return {
    droppedTables: [...before].filter((table) => !after.has(table)),
    addedTables: [...after].filter((table) => !before.has(table)),
    columns,
  };
}

/**
 * `from` without what `to` drops (tables, columns, and the keys, indexes and checks on them):
 * diffing `from → result → to` gives drizzle-kit drops and additions in separate steps, so it
 * never has to ask whether an added column is a dropped one renamed.
 *
 * @example
 * ```ts
 * const middle = withoutDropped(previous, current);
 * ```
 */
export function withoutDropped(from: Snapshot, to: Snapshot): Snapshot {
  const copy = clone(from);
  const changes = changesBetween(from, to);
  for (const name of changes.droppedTables) {
    const key = tableKey(copy, name);
    if (key !== undefined) delete copy.tables[key];
  }
  for (const { table: name, dropped } of changes.columns) {
    const table = snapshotTable(copy, name) as SnapshotTable;
    const gone = (columns: readonly (string | { expression: string; isExpression?: boolean })[]) =>
      columns.some((entry) => dropped.includes(typeof entry === 'string' ? entry : entry.expression));
    for (const column of dropped) delete table.columns[column];
    for (const [key, index] of Object.entries(table.indexes)) if (gone(index.columns)) delete table.indexes[key];
    for (const group of [table.compositePrimaryKeys, table.uniqueConstraints]) {
      for (const [key, constraint] of Object.entries(group)) if (gone(constraint.columns)) delete group[key];
    }
    for (const [key, fk] of Object.entries(table.foreignKeys)) if (gone(fk.columnsFrom)) delete table.foreignKeys[key];
    for (const [key, check] of Object.entries(table.checkConstraints)) {
      if (dropped.some((column) => quoted(column).test(check.value))) delete table.checkConstraints[key];
    }
  }
  for (const table of Object.values(copy.tables)) {
    for (const [key, fk] of Object.entries(table.foreignKeys)) {
      const target = snapshotTable(copy, fk.tableTo);
      if (!target || fk.columnsTo.some((column) => !(column in target.columns))) delete table.foreignKeys[key];
    }
  }
  return copy;
}

/**
 * `from` with the columns `to` adds to its existing tables (their definitions from `to`):
 * adding columns in a step of their own keeps drizzle-kit's SQLite table rebuilds from copying
 * columns that the old table does not have yet.
 *
 * @example
 * ```ts
 * const middle = withAddedColumns(previous, current);
 * ```
 */
export function withAddedColumns(from: Snapshot, to: Snapshot): Snapshot {
  const copy = clone(from);
  for (const { table: name, added } of changesBetween(from, to).columns) {
    const target = snapshotTable(copy, name) as SnapshotTable;
    const source = snapshotTable(to, name) as SnapshotTable;
    for (const column of added) target.columns[column] = clone(source.columns[column] as { name: string });
  }
  return copy;
}
