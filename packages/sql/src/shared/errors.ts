import {
  type AnyTable,
  columnConstraintName,
  conditionColumns,
  DatabaseError,
  type DatabaseErrorKind,
  getTableInfo,
  impliedColumnConstraints,
  isStrataError,
  isTable,
  type SchemaModule,
} from '@strata/core';

/**
 * What the caller knows about the failed statement. Engines say different amounts about a fault;
 * the context fills the gaps so the same fault maps to the same error everywhere.
 *
 * @example
 * ```ts
 * mapDatabaseError(error, { table: 'entry', tables: [collection, entry] });
 * ```
 */
export interface DatabaseErrorContext {
  /**
   * The table the statement wrote (or read): its SQL name or the table. Used where the engine
   * does not name one: a SQLite foreign key or check failure, a PostgreSQL value too long.
   */
  readonly table?: string | AnyTable | undefined;
  /**
   * The schema's tables (or the schema module). With them every engine names unique constraints,
   * checks and length limits as PostgreSQL does, and reports the columns of checks.
   */
  readonly tables?: readonly AnyTable[] | SchemaModule | undefined;
}

/** An error's own fields, read without trusting their types. */
type Fields = Readonly<Record<string, unknown>>;

/** A recognised engine error: who raised it and its fields. */
interface EngineFault {
  readonly source: 'postgres' | 'sqlite' | 'client';
  readonly fields: Fields;
}

/** What a mapper found, before the context and the schema fill the gaps. */
interface Draft {
  kind: DatabaseErrorKind;
  table?: string | undefined;
  columns?: string[] | undefined;
  constraint?: string | undefined;
  detail?: string | undefined;
  engineCode?: string | undefined;
  reason?: string | undefined;
  transient?: boolean | undefined;
  /** PostgreSQL's `varchar(n)` limit from a "value too long" message. */
  lengthLimit?: number | undefined;
  /** SQLite said PRIMARYKEY rather than UNIQUE. */
  primaryKey?: boolean | undefined;
}

/** A constraint or index the schema defines, under the name PostgreSQL gives it. */
interface KnownConstraint {
  readonly table: string;
  readonly name: string;
  readonly kind: 'primaryKey' | 'unique' | 'uniqueIndex' | 'index' | 'check' | 'enum' | 'length';
  readonly columns: readonly string[];
  readonly length?: number | undefined;
}

const text = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

const unquote = (name: string): string => name.replace(/""/g, '"');

// ---------------------------------------------------------------------------------------------
// Recognising engine errors

const SQLSTATE = /^[0-9A-Z]{5}$/;

/** Error codes of Node sockets and of the postgres-js client that mean a connection problem. */
const CLIENT_CODES: Readonly<Record<string, { kind: DatabaseErrorKind; reason: string; transient?: boolean }>> = {
  ECONNREFUSED: { kind: 'connection', reason: 'connection refused' },
  ECONNRESET: { kind: 'connection', reason: 'connection reset' },
  ECONNABORTED: { kind: 'connection', reason: 'connection aborted' },
  EPIPE: { kind: 'connection', reason: 'connection broken' },
  EHOSTUNREACH: { kind: 'connection', reason: 'host unreachable' },
  ENETUNREACH: { kind: 'connection', reason: 'network unreachable' },
  EAI_AGAIN: { kind: 'connection', reason: 'host name lookup failed temporarily' },
  ENOTFOUND: { kind: 'connection', reason: 'host name not found', transient: false },
  ETIMEDOUT: { kind: 'timeout', reason: 'timed out connecting', transient: true },
  CONNECT_TIMEOUT: { kind: 'timeout', reason: 'timed out connecting', transient: true },
  CONNECTION_CLOSED: { kind: 'connection', reason: 'the server closed the connection' },
  CONNECTION_DESTROYED: { kind: 'connection', reason: 'the connection was destroyed' },
  CONNECTION_ENDED: { kind: 'closed', reason: 'the client was closed' },
  SASL_SIGNATURE_MISMATCH: { kind: 'authentication', reason: 'the server signature did not match' },
  AUTH_TYPE_NOT_IMPLEMENTED: { kind: 'authentication', reason: 'authentication method not supported' },
};

