import type { Faker } from '@faker-js/faker';
import { type AnyColumn, getTableInfo } from '@strata/core';
import { doubleRangeFor, integerRangeFor, textRuleFor } from './field-heuristics.js';
import { SeedError } from './seed-error.js';

/** Fake instants and days fall in the years 2000 to 2030. */
const FIRST_INSTANT = Date.UTC(2000, 0, 1);
const LAST_INSTANT = Date.UTC(2030, 11, 31, 23, 59, 59, 999);
const HOUR = 3_600_000;
const DAY = 86_400_000;
const INT32_MAX = 2_147_483_647;
/** Past 2^53, so bigint columns show that no precision is lost; below 2^63. */
const BIGINT_MAX = 9_000_000_000_000_000_000n;

/** Where a column sits, for error messages. */
function placeOf(column: AnyColumn, key: string): { table?: string; column: string } {
  return { table: column.placement && getTableInfo(column.placement.table).name, column: key };
}

/** Cuts `text` to `length` characters (code points, as a varchar counts them). */
function fitText(text: string, length: number | undefined): string {
  if (length === undefined) return text;
  const characters = [...text];
  return characters.length <= length ? text : characters.slice(0, length).join('');
}

function isoDay(instant: number): string {
  return new Date(instant).toISOString().slice(0, 10);
}

/** A small JSON object: a word, a number, a flag and a few tags. */
function fakeJson(faker: Faker): Record<string, unknown> {
  return {
    label: faker.lorem.word(),
    value: faker.number.int({ min: 0, max: 1_000 }),
    enabled: faker.datatype.boolean(),
    tags: faker.helpers.multiple(() => faker.lorem.word(), { count: { min: 0, max: 3 } }),
  };
}

/**
 * A valid fake value for a column, by its kind and (for text and numbers) its name. Enumerations
 * get one of their values, varchars fit their length, timestamps have millisecond precision.
 *
 * @example
 * ```ts
 * fakeValue(faker, post.title, 'title'); // 'Cognomen esse custodia'
 * ```
 */
export function fakeValue(faker: Faker, column: AnyColumn, key: string): unknown {
  const { kind, length, enumValues } = column.config;
  switch (kind) {
    case 'id':
    case 'uuid':
      return faker.string.uuid();
    case 'text':
      return textRuleFor(key).make(faker);
    case 'varchar':
      return fitText(textRuleFor(key).make(faker), length);
    case 'integer':
      return faker.number.int(integerRangeFor(key));
    case 'bigint':
      return faker.number.bigInt({ min: 0n, max: BIGINT_MAX });
    case 'double':
      return faker.number.float(doubleRangeFor(key));
    case 'boolean':
      return faker.datatype.boolean();
    case 'timestamp':
      return new Date(faker.number.int({ min: FIRST_INSTANT, max: LAST_INSTANT }));
    case 'date':
      return isoDay(faker.number.int({ min: FIRST_INSTANT, max: LAST_INSTANT }));
    case 'json':
      return fakeJson(faker);
    case 'enum':
      return faker.helpers.arrayElement(enumValues ?? []);
  }
}

/** Text made unique by the row number, within the varchar's length when there is one. */
function uniqueText(column: AnyColumn, key: string, base: string, n: number): string {
  const { length } = column.config;
  const rule = textRuleFor(key);
  const preferred = rule.unique ? rule.unique(base, n) : `${base}-${n}`;
  if (length === undefined || [...preferred].length <= length) return preferred;
  const suffix = `${n}`.length < length ? `-${n}` : `${n}`;
  if (suffix.length > length) {
    throw new SeedError(`varchar(${length}) is too short for ${n} distinct values; ask for fewer rows`, {
      ...placeOf(column, key),
    });
  }
  return fitText(base, length - suffix.length) + suffix;
}

/**
 * A fake value that no other row index gets: the row number is built into it (a suffix on text,
 * the value itself for integers, one hour or one day per row for timestamps and dates).
 *
 * @example
 * ```ts
 * uniqueValue(faker, user.email, 'email', 0); // 'kevin60+1@hotmail.com'
 * ```
 */
export function uniqueValue(faker: Faker, column: AnyColumn, key: string, index: number): unknown {
  const n = index + 1;
  const base = fakeValue(faker, column, key);
  switch (column.config.kind) {
    case 'id':
    case 'uuid':
      // The last 12 hex digits carry the row number: still a valid (version 4) UUID.
      return `${String(base).slice(0, 24)}${n.toString(16).padStart(12, '0')}`;
    case 'text':
    case 'varchar':
      return uniqueText(column, key, String(base), n);
    case 'integer':
      if (n > INT32_MAX) throw new SeedError('a 32-bit integer has no more distinct values', placeOf(column, key));
      return n;
    case 'bigint':
      return BigInt(n);
    case 'double':
      return index + faker.number.float({ min: 0, max: 0.99, fractionDigits: 2 });
    case 'timestamp':
      return new Date(FIRST_INSTANT + index * HOUR + faker.number.int({ min: 0, max: HOUR - 1 }));
    case 'date':
      return isoDay(FIRST_INSTANT + index * DAY);
    case 'json':
      return { ...(base as Record<string, unknown>), n };
    case 'boolean':
    case 'enum':
      // The table plan draws these from their domain instead (see table-plan.ts).
      throw new SeedError(`a unique ${column.config.kind} has too few values to make unique`, placeOf(column, key));
  }
}
