import { customType } from 'drizzle-orm/pg-core';

// PostgreSQL's output for timestamptz: '2024-05-01 12:30:00.123+00', '0001-01-01 00:00:00+00',
// '0044-03-15 00:00:00+00 BC', offsets like '+05:30' or '-03:00:00'.
const TIMESTAMPTZ =
  /^(\d{4,})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,6}))?([+-])(\d{2})(?::?(\d{2}))?(?::?(\d{2}))?( BC)?$/;

/**
 * Reads PostgreSQL's text for a `timestamptz` into a Date. `new Date(text)` (what Drizzle does)
 * reads years 0–99 as 1900–1999 or 2000–2049, and does not know BC; this parser is exact.
 */
export function parseTimestamptz(value: string | Date): Date {
  if (value instanceof Date) return value;
  const match = TIMESTAMPTZ.exec(value);
  if (!match) return new Date(value);
  const [, y, mo, d, h, mi, s, fraction = '', sign, oh = '0', om = '0', os = '0', bc] = match;
  const year = bc ? 1 - Number(y) : Number(y);
  const date = new Date(0);
  date.setUTCFullYear(year, Number(mo) - 1, Number(d));
  // Microseconds are cut to milliseconds, never rounded up: a stored time read back must not be
  // later than a JavaScript clock reading taken after it (an update's updatedAt would go backwards).
  date.setUTCHours(Number(h), Number(mi), Number(s), Math.floor(Number(fraction.padEnd(6, '0')) / 1000));
  const offsetMs = ((Number(oh) * 60 + Number(om)) * 60 + Number(os)) * 1000 * (sign === '-' ? -1 : 1);
  return new Date(date.getTime() - offsetMs);
}

/** ISO 8601 with an explicit zone; years beyond 9999 or before 0 keep their sign and digits. */
function formatTimestamptz(value: Date): string {
  return value.toISOString();
}

/**
 * `timestamp(3) with time zone` read with {@link parseTimestamptz}: a `Date` in, the same `Date`
 * out, for every year PostgreSQL and JavaScript share.
 */
export const timestamptz = customType<{ data: Date; driverData: string }>({
  dataType: () => 'timestamp(3) with time zone',
  toDriver: formatTimestamptz,
  fromDriver: parseTimestamptz,
});
