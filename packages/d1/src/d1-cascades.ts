import { type SQL, sql } from 'drizzle-orm';

/** A child table whose rows a migration's DROP TABLE of their parent would delete or change. */
export interface CascadeLoss {
  readonly parent: string;
  readonly child: string;
  /** The child's ON DELETE action: `CASCADE`, `SET NULL` or `SET DEFAULT`. */
  readonly action: string;
}

interface Reader {
  all(query: SQL): Promise<unknown>;
}

/** A table name as a statement writes it: "quoted", `quoted`, [quoted] or bare. */
const NAME = String.raw`(?:"((?:[^"]|"")+)"|\x60([^\x60]+)\x60|\[([^\]]+)\]|([A-Za-z_][\w$]*))`;
const DROP = new RegExp(String.raw`^DROP\s+TABLE\s+(?:IF\s+EXISTS\s+)?${NAME}`, 'i');
const CREATE = new RegExp(String.raw`^CREATE\s+TABLE\s+(?:IF\s+NOT\s+EXISTS\s+)?${NAME}`, 'i');
const RENAME = new RegExp(String.raw`^ALTER\s+TABLE\s+${NAME}\s+RENAME\s+TO\s+${NAME}`, 'i');

/** The statement without leading comments and whitespace. */
const bare = (statement: string) => statement.replace(/^(?:\s+|--[^\n]*(?:\n|$)|\/\*[\s\S]*?\*\/)*/, '');

const nameAt = (match: RegExpExecArray, first: number): string | undefined => {
  const quoted = match[first] ?? match[first + 1] ?? match[first + 2] ?? match[first + 3];
  return match[first] !== undefined ? quoted?.replace(/""/g, '"') : quoted;
};

/**
 * The tables a migration drops, and those it (re)creates under a name: read from its statements
 * as drizzle-kit writes them (a table rebuild: create `__new_t`, copy, drop `t`, rename).
 */
function droppedAndCreated(statements: readonly string[], dropped: readonly string[]) {
  const drops = new Set(dropped);
  const creates = new Set<string>();
  for (const statement of statements.map(bare)) {
    const drop = DROP.exec(statement);
    if (drop) drops.add(nameAt(drop, 1) ?? '');
    const create = CREATE.exec(statement);
    if (create) creates.add(nameAt(create, 1) ?? '');
    const rename = RENAME.exec(statement);
    if (rename) creates.add(nameAt(rename, 5) ?? '');
  }
  return { drops, creates };
}

/**
 * What a migration's DROP TABLEs would do to other tables' rows on D1, where foreign keys cannot
 * be turned off: each child table with rows whose ON DELETE action (CASCADE, SET NULL, SET
 * DEFAULT) would fire when its parent is dropped — unless the migration drops the child for good
 * itself. Read before the migration runs.
 *
 * @example
 * ```ts
 * const losses = await cascadingLosses(db, ['DROP TABLE `author`;'], []);
 * ```
 */
export async function cascadingLosses(
  db: Reader,
  statements: readonly string[],
  dropped: readonly string[],
): Promise<CascadeLoss[]> {
  const { drops, creates } = droppedAndCreated(statements, dropped);
  if (drops.size === 0) return [];
  const tables = (await db.all(
    sql`select name from sqlite_master where type = 'table' and name not like 'sqlite\_%' escape '\\' and name not like '\_cf\_%' escape '\\'`,
  )) as { name: string }[];
  const losses: CascadeLoss[] = [];
  for (const { name: child } of tables) {
    // A child dropped and not recreated loses its rows anyway: that is the migration's intent.
    if (drops.has(child) && !creates.has(child)) continue;
    const references = (await db.all(
      sql`select "table", on_delete from pragma_foreign_key_list(${child}) where on_delete in ('CASCADE', 'SET NULL', 'SET DEFAULT')`,
    )) as { table: string; on_delete: string }[];
    const parents = references.filter((reference) => drops.has(reference.table));
    if (parents.length === 0) continue;
    const [row] = (await db.all(sql`select 1 as "one" from ${sql.identifier(child)} limit 1`)) as unknown[];
    if (row === undefined) continue;
    for (const parent of parents) losses.push({ parent: parent.table, child, action: parent.on_delete });
  }
  return losses;
}
