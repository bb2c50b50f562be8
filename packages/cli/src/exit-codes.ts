import { isDatabaseError, isStrataError } from '@strata/core';

/**
 * The exit codes of `strata`:
 * - 0: done (or nothing to do);
 * - 1: the command ran and found a problem or failed: a migration failed, drift, a changed or
 *   missing migration, pending migrations in `check`, no migrations generated for a schema with
 *   tables (`migrate` before `generate`);
 * - 2: the command could not start: bad arguments, missing or invalid configuration, a schema
 *   module that throws, an engine package that is not installed;
 * - 3: the database could not be reached.
 */
export const EXIT = { ok: 0, failed: 1, usage: 2, unreachable: 3 } as const;

/**
 * The exit code for an error that ended a command.
 *
 * @example
 * ```ts
 * process.exitCode = exitCodeFor(error);
 * ```
 */
export function exitCodeFor(error: unknown): number {
  if (isDatabaseError(error) && (error.kind === 'connection' || error.kind === 'timeout')) return EXIT.unreachable;
  if (isStrataError(error) && error.code === 'DATABASE_UNREACHABLE') return EXIT.unreachable;
  if (isStrataError(error) && /^(CONFIG_|ENGINE_NOT_INSTALLED|DRIZZLE_KIT_MISSING|USAGE)/.test(error.code))
    return EXIT.usage;
  if (connectionRefused(error)) return EXIT.unreachable;
  return EXIT.failed;
}

/** Driver errors from opening a connection (before Strata maps anything). */
function connectionRefused(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && typeof current === 'object' && current !== null; depth++) {
    const code = (current as { code?: unknown }).code;
    if (
      typeof code === 'string' &&
      /^(ECONNREFUSED|ENOTFOUND|ETIMEDOUT|ECONNRESET|EHOSTUNREACH|CONNECT_TIMEOUT|28P01|3D000)$/.test(code)
    ) {
      return true;
    }
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}
