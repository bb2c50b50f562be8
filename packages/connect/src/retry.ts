import { type RetryNotice, type RetryPolicy, retryDelay, withRetryPolicy } from '@strata/sql';

/** How a connection is retried while the database is not reachable yet. */
export interface RetryOptions {
  /** Tries in all, the first included. Default 8 (about 25 s of waiting at most with the defaults). */
  readonly attempts?: number;
  /** Wait before the second try; doubles each time. Default 200 ms. */
  readonly initialDelayMs?: number;
  /** The longest wait between two tries. Default 5 s. */
  readonly maxDelayMs?: number;
  /** Called before each wait: log it, count it. */
  readonly onRetry?: (event: RetryEvent) => void;
}

/**
 * One retry, as {@link RetryOptions.onRetry} sees it: Strata's one retry event (`RetryNotice`
 * from `@strata/sql`, which the databases' `onRetry` also receives), with `operation: 'connect'`.
 *
 * @example
 * ```ts
 * const onRetry = (event: RetryEvent) => console.warn(`try ${event.attempt} failed, next in ${event.delayMs} ms`);
 * ```
 */
export type RetryEvent = RetryNotice;

/** Connecting waits steadily for a server coming back: equal jitter (half fixed, half random). */
function policyOf(options: RetryOptions): RetryPolicy {
  return {
    attempts: options.attempts ?? 8,
    initialDelayMs: options.initialDelayMs ?? 200,
    maxDelayMs: options.maxDelayMs ?? 5000,
    jitter: 'equal',
  };
}

/**
 * The wait before try `attempt + 1`: exponential, capped, with "equal jitter" (half fixed, half
 * random) so that many clients restarting together do not retry in lockstep.
 *
 * @example
 * ```ts
 * backoffDelay(3, { initialDelayMs: 100, maxDelayMs: 1000 }); // between 200 and 400
 * ```
 */
export function backoffDelay(attempt: number, options: RetryOptions, random: () => number = Math.random): number {
  return retryDelay(attempt, policyOf(options), random);
}

/**
 * Runs `work` until it succeeds, `retryable` says an error is final, or the tries run out; waits
 * with {@link backoffDelay} in between. The last error is thrown.
 *
 * @example
 * ```ts
 * await withRetry(() => driver.ping(), { attempts: 5 }, isConnectionError);
 * ```
 */
export function withRetry<T>(
  work: () => Promise<T>,
  options: RetryOptions,
  retryable: (error: unknown) => boolean,
): Promise<T> {
  return withRetryPolicy(() => work(), policyOf(options), {
    retryable,
    notify: (attempt, delayMs, error) => options.onRetry?.({ operation: 'connect', attempt, delayMs, error }),
  });
}
