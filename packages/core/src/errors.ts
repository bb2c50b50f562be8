const ERROR_BRAND: unique symbol = Symbol.for('strata.error') as never;

/**
 * Base class of every error Strata throws on purpose. `code` is stable and machine-readable.
 *
 * @example
 * ```ts
 * try { await db.createTables(); } catch (e) { if (isStrataError(e)) console.error(e.code); }
 * ```
 */
export class StrataError extends Error {
  /** Stable machine-readable code, e.g. `SCHEMA_INVALID`. */
  readonly code: string;
  /** Marks Strata errors across package copies, where `instanceof` cannot. */
  readonly [ERROR_BRAND] = true;

  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StrataError';
    this.code = code;
  }
}

/**
 * A table or column definition that cannot be compiled: names the table and the column.
 *
 * @example
 * ```ts
 * defineTable('user', { id: id(), age: integer().default(Number.NaN) }); // throws SchemaError
 * ```
 */
export class SchemaError extends StrataError {
  readonly table: string | undefined;
  readonly column: string | undefined;

  constructor(message: string, where: { table?: string; column?: string } = {}) {
    const place = [where.table && `table "${where.table}"`, where.column && `column "${where.column}"`]
      .filter(Boolean)
      .join(', ');
    super('SCHEMA_INVALID', place ? `${place}: ${message}` : message);
    this.name = 'SchemaError';
    this.table = where.table;
    this.column = where.column;
  }
}

/**
 * Thrown when a database is used after `close()`.
 *
 * @example
 * ```ts
 * await db.close();
 * db.drizzle; // throws DatabaseClosedError
 * ```
 */
export class DatabaseClosedError extends StrataError {
  constructor(engine: string) {
    super('DATABASE_CLOSED', `This ${engine} database was closed; open a new one to go on.`);
    this.name = 'DatabaseClosedError';
  }
}

/**
 * A transaction whose statement failed while the transaction went on: the error was caught inside
 * the transaction. Every engine then rolls the whole transaction back (PostgreSQL cannot continue
 * it), so no engine commits half of it. Let the error propagate, or contain it in a nested
 * `tx.transaction(...)`, whose savepoint rolls back alone.
 *
 * @example
 * ```ts
 * await db.transaction(async (tx) => {
 *   await tx.repos.user.create(dup).catch(() => {}); // swallowed…
 * }); // …rejects with TransactionAbortedError, nothing committed
 * ```
 */
export class TransactionAbortedError extends StrataError {
  constructor(options?: { cause?: unknown }) {
    super(
      'TRANSACTION_ABORTED',
      'A statement in this transaction failed and the error was caught, so the transaction was rolled back. Let the error propagate, or wrap the statement in a nested transaction to contain it.',
      options,
    );
    this.name = 'TransactionAbortedError';
  }
}

/**
 * True for any error Strata threw on purpose, whichever copy of the package threw it.
 *
 * @example
 * ```ts
 * if (isStrataError(err) && err.code === 'DATABASE_CLOSED') reconnect();
 * ```
 */
export function isStrataError(value: unknown): value is StrataError {
  return value instanceof Error && ERROR_BRAND in value;
}