/** Driver errors without a code, recognised by their exact message. */
const CLIENT_MESSAGES: readonly { pattern: RegExp; kind: DatabaseErrorKind; reason: string; transient?: boolean }[] = [
  // better-sqlite3, after `close()`.
  { pattern: /^The database connection is not open$/, kind: 'closed', reason: 'the SQLite connection was closed' },
  // PGlite, after `close()`.
  { pattern: /^PGlite is closed$/, kind: 'closed', reason: 'the PGlite instance was closed' },
  // better-sqlite3 checks the directory itself before SQLite would say SQLITE_CANTOPEN.
  {
    pattern: /^Cannot open database because the directory does not exist$/,
    kind: 'connection',
    reason: 'cannot open the database file: its directory does not exist',
    transient: false,
  },
];

function clientCode(fields: Fields): string | undefined {
  const code = text(fields.code);
  if (code !== undefined) return Object.hasOwn(CLIENT_CODES, code) ? code : undefined;
  // Node reports a failed connection to several addresses as an AggregateError.
  const inner = Array.isArray(fields.errors) ? (fields.errors as unknown[]) : [];
  for (const error of inner) {
    const innerCode = typeof error === 'object' && error !== null ? text((error as Fields).code) : undefined;
    if (innerCode !== undefined && Object.hasOwn(CLIENT_CODES, innerCode)) return innerCode;
  }
  return undefined;
}

function classify(fields: Fields): EngineFault['source'] | undefined {
  const code = text(fields.code);
  if (code?.startsWith('SQLITE_')) return 'sqlite';
  // A SQLSTATE: PostgreSQL and PGlite errors carry a severity; postgres-js makes a few itself
  // (57014 on cancel) without one. Node's `EPIPE` has five letters too, hence the digits.
  if (code !== undefined && SQLSTATE.test(code) && ('severity' in fields || /^\d\d/.test(code))) return 'postgres';
  if (clientCode(fields) !== undefined) return 'client';
  const message = text(fields.message);
  if (message !== undefined && CLIENT_MESSAGES.some((m) => m.pattern.test(message))) return 'client';
  return undefined;
}

/**
 * The engine error inside `error`: itself, or a cause of a Drizzle wrapper (`DrizzleQueryError`,
 * `DrizzleError`). Undefined for anything else, and for Strata's own errors.
 */
