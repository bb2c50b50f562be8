import type { AnyColumn } from '@strata/core';
import type { DriverValueEncoder } from 'drizzle-orm';
import { customType, real, text } from 'drizzle-orm/sqlite-core';
import type { DrizzleColumnBuilder } from '../shared/table-compiler.js';

/**
 * SQLite connections run with safe integers (every INTEGER reads back as a `bigint`, so 64-bit
 * values keep their precision). These integer-backed kinds turn driver values into the JS types
 * the other engines return; they also accept plain numbers, which nested relational rows carry.
 */
type IntegerDriverValue = number | bigint;

const integerKinds = {
  integer: {
    toDriver: (value: unknown) => value as number,
    fromDriver: (value: IntegerDriverValue) => Number(value),
  },
  bigint: {
    toDriver: (value: unknown) => value as bigint,
    fromDriver: (value: IntegerDriverValue) => BigInt(value),
  },
  boolean: {
    toDriver: (value: unknown) => (value ? 1 : 0),
    fromDriver: (value: IntegerDriverValue) => Number(value) === 1,
  },
  // Milliseconds since the epoch: a Date reads back exactly, and integers sort and compare. A
  // number is already that: a constant default is kept as the stored number (see defaults.ts).
  timestamp: {
    toDriver: (value: unknown) => (typeof value === 'number' ? value : (value as Date).getTime()),
    fromDriver: (value: IntegerDriverValue) => new Date(Number(value)),
  },
} as const;

type IntegerKind = keyof typeof integerKinds;

function integerBacked(codec: (typeof integerKinds)[IntegerKind]): (name: string) => unknown {
  return customType<{ data: unknown; driverData: IntegerDriverValue }>({
    dataType: () => 'integer',
    toDriver: codec.toDriver as (value: unknown) => IntegerDriverValue,
    fromDriver: codec.fromDriver,
  });
}

const integerBuilders: Record<IntegerKind, (name: string) => unknown> = {
  integer: integerBacked(integerKinds.integer),
  bigint: integerBacked(integerKinds.bigint),
  boolean: integerBacked(integerKinds.boolean),
  timestamp: integerBacked(integerKinds.timestamp),
};

/** The SQLite storage of each neutral kind; see `types.ts` for the matching Drizzle types. */
export function baseColumn(column: AnyColumn, name: string): DrizzleColumnBuilder {
  const { kind, length, enumValues } = column.config;
  const builder = (() => {
    switch (kind) {
      case 'id':
      case 'uuid':
      case 'text':
      case 'date':
        return text(name);
      case 'enum':
        return text(name, { enum: enumValues as [string, ...string[]] });
      case 'varchar':
        return text(name, { length: length as number });
      case 'double':
        return real(name);
      case 'json':
        return text(name, { mode: 'json' });
      case 'integer':
      case 'bigint':
      case 'boolean':
      case 'timestamp':
        return integerBuilders[kind](name);
    }
  })();
  return builder as DrizzleColumnBuilder;
}

const identity: DriverValueEncoder<unknown, unknown> = { mapToDriverValue: (value) => value };

/** Driver values for constants written into DDL (defaults, checks). */
export function encoder(column: AnyColumn): DriverValueEncoder<unknown, unknown> {
  const { kind } = column.config;
  switch (kind) {
    case 'json':
      return { mapToDriverValue: (value) => JSON.stringify(value) };
    case 'bigint':
      // Drizzle inlines strings, not bigints; SQLite's INTEGER affinity stores the text as an integer.
      return { mapToDriverValue: (value) => String(value) };
    case 'integer':
    case 'boolean':
    case 'timestamp':
      return { mapToDriverValue: integerKinds[kind].toDriver };
    default:
      return identity;
  }
}
