import { uuidv7 } from 'uuidv7';

/**
 * A new primary-key value: a UUID version 7, whose first 48 bits are the Unix time in
 * milliseconds, so ids sort by creation time (monotonic within one process).
 *
 * Generated on the client so that a retried insert can reuse the same key (idempotency).
 *
 * @example
 * ```ts
 * const key = generateId(); // '018f3c6e-8d2a-7b4c-9a1e-2f3b4c5d6e7f'
 * ```
 */
export function generateId(): string {
  return uuidv7();
}