function findEngineFault(error: unknown): EngineFault | undefined {
  const seen = new Set<unknown>();
  let current = error;
  while (typeof current === 'object' && current !== null && !seen.has(current) && seen.size < 32) {
    if (isStrataError(current)) return undefined;
    seen.add(current);
    const fields = current as Fields;
    const source = classify(fields);
    if (source) return { source, fields };
    current = fields.cause;
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Value-free text

/**
 * An engine message without the values it may quote: quoted strings become `…`, and with
 * `cutAtColon` everything from the first `: ` goes (PostgreSQL puts the value there).
 *
 * @example
 * ```ts
 * safeMessage('invalid input syntax for type uuid: "abc"', true); // 'invalid input syntax for type uuid'
 * ```
 */
export function safeMessage(message: string | undefined, cutAtColon = false): string | undefined {
  if (message === undefined) return undefined;
  let safe = (message.split('\n')[0] ?? '').replace(/"(?:[^"]|"")*"|'(?:[^']|'')*'/g, '…');
  if (cutAtColon) safe = safe.split(': ')[0] ?? '';
  safe = safe.trim();
  return safe === '' ? undefined : safe;
}

/** A PostgreSQL key detail, without its values. */
export interface KeyDetail {
  /** The key's columns (or expressions), unquoted. */
  readonly columns: readonly string[];
  /** `exists`: a duplicate. `missing`: the referenced row is absent. `referenced`: still in use. */
  readonly outcome: 'exists' | 'missing' | 'referenced';
  /** The other table of a foreign key: the referenced one (`missing`) or the referencing one. */
  readonly otherTable: string | undefined;
}

/**
 * Reads PostgreSQL's `Key (a, b)=(1, 2) already exists.` (and the foreign key forms) into its
 * columns and outcome. The values are skipped, never returned. Undefined when the detail has
 * another shape (another language, an exclusion constraint).
 *
 * @example
 * ```ts
 * parseKeyDetail('Key (collection_id, "position")=(abc, 1) already exists.');
 * // { columns: ['collection_id', 'position'], outcome: 'exists', otherTable: undefined }
 * ```
 */
export function parseKeyDetail(detail: string | undefined): KeyDetail | undefined {
  if (!detail?.startsWith('Key (')) return undefined;
  const columns: string[] = [];
  let current = '';
  let depth = 0;
  let quoted = false;
  let index = 'Key ('.length;
  for (; index < detail.length; index++) {
    const char = detail[index];
    if (quoted) {
      if (char === '"' && detail[index + 1] === '"') {
        current += '"';
        index++;
      } else if (char === '"') quoted = false;
      else current += char;
      continue;
    }
    if (char === '"') quoted = true;
    else if (char === ',' && depth === 0) {
      columns.push(current.trim());
      current = '';
    } else if (char === ')' && depth === 0) break;
    else {
      if (char === '(') depth++;
      if (char === ')') depth--;
      current += char;
    }
  }
  const rest = detail.slice(index + 1);
  if (index >= detail.length || !rest.startsWith('=(')) return undefined;
  columns.push(current.trim());
  if (/\) already exists\.$/.test(rest)) return { columns, outcome: 'exists', otherTable: undefined };
  const missing = /\) is not present in table "((?:[^"]|"")*)"\.$/.exec(rest);
  if (missing) return { columns, outcome: 'missing', otherTable: unquote(missing[1] ?? '') };
  const referenced = /\) is (?:still )?referenced from table "((?:[^"]|"")*)"\.$/.exec(rest);
  if (referenced) return { columns, outcome: 'referenced', otherTable: unquote(referenced[1] ?? '') };
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// PostgreSQL and PGlite

/** postgres-js names fields `table_name`, PGlite `table`. */
function pgField(fields: Fields, name: 'table' | 'constraint' | 'column'): string | undefined {
  return text(fields[`${name}_name`]) ?? text(fields[name]);
}

const quotedName = (message: string | undefined, pattern: RegExp): string | undefined => {
  const match = message === undefined ? null : pattern.exec(message);
  return match?.[1] === undefined ? undefined : unquote(match[1]);
};

