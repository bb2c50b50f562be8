// The one retry policy every retry in Strata uses (connect, reads, transactions, reconnects).
import { type RetryPolicy, retryDelay, withRetryPolicy } from '@strata/sql';
import { describe, expect, test } from 'vitest';

const policy: RetryPolicy = { attempts: 4, initialDelayMs: 100, maxDelayMs: 300, jitter: 'equal' };

describe('retryDelay', () => {
  test('doubles from the initial delay, capped; equal jitter keeps at least half, full jitter may be zero', () => {
    expect([1, 2, 3, 4].map((attempt) => retryDelay(attempt, policy, () => 1))).toEqual([100, 200, 300, 300]);
    expect([1, 2, 3, 4].map((attempt) => retryDelay(attempt, policy, () => 0))).toEqual([50, 100, 150, 150]);
    const full = { ...policy, jitter: 'full' } as const;
    expect(retryDelay(2, full, () => 0)).toBe(0);
    expect(retryDelay(2, full, () => 1)).toBe(200);
  });
});

describe('withRetryPolicy', () => {
  const fast: RetryPolicy = { attempts: 3, initialDelayMs: 1, maxDelayMs: 1, jitter: 'full' };

  test('retries a retryable error until it succeeds, telling each retry', async () => {
    const told: number[] = [];
    const result = await withRetryPolicy(
      async (attempt) => {
        if (attempt < 3) throw new Error(`try ${attempt}`);
        return 'done';
      },
      fast,
      { retryable: () => true, notify: (attempt) => told.push(attempt) },
    );
    expect(result).toBe('done');
    expect(told).toEqual([1, 2]);
  });

  test('a final error and the last try throw at once', async () => {
    let tries = 0;
    const final = withRetryPolicy(
      async () => {
        tries++;
        throw new Error('final');
      },
      fast,
      { retryable: () => false },
    );
    await expect(final).rejects.toThrow('final');
    expect(tries).toBe(1);
    tries = 0;
    const exhausted = withRetryPolicy(
      async () => {
        tries++;
        throw new Error('again');
      },
      fast,
      { retryable: () => true },
    );
    await expect(exhausted).rejects.toThrow('again');
    expect(tries).toBe(3);
  });
});
