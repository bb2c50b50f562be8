import { StrataError } from './errors.js';

const DATABASE_ERROR_BRAND: unique symbol = Symbol.for('strata.databaseError') as never;

/**
 * What went wrong, the same for the same fault on every engine.
 *
 * - `unique_violation`: a unique constraint, unique index or primary key already holds the key.
 * - `foreign_key_violation`: a reference points at a missing row, or a referenced row cannot be
 *   deleted or changed while rows still point at it (RESTRICT / NO ACTION).
 * - `not_null_violation`: a required column got NULL.
 * - `check_violation`: a CHECK constraint (a named `check(...)` or an enumeration) refused the row.
 * - `value_too_long`: text longer than its `varchar(n)` column allows.
 * - `invalid_value`: a value the column's type cannot hold (malformed uuid or date, integer out of
 *   range, a byte sequence the encoding refuses). SQLite stores most such values instead.
 * - `schema_mismatch`: the statement names a table or column the database does not have
 *   (migrations not applied, `createTables()` not run).
 * - `connection`: the database could not be reached or opened, or the connection broke.
 * - `authentication`: the server refused the credentials.
 * - `timeout`: a statement timeout or cancel, or a connection attempt that took too long.
 * - `serialization`: a concurrent transaction made this one unsafe to commit; retry it.
 * - `deadlock`: two transactions waited on each other and this one was chosen to fail; retry it.
 * - `busy`: a lock could not be taken in time (SQLite `SQLITE_BUSY`, PostgreSQL lock timeout).
 * - `read_only`: a write on a read-only database or transaction.
 * - `storage_full`: the disk (or database size limit) is full.
 * - `permission_denied`: the database user may not do this.
 * - `closed`: the connection or client was closed by the application before the call.
 * - `unknown`: an engine error with no better kind; `engineCode` and `cause` tell more.
 */
export type DatabaseErrorKind =
  | 'unique_violation'
  | 'foreign_key_violation'
  | 'not_null_violation'
  | 'check_violation'
  | 'value_too_long'
  | 'invalid_value'
  | 'schema_mismatch'
  | 'connection'
  | 'authentication'
  | 'timeout'
  | 'serialization'
  | 'deadlock'
  | 'busy'
  | 'read_only'
  | 'storage_full'
  | 'permission_denied'
  | 'closed'
  | 'unknown';

/** Kinds a retry of the whole transaction may fix, unless the mapper says otherwise. */
const TRANSIENT_KINDS: ReadonlySet<DatabaseErrorKind> = new Set(['serialization', 'deadlock', 'busy', 'connection']);

const KIND_LABEL: Record<DatabaseErrorKind, string> = {
  unique_violation: 'unique violation',
  foreign_key_violation: 'foreign key violation',
  not_null_violation: 'not null violation',
  check_violation: 'check violation',
  value_too_long: 'value too long',
  invalid_value: 'invalid value',
  schema_mismatch: 'schema mismatch',
  connection: 'connection error',
  authentication: 'authentication failed',
  timeout: 'timeout',
  serialization: 'serialization failure',
  deadlock: 'deadlock',
  busy: 'database busy',
  read_only: 'read-only database',
  storage_full: 'storage full',
  permission_denied: 'permission denied',
  closed: 'connection closed',
  unknown: 'database error',
};

/**
 * What a {@link DatabaseError} is built from. Every text here must be free of row values and
 * secrets: it ends up in the message.
 *
 * @example
 * ```ts
 * const init: DatabaseErrorInit = { kind: 'unique_violation', table: 'user', columns: ['email'], constraint: 'user_email_key' };
 * ```
 */
export interface DatabaseErrorInit {
  readonly kind: DatabaseErrorKind;
  /** SQL name of the table whose row was refused. */
  readonly table?: string | undefined;
  /** SQL names of the columns involved. */
  readonly columns?: readonly string[] | undefined;
  /** The constraint or index name, as PostgreSQL names it. */
  readonly constraint?: string | undefined;
  /** A value-free explanation, e.g. `Key (email) already exists.` */
  readonly detail?: string | undefined;
  /** The engine's own code: `23505`, `SQLITE_CONSTRAINT_UNIQUE`, `ECONNREFUSED`. */
  readonly engineCode?: string | undefined;
  /** Extra value-free text for the message, e.g. `connection refused (127.0.0.1:5432)`. */
  readonly reason?: string | undefined;
  /** Whether a retry may succeed; by default true for serialization, deadlock, busy and connection. */
  readonly transient?: boolean | undefined;
  /** The original error. */
  readonly cause?: unknown;
}

