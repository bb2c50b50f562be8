import { hasBrand, RELATIONS_BRAND } from '../brand.js';
import type { AnyColumn } from './column.js';
import type { AnyTable, TableName } from './table.js';

/** A to-one relation to the table named `TTarget`. `TNotNull` tells whether the related row always exists. */
export interface OneRelation<TTarget extends string = string, TNotNull extends boolean = boolean> {
  readonly kind: 'one';
  readonly target: AnyTable;
  readonly fields: readonly AnyColumn[] | undefined;
  readonly references: readonly AnyColumn[] | undefined;
  readonly relationName: string | undefined;
  /** Phantom: type-level facts. */
  readonly _?: { target: TTarget; notNull: TNotNull };
}

/** A to-many relation to the table named `TTarget`. */
export interface ManyRelation<TTarget extends string = string> {
  readonly kind: 'many';
  readonly target: AnyTable;
  readonly relationName: string | undefined;
  /** Phantom: type-level facts. */
  readonly _?: { target: TTarget };
}

/** Any relation. */
export type AnyRelation = OneRelation | ManyRelation;

/** The relations declared for one table. */
export interface TableRelations<
  TName extends string = string,
  TRelations extends Record<string, AnyRelation> = Record<string, AnyRelation>,
> {
  readonly [RELATIONS_BRAND]: true;
  readonly table: AnyTable;
  readonly build: () => TRelations;
  /** Phantom: type-level facts. */
  readonly _?: { table: TName; relations: TRelations };
}

type AllNotNull<T extends readonly AnyColumn[]> = [T[number]['_']['notNull']] extends [true] ? true : false;

/** The helpers handed to `defineRelations`. */
export interface RelationHelpers {
  one<TTarget extends AnyTable, const TFields extends readonly [AnyColumn, ...AnyColumn[]]>(
    target: TTarget,
    config: { fields: TFields; references: readonly [AnyColumn, ...AnyColumn[]]; relationName?: string },
  ): OneRelation<TableName<TTarget>, AllNotNull<TFields>>;
  one<TTarget extends AnyTable>(
    target: TTarget,
    config?: { relationName?: string },
  ): OneRelation<TableName<TTarget>, false>;
  many<TTarget extends AnyTable>(target: TTarget, config?: { relationName?: string }): ManyRelation<TableName<TTarget>>;
}

const helpers: RelationHelpers = {
  one(
    target: AnyTable,
    config?: { fields?: readonly AnyColumn[]; references?: readonly AnyColumn[]; relationName?: string },
  ) {
    return {
      kind: 'one',
      target,
      fields: config?.fields,
      references: config?.references,
      relationName: config?.relationName,
    } as OneRelation<never, never>;
  },
  many(target: AnyTable, config?: { relationName?: string }) {
    return { kind: 'many', target, relationName: config?.relationName } as ManyRelation<never>;
  },
};

/**
 * Declares a table's relations once, for every engine; they power Drizzle's relational queries
 * (`db.drizzle.query.collection.findMany({ with: { entries: true } })`). Export the result from
 * the schema module next to the tables.
 *
 * @example
 * ```ts
 * export const collectionRelations = defineRelations(collection, ({ many }) => ({ entries: many(entry) }));
 * export const entryRelations = defineRelations(entry, ({ one }) => ({
 *   collection: one(collection, { fields: [entry.collectionId], references: [collection.id] }),
 * }));
 * ```
 */
export function defineRelations<TTable extends AnyTable, TRelations extends Record<string, AnyRelation>>(
  table: TTable,
  build: (helpers: RelationHelpers) => TRelations,
): TableRelations<TableName<TTable>, TRelations> {
  return { [RELATIONS_BRAND]: true, table, build: () => build(helpers) };
}

/**
 * True when `value` is a relations declaration made by `defineRelations`.
 *
 * @example
 * ```ts
 * Object.values(schemaModule).filter(isRelations);
 * ```
 */
export function isRelations(value: unknown): value is TableRelations {
  return hasBrand(value, RELATIONS_BRAND);
}
