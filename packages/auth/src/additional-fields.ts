import { type AnyColumn, type ColumnMap, type ColumnType, SchemaError } from '@strata/core';

/** Better Auth's field type for a neutral column: what `user.additionalFields[key].type` says. */
type FieldTypeOf<C extends ColumnType> = C['kind'] extends 'text' | 'varchar' | 'id' | 'uuid' | 'date'
  ? 'string'
  : C['kind'] extends 'enum'
    ? NonNullable<C['data']>[]
    : C['kind'] extends 'integer' | 'double'
      ? 'number'
      : C['kind'] extends 'boolean'
        ? 'boolean'
        : C['kind'] extends 'timestamp'
          ? 'date'
          : never;

/**
 * One Better Auth field attribute derived from a Strata column. `required` is true when an insert
 * must give the value (NOT NULL without a default), as in the table.
 */
export type AdditionalFieldOf<C extends ColumnType> = {
  type: FieldTypeOf<C>;
  required: C['notNull'] extends true ? (C['hasDefault'] extends true ? false : true) : false;
  input?: boolean;
  returned?: boolean;
  defaultValue?: C['data'] | (() => C['data']);
};

/** Better Auth's `user.additionalFields` for a map of Strata columns. */
export type AdditionalFieldsOf<TFields extends ColumnMap> = {
  [K in keyof TFields]: AdditionalFieldOf<TFields[K]['_']>;
};

/** Per-field Better Auth settings that a column cannot say: whether clients may set or see it. */
export type AdditionalFieldOverrides<TFields extends ColumnMap> = {
  readonly [K in keyof TFields]?: { readonly input?: boolean; readonly returned?: boolean };
};

const STRING_KINDS = new Set(['text', 'varchar', 'id', 'uuid', 'date']);

function fieldType(key: string, column: AnyColumn): unknown {
  const { kind, enumValues } = column.config;
  if (STRING_KINDS.has(kind)) return 'string';
  if (kind === 'enum') return [...(enumValues ?? [])];
  if (kind === 'integer' || kind === 'double') return 'number';
  if (kind === 'boolean') return 'boolean';
  if (kind === 'timestamp') return 'date';
  if (kind === 'json') {
    // On SQLite Better Auth stringifies JSON itself and the JSON column encodes it again: Strata
    // would read back a string where PostgreSQL gives an object. Same behaviour everywhere wins.
    throw new SchemaError(
      'a json column cannot be a Better Auth user field (Better Auth would store it double-encoded on SQLite); keep JSON in a table of its own, like defineUserProfiles() preferences',
      { table: 'user', column: key },
    );
  }
  // Better Auth hands numbers to the adapter; a bigint column would get a `number` it cannot hold exactly.
  throw new SchemaError(`a ${kind} column cannot be a Better Auth field; use integer(), double() or text()`, {
    table: 'user',
    column: key,
  });
}

/**
 * Better Auth's `user.additionalFields` for the extra columns given to `defineAuthTables`: the
 * table and Better Auth's config come from one definition, so they cannot drift. Constant and
 * `now` defaults are repeated for Better Auth (it fills them in before the insert).
 *
 * @example
 * ```ts
 * const userFields = { role: enumeration(['admin', 'editor', 'viewer']).notNull().default('viewer') };
 * const auth = createAuth({ database, user: { additionalFields: userAdditionalFields(userFields, { role: { input: false } }) } });
 * ```
 */
export function userAdditionalFields<const TFields extends ColumnMap>(
  fields: TFields,
  overrides: AdditionalFieldOverrides<TFields> = {},
): AdditionalFieldsOf<TFields> {
  const result: Record<string, Record<string, unknown>> = {};
  for (const [key, column] of Object.entries(fields)) {
    const { notNull, default: initial } = column.config;
    const attribute: Record<string, unknown> = {
      type: fieldType(key, column),
      required: notNull && initial === undefined,
    };
    if (initial?.type === 'value') attribute.defaultValue = initial.value;
    else if (initial?.type === 'now') attribute.defaultValue = () => new Date();
    const override = overrides[key as keyof TFields];
    if (override?.input !== undefined) attribute.input = override.input;
    if (override?.returned !== undefined) attribute.returned = override.returned;
    result[key] = attribute;
  }
  return result as AdditionalFieldsOf<TFields>;
}