function describe(init: DatabaseErrorInit): string {
  let message = KIND_LABEL[init.kind];
  if (init.table !== undefined) message += ` on table "${init.table}"`;
  if (init.columns?.length) message += ` (${init.columns.join(', ')})`;
  if (init.constraint !== undefined) message += `: constraint ${init.constraint}`;
  if (init.reason) message += `; ${init.reason}`;
  if (init.engineCode !== undefined && init.kind === 'unknown') message += ` [${init.engineCode}]`;
  return message;
}

/**
 * An engine fault, described the same way on every engine. `code` is always `DATABASE_ERROR`;
 * `kind` says what went wrong, `engineCode` what the engine called it. The message names the
 * table, columns and constraint but never a row value or a password; `cause` is the original
 * error (which may hold values: log `message` or `toJSON()`, not the cause).
 *
 * @example
 * ```ts
 * try {
 *   await users.create({ email });
 * } catch (e) {
 *   if (isDatabaseError(e) && e.kind === 'unique_violation') return 'email taken';
 *   throw e;
 * }
 * // e.message: 'unique violation on table "user" (email): constraint user_email_key'
 * ```
 */
export class DatabaseError extends StrataError {
  /** What went wrong, the same on every engine. */
  readonly kind: DatabaseErrorKind;
  /** SQL name of the table whose row was refused, when known. */
  readonly table: string | undefined;
  /** SQL names of the columns involved (empty when unknown). */
  readonly columns: readonly string[];
  /** The constraint or index name, as PostgreSQL names it, when known. */
  readonly constraint: string | undefined;
  /** A value-free explanation, e.g. `Key (email) already exists.`, when there is one. */
  readonly detail: string | undefined;
  /** The engine's own code: `23505`, `SQLITE_CONSTRAINT_UNIQUE`, `ECONNREFUSED`. */
  readonly engineCode: string | undefined;
  /** True when retrying the whole transaction may succeed (see {@link isTransientError}). */
  readonly transient: boolean;
  /** Marks database errors across package copies, where `instanceof` cannot. */
  readonly [DATABASE_ERROR_BRAND] = true;

  constructor(init: DatabaseErrorInit) {
    super('DATABASE_ERROR', describe(init), { cause: init.cause });
    this.name = 'DatabaseError';
    this.kind = init.kind;
    this.table = init.table;
    this.columns = Object.freeze([...(init.columns ?? [])]);
    this.constraint = init.constraint;
    this.detail = init.detail;
    this.engineCode = init.engineCode;
    this.transient = init.transient ?? TRANSIENT_KINDS.has(init.kind);
  }

  /**
   * The error's value-free fields, for structured logs (`JSON.stringify(error)`); the cause,
   * which may hold row values, is left out.
   *
   * @example
   * ```ts
   * logger.error(JSON.stringify(error)); // {"name":"DatabaseError","kind":"unique_violation",...}
   * ```
   */
  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      code: this.code,
      kind: this.kind,
      message: this.message,
      table: this.table,
      columns: this.columns,
      constraint: this.constraint,
      detail: this.detail,
      engineCode: this.engineCode,
      transient: this.transient,
    };
  }
}

/**
 * True when `value` itself is a {@link DatabaseError}, whichever copy of the package made it.
 * It does not look through causes; {@link findDatabaseError} does.
 *
 * @example
 * ```ts
 * if (isDatabaseError(err)) console.error(err.kind, err.table);
 * ```
 */
export function isDatabaseError(value: unknown): value is DatabaseError {
  return value instanceof Error && DATABASE_ERROR_BRAND in value;
}

/**
 * The first {@link DatabaseError} in `error` or its chain of causes, if any.
 *
 * @example
 * ```ts
 * const dbError = findDatabaseError(new Error('saving failed', { cause: err }));
 * dbError?.kind; // 'unique_violation'
 * ```
 */
