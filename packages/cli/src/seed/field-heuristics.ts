import type { Faker } from '@faker-js/faker';

/**
 * How to fake the text of a field whose name says what it holds.
 *
 * @example
 * ```ts
 * const slug: TextRule = { make: (f) => f.lorem.slug(3) };
 * ```
 */
export interface TextRule {
  readonly make: (faker: Faker) => string;
  /** Makes `value` unique with the row number `n`; by default `-n` is appended. */
  readonly unique?: (value: string, n: number) => string;
}

/**
 * An inclusive range of numbers, with the decimals to keep (doubles only).
 *
 * @example
 * ```ts
 * const rating: NumberRange = { min: 0, max: 5, fractionDigits: 1 };
 * ```
 */
export interface NumberRange {
  readonly min: number;
  readonly max: number;
  readonly fractionDigits?: number;
}

const LOCALES = ['en', 'en-GB', 'de', 'fr', 'es', 'it', 'ja', 'pt-BR'] as const;

const withoutFinalPeriod = (sentence: string): string => sentence.replace(/\.$/, '');

/** Checked in order: the first match wins, so specific names come before general ones. */
const TEXT_RULES: readonly (readonly [RegExp, TextRule])[] = [
  [
    /email/,
    {
      make: (f) => f.internet.email().toLowerCase(),
      unique: (value, n) => value.replace('@', `+${n}@`),
    },
  ],
  [/^(first|given)name$/, { make: (f) => f.person.firstName() }],
  [/^(last|family|sur)name$/, { make: (f) => f.person.lastName() }],
  [/(user|login|nick|screen)name|handle/, { make: (f) => f.internet.username() }],
  [/(company|organi[sz]ation|org|business|brand)(name)?$/, { make: (f) => f.company.name() }],
  [/file(name)?$/, { make: (f) => f.system.fileName() }],
  [/(avatar|image|photo|picture|logo|thumbnail)/, { make: (f) => f.image.url() }],
  [
    /(url|website|homepage|link|href|uri)$/,
    { make: (f) => f.internet.url(), unique: (value, n) => `${value.replace(/\/$/, '')}/${n}` },
  ],
  [/slug/, { make: (f) => f.lorem.slug({ min: 2, max: 4 }) }],
  [/title|headline|subject|heading/, { make: (f) => withoutFinalPeriod(f.lorem.sentence({ min: 2, max: 6 })) }],
  [/name$/, { make: (f) => f.person.fullName() }],
  [/description|summary|bio$|excerpt|about|caption|tagline/, { make: (f) => f.lorem.sentences({ min: 1, max: 2 }) }],
  [/body|content|text|notes?$|comment|message/, { make: (f) => f.lorem.paragraph({ min: 1, max: 4 }) }],
  [/phone|mobile|fax/, { make: (f) => f.phone.number() }],
  [/city/, { make: (f) => f.location.city() }],
  [/country/, { make: (f) => f.location.country() }],
  [/address|street/, { make: (f) => f.location.streetAddress() }],
  [/zip|postal|postcode/, { make: (f) => f.location.zipCode() }],
  [/colou?r/, { make: (f) => f.color.human() }],
  [/token|secret|hash|password|key$/, { make: (f) => f.string.alphanumeric(32) }],
  [/^ip(address)?$|ipv4/, { make: (f) => f.internet.ipv4() }],
  [/currency/, { make: (f) => f.finance.currencyCode() }],
  [/locale|language|lang$/, { make: (f) => f.helpers.arrayElement(LOCALES) }],
  [/code$/, { make: (f) => f.string.alphanumeric({ length: 8, casing: 'upper' }) }],
];

const FALLBACK_TEXT: TextRule = { make: (f) => f.lorem.words({ min: 1, max: 3 }) };

const INTEGER_RANGES: readonly (readonly [RegExp, NumberRange])[] = [
  [/age$/, { min: 18, max: 90 }],
  [/year/, { min: 2000, max: 2030 }],
  [/position|order|sort|rank|index|priority|weight/, { min: 0, max: 1_000 }],
  [/price|amount|cost|total|balance|cents/, { min: 0, max: 100_000 }],
  [/count|quantity|qty|stock|views|likes|votes|size|length|duration|seconds|minutes/, { min: 0, max: 10_000 }],
];

const DOUBLE_RANGES: readonly (readonly [RegExp, NumberRange])[] = [
  [/rating|score|stars/, { min: 0, max: 5, fractionDigits: 1 }],
  [/^lat(itude)?$/, { min: -90, max: 90, fractionDigits: 6 }],
  [/^(lng|lon|long|longitude)$/, { min: -180, max: 180, fractionDigits: 6 }],
  [/price|amount|cost|total|balance/, { min: 0, max: 10_000, fractionDigits: 2 }],
  [/percent/, { min: 0, max: 100, fractionDigits: 2 }],
  [/ratio|rate|probability|fraction/, { min: 0, max: 1, fractionDigits: 4 }],
];

/** `createdAt`, `created_at` and `CreatedAt` all read as `createdat`. */
function normalizeFieldName(key: string): string {
  return key.toLowerCase().replace(/[_\-\s]/g, '');
}

function match<T>(rules: readonly (readonly [RegExp, T])[], key: string): T | undefined {
  const name = normalizeFieldName(key);
  return rules.find(([pattern]) => pattern.test(name))?.[1];
}

/**
 * The text rule for a field: by its name where the name says what it holds, else a few words.
 *
 * @example
 * ```ts
 * textRuleFor('authorEmail').make(faker); // 'kevin60@hotmail.com'
 * ```
 */
export function textRuleFor(key: string): TextRule {
  return match(TEXT_RULES, key) ?? FALLBACK_TEXT;
}

/**
 * The range of an integer field, by its name (`age`, `year`, `position`, …); 0 to 1,000,000 otherwise.
 *
 * @example
 * ```ts
 * integerRangeFor('birthYear'); // { min: 2000, max: 2030 }
 * ```
 */
export function integerRangeFor(key: string): NumberRange {
  return match(INTEGER_RANGES, key) ?? { min: 0, max: 1_000_000 };
}

/**
 * The range and precision of a floating-point field, by its name (`rating`, `latitude`, `price`, …).
 *
 * @example
 * ```ts
 * doubleRangeFor('rating'); // { min: 0, max: 5, fractionDigits: 1 }
 * ```
 */
export function doubleRangeFor(key: string): NumberRange {
  return match(DOUBLE_RANGES, key) ?? { min: 0, max: 1_000, fractionDigits: 4 };
}