function mapPostgres(fields: Fields, contextTable: string | undefined): Draft {
  const code = text(fields.code) ?? '';
  const message = text(fields.message);
  const table = pgField(fields, 'table');
  const column = pgField(fields, 'column');
  const constraint = pgField(fields, 'constraint');
  const base = { engineCode: code, table, constraint, columns: column === undefined ? [] : [column] };
  switch (code) {
    case '23505':
    case '23P01': {
      const key = parseKeyDetail(text(fields.detail));
      return { ...base, kind: 'unique_violation', columns: [...(key?.columns ?? base.columns)] };
    }
    case '23503':
    case '23001': {
      const key = parseKeyDetail(text(fields.detail));
      const columns = [...(key?.columns ?? base.columns)];
      // A delete or update of a row still referenced: the refused row is in the referenced table
      // (PostgreSQL names the referencing one), as SQLite's caller sees it. PGlite (PostgreSQL 18)
      // says 23001 for RESTRICT where older servers say 23503.
      const referenced =
        key?.outcome === 'referenced' ||
        code === '23001' ||
        (contextTable !== undefined && table !== undefined && contextTable !== table);
      if (referenced) {
        const referencing = key?.otherTable ?? table;
        return {
          ...base,
          kind: 'foreign_key_violation',
          table: contextTable ?? quotedName(message, /^update or delete on table "((?:[^"]|"")*)"/) ?? table,
          columns,
          detail:
            key && referencing !== undefined
              ? `Key (${columns.join(', ')}) is still referenced from table "${referencing}".`
              : undefined,
        };
      }
      return {
        ...base,
        kind: 'foreign_key_violation',
        columns,
        detail:
          key?.otherTable !== undefined
            ? `Key (${columns.join(', ')}) is not present in table "${key.otherTable}".`
            : undefined,
      };
    }
    case '23502':
      return { ...base, kind: 'not_null_violation' };
    case '23514':
      return { ...base, kind: 'check_violation' };
    case '22001': {
      const limit = /character varying\((\d+)\)/.exec(message ?? '')?.[1];
      return {
        ...base,
        kind: 'value_too_long',
        reason: safeMessage(message, true),
        lengthLimit: limit === undefined ? undefined : Number(limit),
      };
    }
    case '40001':
      return { ...base, kind: 'serialization', detail: text(fields.detail) };
    case '40P01':
      // The detail names processes and transaction ids, never values.
      return { ...base, kind: 'deadlock', detail: text(fields.detail) };
    case '55P03':
    case '55006':
      return { ...base, kind: 'busy', reason: safeMessage(message, true) };
    case '57014':
      // A statement timeout or a cancel: retrying the same slow statement rarely helps.
      return { ...base, kind: 'timeout', reason: safeMessage(message, true), transient: false };
    case '57P01':
    case '57P02':
    case '57P03':
    case '57P05':
    case '25P03':
    case '53300':
      return { ...base, kind: 'connection', reason: safeMessage(message, true) };
    case '57P04':
    case '3D000':
      return { ...base, kind: 'connection', reason: safeMessage(message, true), transient: false };
    case '28000':
    case '28P01':
      return { ...base, kind: 'authentication', reason: safeMessage(message, true) };
    case '42501':
      return { ...base, kind: 'permission_denied', reason: safeMessage(message, true) };
    case '42P01':
    case '3F000':
      return {
        ...base,
        kind: 'schema_mismatch',
        table: table ?? quotedName(message, /^relation "((?:[^"]|"")*)" does not exist/),
        reason: 'a table does not exist',
      };
    case '42703':
      return {
        ...base,
        kind: 'schema_mismatch',
        table: table ?? quotedName(message, /of relation "((?:[^"]|"")*)" does not exist/),
        columns: [...base.columns, ...listed(quotedName(message, /^column "((?:[^"]|"")*)"/))],
        reason: 'a column does not exist',
      };
    case '25006':
      return { ...base, kind: 'read_only', reason: safeMessage(message, true) };
    case '53100':
      return { ...base, kind: 'storage_full', reason: safeMessage(message, true) };
  }
  if (code.startsWith('08')) return { ...base, kind: 'connection', reason: safeMessage(message, true) };
  // Data exceptions quote the offending value: keep only the text before it.
  if (code.startsWith('22')) return { ...base, kind: 'invalid_value', reason: safeMessage(message, true) };
  return { ...base, kind: 'unknown', reason: safeMessage(message, true) };
}

const listed = (value: string | undefined): string[] => (value === undefined ? [] : [value]);

// ---------------------------------------------------------------------------------------------
// SQLite (better-sqlite3)

/** `t.a, t.b` (SQLite's column list) into the table and the columns. */
function sqliteColumns(list: string): { table: string | undefined; columns: string[] } {
  let table: string | undefined;
  const columns = list.split(', ').map((item) => {
    const dot = item.lastIndexOf('.');
    if (dot < 0) return item;
    table ??= item.slice(0, dot);
    return item.slice(dot + 1);
  });
  return { table, columns };
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_$]*$/;

