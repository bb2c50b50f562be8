import type { AnyColumn } from '@strata/core';
import { type SQL, sql } from 'drizzle-orm';

/**
 * The time-ordered id as PostgreSQL prints it back (`pg_get_expr`, the same on 14 to 18), wrapped
 * in a one-argument COALESCE. Written in any other spelling, drizzle-kit 0.31 cannot read it
 * back: it cuts a default at its first `::`, unless the text ends in `)`, and compares the rest
 * with the schema's text. In this spelling the database prints exactly what the schema says.
 */
export const GENERATED_ID_SQL =
  "COALESCE((encode(set_bit(set_bit(OVERLAY(uuid_send(gen_random_uuid()) PLACING SUBSTRING(int8send((floor((EXTRACT(epoch FROM clock_timestamp()) * (1000)::numeric)))::bigint) FROM 3) FROM 1 FOR 6), (52)::bigint, 1), (53)::bigint, 1), 'hex'::text))::uuid)";

/** The same id expression as earlier Strata versions wrote it (and their snapshots hold it). */
export const LEGACY_GENERATED_ID_SQL =
  "encode(set_bit(set_bit(overlay(uuid_send(gen_random_uuid()) placing substring(int8send(floor(extract(epoch from clock_timestamp()) * 1000)::bigint) from 3) from 1 for 6), 52, 1), 53, 1), 'hex')::uuid";

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
      return sql.raw(GENERATED_ID_SQL);
  }
}

/**
 * jsonb's own key order: shorter keys first (in UTF-8 bytes), then bytewise. PostgreSQL prints a
 * jsonb default with its keys in this order, so the schema writes them so too.
 */
function jsonbKeyOrder(a: string, b: string): number {
  const x = new TextEncoder().encode(a);
  const y = new TextEncoder().encode(b);
  if (x.length !== y.length) return x.length - y.length;
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return (x[i] as number) - (y[i] as number);
  return 0;
}

/**
 * JSON text of a jsonb default as drizzle-kit reads it back: PostgreSQL prints the keys in jsonb's
 * order, and drizzle-kit re-reads that text with `JSON.parse` (which moves integer-like keys
 * first, as every JS object does) and `JSON.stringify`. Re-building each object from its sorted
 * entries gives the same order.
 *
 * @example
 * ```ts
 * jsonbText({ zeta: 1, a: 2 }); // '{"a":2,"zeta":1}'
 * ```
 */
export function jsonbText(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) => {
    if (item === null || typeof item !== 'object' || Array.isArray(item)) return item;
    return Object.fromEntries(Object.entries(item).sort(([a], [b]) => jsonbKeyOrder(a, b)));
  });
}

/**
 * A constant default in the form drizzle-kit reads back from PostgreSQL: numbers and booleans as
 * JS values (it reads `DEFAULT 0` as the number 0, not the text "0"), JSON as `'…'::jsonb` with
 * jsonb's key order. `undefined` leaves the default to the shared literal.
 */
export function pgConstantDefault(column: AnyColumn, value: unknown, literal: (text: string) => string) {
  switch (column.config.kind) {
    case 'integer':
    case 'double':
      return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
    case 'bigint':
      // Beyond 2^53 a JS number would change the value: those stay a SQL literal.
      return typeof value === 'bigint' && Number.isSafeInteger(Number(value)) ? Number(value) : undefined;
    case 'boolean':
      return typeof value === 'boolean' ? value : undefined;
    case 'json':
      return sql.raw(`${literal(jsonbText(value))}::jsonb`);
    default:
      return undefined;
  }
}
