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