function mapSqlite(fields: Fields): Draft {
  const code = text(fields.code) ?? 'SQLITE_ERROR';
  const message = text(fields.message) ?? '';
  const base = { engineCode: code };
  // RESTRICT failures come as SQLITE_CONSTRAINT_TRIGGER, with the same message.
  if (message.startsWith('FOREIGN KEY constraint failed')) return { ...base, kind: 'foreign_key_violation' };
  const after = (prefix: string) => (message.startsWith(prefix) ? message.slice(prefix.length) : undefined);
  switch (code) {
    case 'SQLITE_CONSTRAINT_UNIQUE':
    case 'SQLITE_CONSTRAINT_PRIMARYKEY':
    case 'SQLITE_CONSTRAINT_ROWID': {
      const list = after('UNIQUE constraint failed: ') ?? '';
      const primaryKey = code !== 'SQLITE_CONSTRAINT_UNIQUE';
      // An index over expressions is named instead: `index 'name'`.
      const index = /^index '((?:[^']|'')*)'$/.exec(list)?.[1];
      if (index !== undefined) return { ...base, kind: 'unique_violation', constraint: index, primaryKey };
      return { ...base, kind: 'unique_violation', ...sqliteColumns(list), primaryKey };
    }
    case 'SQLITE_CONSTRAINT_NOTNULL':
      return { ...base, kind: 'not_null_violation', ...sqliteColumns(after('NOT NULL constraint failed: ') ?? '') };
    case 'SQLITE_CONSTRAINT_CHECK': {
      // Unnamed checks are reported by their expression; Strata always names them.
      const name = after('CHECK constraint failed: ');
      return { ...base, kind: 'check_violation', constraint: name && IDENTIFIER.test(name) ? name : undefined };
    }
    case 'SQLITE_CONSTRAINT_FOREIGNKEY':
      return { ...base, kind: 'foreign_key_violation' };
    case 'SQLITE_CONSTRAINT_DATATYPE': {
      const where = /column (.+)$/.exec(message)?.[1];
      return { ...base, kind: 'invalid_value', ...(where ? sqliteColumns(where) : {}), reason: 'wrong data type' };
    }
    case 'SQLITE_BUSY_SNAPSHOT':
      // A write in a read transaction whose snapshot another connection has overtaken: the
      // transaction must restart, as after PostgreSQL's serialization failure.
      return { ...base, kind: 'serialization', reason: 'the read snapshot is out of date' };
    case 'SQLITE_TOOBIG':
      return { ...base, kind: 'value_too_long', reason: 'string or blob too big' };
    case 'SQLITE_MISMATCH':
      return { ...base, kind: 'invalid_value', reason: 'data type mismatch' };
  }
  const primary = code.split('_').slice(0, 2).join('_');
  switch (primary) {
    case 'SQLITE_BUSY':
    case 'SQLITE_LOCKED':
      return { ...base, kind: 'busy', reason: 'the database is locked' };
    case 'SQLITE_CANTOPEN':
    case 'SQLITE_NOTADB':
      return { ...base, kind: 'connection', reason: 'cannot open the database file', transient: false };
    case 'SQLITE_FULL':
      return { ...base, kind: 'storage_full', reason: 'the database or disk is full' };
    case 'SQLITE_READONLY':
      return { ...base, kind: 'read_only', reason: 'attempt to write a read-only database' };
    case 'SQLITE_PERM':
    case 'SQLITE_AUTH':
      return { ...base, kind: 'permission_denied', reason: safeMessage(message) };
    case 'SQLITE_INTERRUPT':
      return { ...base, kind: 'timeout', reason: 'interrupted', transient: false };
  }
  const missingTable = after('no such table: ');
  if (missingTable !== undefined) {
    return {
      ...base,
      kind: 'schema_mismatch',
      table: missingTable.replace(/^(main|temp)\./, ''),
      reason: 'a table does not exist',
    };
  }
  const missingColumn = after('no such column: ');
  if (missingColumn !== undefined) {
    return { ...base, kind: 'schema_mismatch', ...sqliteColumns(missingColumn), reason: 'a column does not exist' };
  }
  const noColumnNamed = /^table (.+) has no column named (.+)$/.exec(message);
  if (noColumnNamed) {
    return {
      ...base,
      kind: 'schema_mismatch',
      table: noColumnNamed[1],
      columns: listed(noColumnNamed[2]),
      reason: 'a column does not exist',
    };
  }
  return { ...base, kind: 'unknown', reason: safeMessage(message) };
}

