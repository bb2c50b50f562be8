import { type AnyColumn, type AnyTable, type Condition, getTableInfo, type ReadQuery } from '@strata/core';

/**
 * What a repository call asks of the database, described as data. Each call makes one; it is
 * built into Drizzle SQL only when its shape is new (see `QueryBuilder`), and its shape key (see
 * {@link shapeKey}) finds the plan of every later call of the same shape.
 *
 * `whereKey` is the condition's shape (operators, fields, list lengths; no values), computed while
 * its values are collected into slots; `whereFirst` is the slot of its first value.
 */
export type QuerySpec =
  | {
      readonly type: 'read';
      readonly query: ReadQuery;
      readonly whereKey: string;
      /** Written into the SQL (part of the shape): SQLite runs `LIMIT ?` several times slower. */
      readonly limit: number | undefined;
      /** The slot of the offset, or -1 without one. */
      readonly offsetSlot: number;
    }
  | {
      readonly type: 'count';
      readonly where: Condition | undefined;
      readonly whereKey: string;
      readonly whereFirst: number;
    }
  /** Rows per value of one column: `select column, count(*) … group by column`. */
  | {
      readonly type: 'group';
      readonly column: AnyColumn;
      readonly where: Condition | undefined;
      readonly whereKey: string;
    }
  | {
      readonly type: 'insert';
      /** The sorted fields of each row. */
      readonly rows: readonly (readonly string[])[];
      /** The fields of every row, when all rows have the same (the shape key is then short). */
      readonly uniformKeys: readonly string[] | undefined;
      readonly returning: boolean;
    }
  /** Many rows from one array parameter per key (`ArrayInsert`). */
  | { readonly type: 'arrays'; readonly keys: readonly string[]; readonly returning: boolean }
  | {
      readonly type: 'update';
      readonly keys: readonly string[];
      readonly where: Condition | undefined;
      readonly whereKey: string;
      readonly whereFirst: number;
      readonly returning: boolean;
    }
  | {
      readonly type: 'delete';
      readonly where: Condition | undefined;
      readonly whereKey: string;
      readonly returning: boolean;
    }
  | {
      readonly type: 'upsert';
      readonly valueKeys: readonly string[];
      readonly patchKeys: readonly string[];
      readonly conflictKeys: readonly string[];
    };

/** How a call's result is shaped: all rows, the first row, a count, or the number of rows touched. */
export type ResultKind = 'rows' | 'first' | 'count' | 'affected';

/** Between the parts of a shape key: a character no table, field or operator name contains. */
const SEPARATOR = '\u001f';

/**
 * The identity of a spec's SQL: equal keys mean the same statement text, whatever the values.
 * A read whose caller vouches for its shape (`ReadQuery.shapeKey`) is keyed by that alone.
 *
 * @example
 * ```ts
 * const key = shapeKey(post, { type: 'delete', where, whereKey: 'eq(id)', returning: true });
 * ```
 */
export function shapeKey(table: AnyTable, spec: QuerySpec): string {
  const name = getTableInfo(table).name;
  switch (spec.type) {
    case 'read': {
      const { query } = spec;
      if (query.shapeKey !== undefined) return query.shapeKey;
      let order = '';
      for (const term of query.orderBy ?? []) order += `${term.column.placement?.key}:${term.direction},`;
      const select = query.select?.join(',') ?? '*';
      return `find${SEPARATOR}${name}${SEPARATOR}${spec.whereKey}${SEPARATOR}${order}${SEPARATOR}${spec.limit ?? ''}${SEPARATOR}${spec.offsetSlot >= 0}${SEPARATOR}${select}`;
    }
    case 'count':
      return `count${SEPARATOR}${name}${SEPARATOR}${spec.whereKey}`;
    case 'group':
      return `group${SEPARATOR}${name}${SEPARATOR}${spec.column.placement?.key}${SEPARATOR}${spec.whereKey}`;
    case 'insert': {
      const fields = spec.uniformKeys
        ? `${spec.uniformKeys.join(',')}x${spec.rows.length}`
        : spec.rows.map((keys) => keys.join(',')).join(';');
      return `insert${SEPARATOR}${name}${SEPARATOR}${fields}${SEPARATOR}${spec.returning}`;
    }
    case 'arrays':
      return `arrays${SEPARATOR}${name}${SEPARATOR}${spec.keys.join(',')}${SEPARATOR}${spec.returning}`;
    case 'update':
      return `update${SEPARATOR}${name}${SEPARATOR}${spec.keys.join(',')}${SEPARATOR}${spec.whereKey}${SEPARATOR}${spec.returning}`;
    case 'delete':
      return `delete${SEPARATOR}${name}${SEPARATOR}${spec.whereKey}${SEPARATOR}${spec.returning}`;
    case 'upsert':
      return `upsert${SEPARATOR}${name}${SEPARATOR}${spec.valueKeys.join(',')}${SEPARATOR}${spec.conflictKeys.join(',')}${SEPARATOR}${spec.patchKeys.join(',')}`;
  }
}

/**
 * Whether running a spec again is safe when its connection broke: reads only. A write may have
 * committed before its answer was lost.
 */
export const isReadSpec = (spec: QuerySpec): boolean => spec.type === 'read' || spec.type === 'count';
