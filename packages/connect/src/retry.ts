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

/** One retry, as {@link RetryOptions.onRetry} sees it. */
export interface RetryEvent {
  /** The try that failed (1 for the first). */
  readonly attempt: number;
  /** How long until the next try. */
  readonly delayMs: number;
  readonly error: unknown;
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
  const ceiling = Math.min(options.maxDelayMs ?? 5000, (options.initialDelayMs ?? 200) * 2 ** (attempt - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
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
export async function withRetry<T>(
  work: () => Promise<T>,
  options: RetryOptions,
  retryable: (error: unknown) => boolean,
): Promise<T> {
  const attempts = Math.max(1, options.attempts ?? 8);
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (attempt >= attempts || !retryable(error)) throw error;
      const delayMs = backoffDelay(attempt, options);
      options.onRetry?.({ attempt, delayMs, error });
      await new Promise((resolve) => setTimeout(resolve, delayMs));
    }
  }
}