// ---------------------------------------------------------------------------------------------
// Client errors (sockets, postgres-js, closed drivers)

function mapClient(fields: Fields): Draft {
  const code = clientCode(fields);
  const known = code === undefined ? undefined : CLIENT_CODES[code];
  if (known) {
    const host = [fields.address, fields.port].map((part) => (Array.isArray(part) ? part.join(',') : part));
    const where =
      typeof host[0] === 'string' ? ` (${host[0]}${host[1] === undefined ? '' : `:${String(host[1])}`})` : '';
    return { kind: known.kind, engineCode: code, reason: `${known.reason}${where}`, transient: known.transient };
  }
  const message = text(fields.message) ?? '';
  const byMessage = CLIENT_MESSAGES.find((m) => m.pattern.test(message));
  return { kind: byMessage?.kind ?? 'unknown', reason: byMessage?.reason, transient: byMessage?.transient };
}

// ---------------------------------------------------------------------------------------------
// The schema's constraints, as PostgreSQL names them

function tableList(tables: DatabaseErrorContext['tables']): AnyTable[] {
  if (tables === undefined) return [];
  return (Array.isArray(tables) ? tables : Object.values(tables)).filter(isTable);
}

function knownConstraints(tables: readonly AnyTable[]): KnownConstraint[] {
  const known: KnownConstraint[] = [];
  for (const table of tables) {
    const info = getTableInfo(table);
    const sqlName = (column: { placement?: { sqlName: string } | undefined }) => column.placement?.sqlName ?? '';
    for (const column of Object.values(info.columns)) {
      const columns = [sqlName(column)];
      // A column primary key gets PostgreSQL's default name.
      if (column.config.primaryKey)
        known.push({ table: info.name, name: `${info.name}_pkey`, kind: 'primaryKey', columns });
      for (const kind of impliedColumnConstraints(column)) {
        known.push({
          table: info.name,
          name: columnConstraintName(info.name, column, kind),
          kind,
          columns,
          length: kind === 'length' ? column.config.length : undefined,
        });
      }
    }
    for (const extra of info.extras) {
      if (extra.kind === 'check') {
        const columns = [...new Set(conditionColumns(extra.condition).map(sqlName))];
        known.push({ table: info.name, name: extra.name, kind: 'check', columns });
      } else {
        const kind = extra.kind === 'primaryKey' ? 'primaryKey' : extra.unique ? 'uniqueIndex' : 'index';
        known.push({ table: info.name, name: extra.name, kind, columns: extra.columns.map(sqlName) });
      }
    }
  }
  return known;
}

const sameColumns = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((column) => b.includes(column));

const UNIQUE_KINDS: ReadonlySet<KnownConstraint['kind']> = new Set(['primaryKey', 'unique', 'uniqueIndex']);

