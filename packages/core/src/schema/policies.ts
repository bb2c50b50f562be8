import { TABLE_BRAND } from '../brand.js';
import { SchemaError } from '../errors.js';
import type { AnyColumn } from './column.js';
import type { Condition } from './condition.js';
import { ddlConditionProblem } from './ddl-condition.js';

/**
 * The statements a policy governs; `all` is every one of them.
 *
 * @example
 * ```ts
 * const command: PolicyCommand = 'select';
 * ```
 */
export type PolicyCommand = 'select' | 'insert' | 'update' | 'delete' | 'all';

/**
 * A database role a policy applies to: Supabase's `anon`, `authenticated`, `service_role`, any
 * other role name in lower case, or `public` (every role).
 *
 * @example
 * ```ts
 * const roles: PolicyRole[] = ['anon', 'authenticated'];
 * ```
 */
export type PolicyRole = 'public' | 'anon' | 'authenticated' | 'service_role' | (string & {});

/**
 * What `policy(name, options)` takes.
 *
 * @example
 * ```ts
 * const options: PolicyOptions = { for: 'update', to: 'authenticated', using: mine, withCheck: mine };
 * ```
 */
export interface PolicyOptions {
  /** The statements it governs. Default `all`. */
  readonly for?: PolicyCommand;
  /** The role or roles it applies to; required, so that no policy opens a table to `public` by accident. */
  readonly to: PolicyRole | readonly PolicyRole[];
  /** Which existing rows are visible (select) or may be changed or deleted (update, delete). */
  readonly using?: Condition;
  /** Which new or changed rows may be written (insert, update). Without it, `using` applies to them too. */
  readonly withCheck?: Condition;
  /** `permissive` (default): any one permissive policy may let a row through. `restrictive`: every one must. */
  readonly as?: 'permissive' | 'restrictive';
}

/**
 * A row-level security policy of a table, as `policy(...)` makes it and compilers receive it.
 *
 * @example
 * ```ts
 * const extra: PolicyExtra = policy('own_notes', { to: 'authenticated', using: eq(t.ownerId, currentUserId()) });
 * extra.command; // 'all'
 * ```
 */
export interface PolicyExtra {
  readonly kind: 'policy';
  readonly name: string;
  readonly command: PolicyCommand;
  readonly roles: readonly string[];
  readonly using: Condition | undefined;
  readonly withCheck: Condition | undefined;
  readonly as: 'permissive' | 'restrictive';
}

/**
 * How a table's rows are protected on an engine without row-level security (SQLite): `refuse`
 * (default) keeps the schema from compiling there; `unenforced` compiles it without policies,
 * the application filtering rows itself.
 *
 * @example
 * ```ts
 * enableRowLevelSecurity({ sqlite: 'unenforced' satisfies SqliteRowLevelSecurity });
 * ```
 */
export type SqliteRowLevelSecurity = 'refuse' | 'unenforced';

/**
 * What `enableRowLevelSecurity()` adds to a table.
 *
 * @example
 * ```ts
 * const extra: RowLevelSecurityExtra = enableRowLevelSecurity(); // { kind: 'rowLevelSecurity', sqlite: 'refuse' }
 * ```
 */
export interface RowLevelSecurityExtra {
  readonly kind: 'rowLevelSecurity';
  readonly sqlite: SqliteRowLevelSecurity;
}

/**
 * The table extras of row-level security.
 *
 * @example
 * ```ts
 * const extras: TableSecurityExtra[] = [enableRowLevelSecurity(), policy('p', { to: 'anon', using: and() })];
 * ```
 */
export type TableSecurityExtra = PolicyExtra | RowLevelSecurityExtra;

/**
 * A table's row-level security, as `getTableInfo(table).rowLevelSecurity` describes it.
 *
 * @example
 * ```ts
 * const security: RowLevelSecurity | undefined = getTableInfo(note).rowLevelSecurity;
 * security?.policies.map((p) => p.name); // ['note_read_own']
 * ```
 */
export interface RowLevelSecurity {
  readonly policies: readonly PolicyExtra[];
  readonly sqlite: SqliteRowLevelSecurity;
}

/**
 * A row-level security policy (PostgreSQL `CREATE POLICY`); declaring one also enables row-level
 * security on the table. Conditions use `check()`'s operators over the table's columns and may
 * compare a column with {@link currentUserId} or {@link jwtClaim}.
 *
 * @example
 * ```ts
 * defineTable('note', { id: id(), ownerId: uuid().notNull(), body: text() }, (t) => [
 *   policy('note_owner_all', { to: 'authenticated', using: eq(t.ownerId, currentUserId()) }),
 * ]);
 * ```
 */
export function policy(name: string, options: PolicyOptions): PolicyExtra {
  const to = options?.to;
  return {
    kind: 'policy',
    name,
    command: options?.for ?? 'all',
    roles: typeof to === 'string' ? [to] : Array.isArray(to) ? [...to] : [],
    using: options?.using,
    withCheck: options?.withCheck,
    as: options?.as ?? 'permissive',
  };
}