export function findDatabaseError(error: unknown): DatabaseError | undefined {
  const seen = new Set<unknown>();
  let current = error;
  while (typeof current === 'object' && current !== null && !seen.has(current) && seen.size < 32) {
    if (isDatabaseError(current)) return current;
    seen.add(current);
    current = (current as { cause?: unknown }).cause;
  }
  // Not mapped yet: an error from a query through `db.drizzle` or the driver itself.
  for (const reader of engineErrorReaders) {
    const mapped = reader(error);
    if (isDatabaseError(mapped)) return mapped;
  }
  return undefined;
}

/** One reader per SQL dialect in use: an app may hold a PostgreSQL and a SQLite database at once. */
const engineErrorReaders = new Set<(error: unknown) => unknown>();

/**
 * Teaches the error helpers (`findDatabaseError`, `isUniqueViolation`, …) to read engine errors
 * that did not come through the repository — queries through `db.drizzle`, the raw driver. Engine
 * packages register their dialect's reader when a database opens (once per reader; each is asked
 * in turn until one recognises the error); core itself knows no engine.
 *
 * @example
 * ```ts
 * registerEngineErrorReader((error) => mapDatabaseError(error));
 * isUniqueViolation(await db.drizzle.insert(user).values(dup).catch((e) => e)); // true
 * ```
 */
export function registerEngineErrorReader(reader: (error: unknown) => unknown): void {
  engineErrorReaders.add(reader);
}

/**
 * True when the error (or one of its causes) is a unique violation: a unique constraint, unique
 * index or primary key already holds the key.
 *
 * @example
 * ```ts
 * if (isUniqueViolation(e) && getConstraintName(e) === 'user_email_key') return 'email taken';
 * ```
 */
export function isUniqueViolation(error: unknown): boolean {
  return findDatabaseError(error)?.kind === 'unique_violation';
}

/**
 * True when the error (or one of its causes) is a foreign key violation: a reference to a missing
 * row, or a delete or update of a row that is still referenced.
 *
 * @example
 * ```ts
 * if (isForeignKeyViolation(e)) return 'the collection is still in use';
 * ```
 */
export function isForeignKeyViolation(error: unknown): boolean {
  return findDatabaseError(error)?.kind === 'foreign_key_violation';
}

/**
 * True when the error (or one of its causes) is a NULL in a required column.
 *
 * @example
 * ```ts
 * if (isNotNullViolation(e)) console.error(findDatabaseError(e)?.columns); // ['title']
 * ```
 */
export function isNotNullViolation(error: unknown): boolean {
  return findDatabaseError(error)?.kind === 'not_null_violation';
}

/**
 * True when the error (or one of its causes) is a CHECK constraint failure: a named `check(...)`
 * or an enumeration. A too-long `varchar` is `value_too_long` instead, on every engine.
 *
 * @example
 * ```ts
 * if (isCheckViolation(e) && getConstraintName(e) === 'entry_rating_range') return 'rating must be 0 to 5';
 * ```
 */
export function isCheckViolation(error: unknown): boolean {
  return findDatabaseError(error)?.kind === 'check_violation';
}

/**
 * The name of the constraint or index behind the error (or one of its causes), as PostgreSQL
 * names it on every engine; undefined when unknown (a foreign key failure on SQLite, for one).
 *
 * @example
 * ```ts
 * getConstraintName(e); // 'user_email_key'
 * ```
 */
export function getConstraintName(error: unknown): string | undefined {
  return findDatabaseError(error)?.constraint;
}

/**
 * The value-free detail of the error (or one of its causes), such as `Key (email) already exists.`
 *
 * @example
 * ```ts
 * getErrorDetail(e); // 'Key (collection_id) is not present in table "collection".'
 * ```
 */
export function getErrorDetail(error: unknown): string | undefined {
  return findDatabaseError(error)?.detail;
}

/**
 * True when retrying the whole transaction may succeed: a serialization failure, a deadlock, a
 * busy database or lock timeout, a broken or refused connection. Never for constraint errors,
 * and not for failures a retry cannot fix (a missing database file, wrong credentials).
 *
 * @example
 * ```ts
 * for (let attempt = 1; ; attempt++) {
 *   try { return await db.transaction(work); }
 *   catch (e) { if (!isTransientError(e) || attempt === 3) throw e; }
 * }
 * ```
 */
export function isTransientError(error: unknown): boolean {
  return findDatabaseError(error)?.transient === true;
}