/** Fills in what the engine left out from the context and the schema, then builds the error. */
function complete(draft: Draft, context: DatabaseErrorContext, cause: unknown): DatabaseError {
  const known = knownConstraints(tableList(context.tables));
  let { kind, table, constraint, detail } = draft;
  let columns = draft.columns ?? [];
  table ??= contextTableName(context);

  if (constraint !== undefined) {
    let matches = known.filter((k) => k.name === constraint && (table === undefined || k.table === table));
    // A table only guessed from the context (SQLite names none) yields to the constraint's own.
    if (matches.length === 0 && draft.table === undefined) matches = known.filter((k) => k.name === constraint);
    const match = matches.length === 1 ? matches[0] : undefined;
    if (match) {
      table = draft.table ?? match.table;
      if (columns.length === 0) columns = [...match.columns];
      if (kind === 'check_violation' && match.kind === 'length') kind = 'value_too_long';
    } else if (kind === 'check_violation' && constraint.endsWith('_length')) {
      // Strata's varchar length check (SQLite), without the schema at hand.
      kind = 'value_too_long';
      const prefix = table === undefined ? undefined : `${table}_`;
      if (prefix && constraint.startsWith(prefix) && columns.length === 0) {
        columns = [constraint.slice(prefix.length, -'_length'.length)];
      }
    }
  }

  if (kind === 'unique_violation' && constraint === undefined && table !== undefined && columns.length > 0) {
    // SQLite does not name the constraint: find the one over exactly these columns.
    const matches = known.filter(
      (k) => k.table === table && UNIQUE_KINDS.has(k.kind) && sameColumns(k.columns, columns),
    );
    constraint = (matches.find((k) => (k.kind === 'primaryKey') === (draft.primaryKey ?? false)) ?? matches[0])?.name;
  }

  if (kind === 'value_too_long' && columns.length === 0 && draft.lengthLimit !== undefined) {
    // PostgreSQL names only the type: the column is the one varchar of that length, if unique.
    const matches = known.filter(
      (k) => k.kind === 'length' && k.length === draft.lengthLimit && (table === undefined || k.table === table),
    );
    const match = matches.length === 1 ? matches[0] : undefined;
    if (match) {
      table ??= match.table;
      columns = [...match.columns];
      constraint ??= match.name;
    }
  }

  // The same value-free detail on every engine, from the columns.
  if (kind === 'unique_violation')
    detail = columns.length > 0 ? `Key (${columns.join(', ')}) already exists.` : undefined;

  let reason = draft.reason;
  if (kind === 'value_too_long') {
    const limit =
      draft.lengthLimit ?? known.find((k) => k.kind === 'length' && k.name === constraint && k.table === table)?.length;
    if (limit !== undefined) reason = `more than ${limit} characters`;
  }

  return new DatabaseError({
    kind,
    table,
    columns,
    constraint,
    detail,
    engineCode: draft.engineCode,
    reason,
    transient: draft.transient,
    cause,
  });
}

function contextTableName(context: DatabaseErrorContext): string | undefined {
  const { table } = context;
  if (typeof table === 'string') return table;
  return table !== undefined && isTable(table) ? getTableInfo(table).name : undefined;
}

/**
 * Turns an engine's error into a {@link DatabaseError}, the same for the same fault on every
 * engine: PostgreSQL (postgres-js), PGlite and SQLite (better-sqlite3), wrapped by Drizzle or not.
 * Anything else (Strata's own errors, application errors) comes back unchanged. The message and
 * detail never carry row values; `cause` is the original error.
 *
 * On SQLite a foreign key failure names neither the constraint nor the columns: only `kind` and
 * `table` (from the context) are known there.
 *
 * @example
 * ```ts
 * try {
 *   await db.drizzle.insert(db.tables.user).values({ email });
 * } catch (error) {
 *   throw mapDatabaseError(error, { table: 'user', tables: [user] });
 *   // DatabaseError: unique violation on table "user" (email): constraint user_email_key
 * }
 * ```
 */
export function mapDatabaseError(error: unknown, context: DatabaseErrorContext = {}): unknown {
  const fault = findEngineFault(error);
  if (!fault) return error;
  const draft =
    fault.source === 'postgres'
      ? mapPostgres(fault.fields, contextTableName(context))
      : fault.source === 'sqlite'
        ? mapSqlite(fault.fields)
        : mapClient(fault.fields);
  return complete(draft, context, error);
}
