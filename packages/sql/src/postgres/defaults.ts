import { type SQL, sql } from 'drizzle-orm';

/**
 * Defaults PostgreSQL computes itself, so rows inserted by raw SQL get them too. The id is a
 * UUID version 7 built from `gen_random_uuid()` (PostgreSQL 13+) with the millisecond clock in
 * its first 48 bits and the version bits set to 7: time-ordered without any extension.
 */
export function computedDefault(kind: 'now' | 'random' | 'generatedId'): SQL {
  switch (kind) {
    case 'now':
      return sql`now()`;
    case 'random':
      return sql`gen_random_uuid()`;
    case 'generatedId':
      return sql`encode(set_bit(set_bit(overlay(uuid_send(gen_random_uuid()) placing substring(int8send(floor(extract(epoch from clock_timestamp()) * 1000)::bigint) from 3) from 1 for 6), 52, 1), 53, 1), 'hex')::uuid`;
  }
}