/**
 * Enables row-level security on a table: on PostgreSQL, roles other than the table's owner (and
 * `BYPASSRLS` roles) then see and change only the rows a policy lets through — none without a
 * policy. Needed on its own only for a table with no policy, or to say how SQLite handles it:
 * `{ sqlite: 'unenforced' }` lets the schema compile on SQLite, which has no row-level security.
 *
 * @example
 * ```ts
 * defineTable('audit', { id: id(), entry: text() }, () => [enableRowLevelSecurity()]); // no access but the owner's
 * defineTable('note', { ... }, (t) => [enableRowLevelSecurity({ sqlite: 'unenforced' }), policy(...)]);
 * ```
 */
export function enableRowLevelSecurity(options?: { readonly sqlite?: SqliteRowLevelSecurity }): RowLevelSecurityExtra {
  return { kind: 'rowLevelSecurity', sqlite: options?.sqlite ?? 'refuse' };
}

const COMMANDS: ReadonlySet<string> = new Set(['select', 'insert', 'update', 'delete', 'all']);
/** Lower case only: drizzle-kit writes role names unquoted in `ALTER POLICY … TO`, where PostgreSQL folds case. */
const ROLE_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

function fail(table: string, name: string, problem: string): never {
  throw new SchemaError(`policy "${name}" ${problem}`, { table });
}

function checkRoles(table: string, name: string, roles: readonly string[]): void {
  if (roles.length === 0) fail(table, name, "needs `to`: a role or a list of roles, e.g. to: 'authenticated'");
  for (const role of roles) {
    if (typeof role !== 'string' || !ROLE_NAME.test(role)) {
      fail(
        table,
        name,
        `names the role ${JSON.stringify(role)}; a role is a lower-case name of letters, digits and _ (e.g. 'authenticated')`,
      );
    }
    if (role.startsWith('pg_')) fail(table, name, `names the role "${role}"; pg_ roles are PostgreSQL's own`);
  }
  if (new Set(roles).size !== roles.length) fail(table, name, 'names a role twice in `to`');
  if (roles.includes('public') && roles.length > 1) {
    fail(table, name, "names 'public' with other roles; 'public' is every role already");
  }
}

function checkPolicy(table: string, extra: PolicyExtra, isOwn: (column: AnyColumn) => boolean): void {
  const { name, command } = extra;
  if (typeof name !== 'string' || name.length === 0) {
    throw new SchemaError('a policy needs a name', { table });
  }
  if (new TextEncoder().encode(name).length > 63) fail(table, name, 'has a name longer than 63 bytes');
  if (!COMMANDS.has(command))
    fail(table, name, `has for: ${JSON.stringify(command)}; use select insert update delete or all`);
  checkRoles(table, name, extra.roles);
  if (extra.as !== 'permissive' && extra.as !== 'restrictive')
    fail(table, name, "has `as` other than 'permissive' or 'restrictive'");
  if (extra.using === undefined && extra.withCheck === undefined) {
    fail(table, name, 'needs `using` or `withCheck`; to let every row through write `using: and()` (always true)');
  }
  if (command === 'insert' && extra.using !== undefined) {
    fail(table, name, 'is for insert, which has no existing rows to test: move the condition to `withCheck`');
  }
  if ((command === 'select' || command === 'delete') && extra.withCheck !== undefined) {
    fail(table, name, `is for ${command}, which writes no new rows: move the condition to \`using\``);
  }
  for (const [key, condition] of [
    ['using', extra.using],
    ['withCheck', extra.withCheck],
  ] as const) {
    const problem = condition === undefined ? undefined : ddlConditionProblem(condition, isOwn, true);
    if (problem) fail(table, name, `has a ${key} condition that ${problem}`);
  }
}

/**
 * Checks a table's policies and `enableRowLevelSecurity()` extras and gathers them; `undefined`
 * when the table has neither (row-level security stays off).
 *
 * @example
 * ```ts
 * info.rowLevelSecurity = resolveRowLevelSecurity('note', securityExtras, placed);
 * ```
 */
export function resolveRowLevelSecurity(
  table: string,
  extras: readonly TableSecurityExtra[],
  placed: Readonly<Record<string, AnyColumn>>,
): RowLevelSecurity | undefined {
  if (extras.length === 0) return undefined;
  const isOwn = (column: AnyColumn) =>
    column.placement?.table[TABLE_BRAND].name === table && placed[column.placement.key] === column;
  const policies: PolicyExtra[] = [];
  let sqlite: SqliteRowLevelSecurity | undefined;
  for (const extra of extras) {
    if (extra.kind === 'rowLevelSecurity') {
      if (sqlite !== undefined) throw new SchemaError('enableRowLevelSecurity() is given twice', { table });
      if (extra.sqlite !== 'refuse' && extra.sqlite !== 'unenforced') {
        throw new SchemaError("enableRowLevelSecurity({ sqlite }) takes 'refuse' or 'unenforced'", { table });
      }
      sqlite = extra.sqlite;
      continue;
    }
    checkPolicy(table, extra, isOwn);
    if (policies.some((other) => other.name === extra.name)) {
      fail(table, extra.name, 'is declared twice; policy names are unique within a table');
    }
    policies.push(extra);
  }
  return { policies, sqlite: sqlite ?? 'refuse' };
}
