import { MigrationError } from '@strata/core';

/** The engine's error code anywhere in a cause chain (Drizzle wraps driver errors). */
export function engineCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && typeof current === 'object' && current !== null; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/**
 * The innermost message of an error chain: the driver's own words (Drizzle wraps engine errors in
 * a "Failed query" error).
 *
 * @example
 * ```ts
 * rootMessage(error); // 'connect ECONNREFUSED 127.0.0.1:5432'
 * ```
 */
export function rootMessage(error: unknown): string {
  let current: unknown = error;
  while (current instanceof Error && current.cause instanceof Error) current = current.cause;
  return current instanceof Error ? current.message : String(current);
}

/**
 * The error for a migration lock that another process held too long.
 *
 * @example
 * ```ts
 * throw lockTimeout(60_000, error);
 * ```
 */
export function lockTimeout(timeoutMs: number, cause: unknown): MigrationError {
  return new MigrationError(
    'MIGRATION_LOCK_TIMEOUT',
    `Another process held the migration lock for more than ${timeoutMs} ms. Wait for it to finish (or stop it), then run the migrations again.`,
    { cause },
  );
}
