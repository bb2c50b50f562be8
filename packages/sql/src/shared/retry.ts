import { isDatabaseError } from '@strata/core';

/**
 * How Strata retries, everywhere it does: waiting for a server (`connect`), a read whose
 * connection broke, a transaction that lost a serialization conflict, the driver's reconnects.
 * One formula, exponential and capped, with jitter so that many clients do not retry in lockstep:
 * `equal` (half fixed, half random: steady waits for a server coming back) or `full` (anywhere
 * from zero: conflicting transactions spread apart).
 *
 * @example
 * ```ts
 * const policy: RetryPolicy = { attempts: 5, initialDelayMs: 20, maxDelayMs: 1000, jitter: 'full' };
 * ```
 */
export interface RetryPolicy {
  /** Tries in all, the first included. */
  readonly attempts: number;
  /** The ceiling of the first wait; it doubles with each try. */
  readonly initialDelayMs: number;
  /** The longest wait. */
  readonly maxDelayMs: number;
  readonly jitter: 'equal' | 'full';
}

/**
 * A retry, as `onRetry` hears of it: what was retried, which try failed, how long until the next.
 *
 * @example
 * ```ts
 * const db = await createDatabase({ schema, url, onRetry: (event: RetryNotice) => log.warn(event) });
 * ```
 */
export interface RetryNotice {
  /** `connect`: waiting for the server; `read`: a read after a broken connection; `transaction`: after a conflict. */
  readonly operation: 'connect' | 'read' | 'transaction';
  /** The try that failed (1 for the first). */
  readonly attempt: number;
  readonly delayMs: number;
  /** The error of that try (a `DatabaseError` once mapped). */
  readonly error: unknown;
}

/**
 * The wait after try `attempt` failed: a ceiling of `initialDelayMs × 2^(attempt − 1)`, capped
 * at `maxDelayMs`, then jittered.
 *
 * @example
 * ```ts
 * retryDelay(3, { attempts: 8, initialDelayMs: 100, maxDelayMs: 1000, jitter: 'equal' }); // 200–400
 * ```
 */
export function retryDelay(
  attempt: number,
  policy: Omit<RetryPolicy, 'attempts'>,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.initialDelayMs * 2 ** (attempt - 1));
  return Math.round(policy.jitter === 'equal' ? ceiling / 2 + (random() * ceiling) / 2 : random() * ceiling);
}

/**
 * Runs `work` until it succeeds, `retryable` calls an error final, or the tries run out, waiting
 * {@link retryDelay} in between and telling `notify` first. The last error is thrown. `retryable`
 * may return the error to throw and report instead (a mapped one).
 *
 * @example
 * ```ts
 * await withRetryPolicy(() => driver.ping(), policy, { retryable: isBrokenConnection, notify: (attempt, delayMs, error) => … });
 * ```
 */
export async function withRetryPolicy<T>(
  work: (attempt: number) => Promise<T>,
  policy: RetryPolicy,
  handlers: {
    readonly retryable: (error: unknown) => boolean;
    readonly notify?: ((attempt: number, delayMs: number, error: unknown) => void) | undefined;
  },
): Promise<T> {
  const attempts = Math.max(1, policy.attempts);
  for (let attempt = 1; ; attempt++) {
    try {
      return await work(attempt);
    } catch (error) {
      if (attempt >= attempts || !handlers.retryable(error)) throw error;
      const delayMs = retryDelay(attempt, policy);
      handlers.notify?.(attempt, delayMs, error);
      await new Promise((resolve) => setTimeout(resolve, delayMs));
    }
  }
}

// The policies of the repository's adapter (see `createSqlAdapter`).

/**
 * A pooled transaction that lost a serialization conflict runs again, 5 tries in all, the waits
 * spread from zero (full jitter) so that the conflicting ones do not meet again.
 */
export const TRANSACTION_RETRY: RetryPolicy = { attempts: 5, initialDelayMs: 20, maxDelayMs: 1000, jitter: 'full' };

/** A transaction that is never retried (a nested one: the outer one retries). */
export const NO_RETRY: RetryPolicy = { ...TRANSACTION_RETRY, attempts: 1 };

/** A read whose connection broke is tried 3 times in all: on a pool the next takes another connection. */
export const READ_RETRY: RetryPolicy = { attempts: 3, initialDelayMs: 50, maxDelayMs: 1000, jitter: 'equal' };

/** A connection that broke under a statement: a read may run again (on a pool, on another connection). */
export const isBrokenConnection = (error: unknown) => isDatabaseError(error) && error.kind === 'connection';

/** A transaction that lost to another one (serialization failure, deadlock): it may run again whole. */
export const isConflict = (error: unknown) =>
  isDatabaseError(error) && (error.kind === 'serialization' || error.kind === 'deadlock');
