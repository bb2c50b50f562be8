import type { AnyTable, ColumnType, ManyRelation, OneRelation, TableRelations } from '@strata/core';
import type { Many, One, Relations } from 'drizzle-orm';

/**
 * Gives a Drizzle column builder type the facts of a neutral column: value type, nullability,
 * default and primary key. Drizzle then infers exactly `Row`/`NewRow` from it on every dialect.
 */
export type WithColumnFacts<TBuilder, T extends ColumnType> = TBuilder & {
  _: { $type: T['data']; notNull: T['notNull']; hasDefault: T['hasDefault']; isPrimaryKey: T['primaryKey'] };
};

/** Keys of a schema module that hold tables. */
export type SchemaTableKeys<S> = { [K in keyof S]: S[K] extends AnyTable ? K : never }[keyof S];

/** Keys of a schema module that hold relations. */
export type SchemaRelationKeys<S> = { [K in keyof S]: S[K] extends TableRelations ? K : never }[keyof S];

type DrizzleRelation<R> =
  R extends OneRelation<infer TTarget, infer TNotNull>
    ? One<TTarget, TNotNull>
    : R extends ManyRelation<infer TTarget>
      ? Many<TTarget>
      : never;

/** Drizzle's `Relations` type for a neutral relations declaration. */
export type DrizzleRelationsOf<R> =
  R extends TableRelations<infer TName, infer TRelations>
    ? Relations<TName, { [K in keyof TRelations]: DrizzleRelation<TRelations[K]> }>
    : never;
