// PostgreSQL's text form of timestamptz, read exactly (Drizzle's `new Date(text)` is not).
import { describe, expect, test } from 'vitest';
import { parseTimestamptz } from '../src/postgres/timestamp.js';

describe('parseTimestamptz', () => {
  test.each([
    ['2024-05-01 12:30:00.123+00', '2024-05-01T12:30:00.123Z'],
    ['2024-05-01 12:30:00+00', '2024-05-01T12:30:00.000Z'],
    ['0001-01-01 00:00:00+00', '0001-01-01T00:00:00.000Z'],
    ['0099-12-31 23:59:59.999+00', '0099-12-31T23:59:59.999Z'],
    ['9999-12-31 23:59:59.999+00', '9999-12-31T23:59:59.999Z'],
    ['2024-05-01 18:00:00+05:30', '2024-05-01T12:30:00.000Z'],
    ['2024-05-01 09:30:00-03', '2024-05-01T12:30:00.000Z'],
    ['1969-12-31 23:59:59.999+00', '1969-12-31T23:59:59.999Z'],
    ['2024-05-01 12:30:00.123456+00', '2024-05-01T12:30:00.123Z'],
    // Cut, not rounded: never later than the instant it stores.
    ['2024-05-01 12:30:00.123600+00', '2024-05-01T12:30:00.123Z'],
    ['2024-05-01 23:59:59.999900+00', '2024-05-01T23:59:59.999Z'],
  ])('%s', (text, iso) => {
    expect(parseTimestamptz(text).toISOString()).toBe(iso);
  });

  test('keeps BC years (year 0 is 1 BC)', () => {
    expect(parseTimestamptz('0001-01-01 00:00:00+00 BC').getUTCFullYear()).toBe(0);
    expect(parseTimestamptz('0044-03-15 00:00:00+00 BC').getUTCFullYear()).toBe(-43);
  });

  test('passes a Date through', () => {
    const date = new Date(1_700_000_000_123);
    expect(parseTimestamptz(date)).toBe(date);
  });
});
