/**
 * D1 reports SQLite's errors as plain `Error`s whose message wraps SQLite's:
 * `D1_ERROR: UNIQUE constraint failed: post.slug: SQLITE_CONSTRAINT (extended: SQLITE_CONSTRAINT_UNIQUE)`
 * (locally; Cloudflare's service may leave out the extended code, or all codes). Strata's SQLite
 * error reader wants what better-sqlite3 gives: SQLite's message, and its code.
 */
const D1_MESSAGE = /^(?:D1_[A-Z_]+: )?([\s\S]*?)(?:: (SQLITE_[A-Z_]+)(?: \(extended: (SQLITE_[A-Z_]+)\))?)?$/;

/**
 * A constraint failure's extended code from its message, for a D1 answer that names only the
 * primary code (or none).
 */
const BY_MESSAGE: readonly (readonly [RegExp, string])[] = [
  [/^UNIQUE constraint failed: /, 'SQLITE_CONSTRAINT_UNIQUE'],
  [/^NOT NULL constraint failed: /, 'SQLITE_CONSTRAINT_NOTNULL'],
  [/^CHECK constraint failed: /, 'SQLITE_CONSTRAINT_CHECK'],
  [/^FOREIGN KEY constraint failed/, 'SQLITE_CONSTRAINT_FOREIGNKEY'],
];

/**
 * Where a batch broke a deferred constraint (a migration's dangling foreign key), the Durable
 * Object under D1 says so before SQLite's message.
 */
const DEFERRED =
  /^Durable Object was reset and rolled back to its last known good state because the application left the database in a state where constraints were violated: /;

/**
 * The SQLite error inside a D1 error, as an `Error` with better-sqlite3's fields: `message`
 * SQLite's own, `code` the extended code (`SQLITE_CONSTRAINT_UNIQUE`), and the D1 error as its
 * `cause`. D1's type errors (a value it cannot bind) read as SQLite's `SQLITE_MISMATCH`. Anything
 * else is returned unchanged.
 *
 * @example
 * ```ts
 * const error = d1EngineError(new Error('D1_ERROR: NOT NULL constraint failed: post.title: SQLITE_CONSTRAINT'));
 * error.code; // 'SQLITE_CONSTRAINT_NOTNULL'
 * ```
 */
export function d1EngineError(error: unknown): unknown {
  if (!(error instanceof Error) || typeof (error as { code?: unknown }).code === 'string') return error;
  const message = error.message.replace(DEFERRED, '');
  if (message.startsWith('D1_TYPE_ERROR: ')) {
    return withCode(message.slice('D1_TYPE_ERROR: '.length), 'SQLITE_MISMATCH', 'SQLITE_MISMATCH', error);
  }
  const match = D1_MESSAGE.exec(message);
  const text = match?.[1] ?? message;
  const primary = match?.[2];
  const extended = match?.[3] ?? BY_MESSAGE.find(([pattern]) => pattern.test(text))?.[1] ?? primary;
  if (extended === undefined || (primary !== undefined && !extended.startsWith(primary))) return error;
  return withCode(text, extended.split('_').slice(0, 2).join('_'), extended, error);
}

function withCode(message: string, code: string, extendedCode: string, cause: Error): Error {
  // `code` is the extended code, as better-sqlite3 gives it (libSQL's client: `extendedCode`).
  return Object.assign(new Error(message, { cause }), { name: 'D1SQLiteError', code: extendedCode, primaryCode: code });
}
