import type { AnyColumn } from '@strata/core';
import type { DriverValueEncoder } from 'drizzle-orm';
import { bigint, boolean, date, doublePrecision, integer, jsonb, text, uuid, varchar } from 'drizzle-orm/pg-core';
import type { DrizzleColumnBuilder } from '../shared/table-compiler.js';
import { timestamptz } from './timestamp.js';

/**
 * The PostgreSQL type of each neutral kind. Timestamps keep milliseconds (precision 3) with a time
 * zone, so a `Date` reads back exactly as written; `double` is 8 bytes as on SQLite.
 */
export function baseColumn(column: AnyColumn, name: string): DrizzleColumnBuilder {
  const { kind, length, enumValues } = column.config;
  const builder = (() => {
    switch (kind) {
      case 'id':
      case 'uuid':
        return uuid(name);
      case 'text':
        return text(name);
      case 'enum':
        return text(name, { enum: enumValues as [string, ...string[]] });
      case 'varchar':
        return varchar(name, { length: length as number });
      case 'integer':
        return integer(name);
      case 'bigint':
        return bigint(name, { mode: 'bigint' });
      case 'double':
        return doublePrecision(name);
      case 'boolean':
        return boolean(name);
      case 'timestamp':
        return timestamptz(name);
      case 'date':
        return date(name, { mode: 'string' });
      case 'json':
        return jsonb(name);
    }
  })();
  return builder as unknown as DrizzleColumnBuilder;
}

const identity: DriverValueEncoder<unknown, unknown> = { mapToDriverValue: (value) => value };

/** Driver values for constants written into DDL (defaults, checks). */
export function encoder(column: AnyColumn): DriverValueEncoder<unknown, unknown> {
  switch (column.config.kind) {
    case 'json':
      return { mapToDriverValue: (value) => JSON.stringify(value) };
    case 'timestamp':
      return { mapToDriverValue: (value) => (value as Date).toISOString() };
    case 'bigint':
      return { mapToDriverValue: (value) => String(value) };
    default:
      return identity;
  }
}
