import type { AnyColumn, TextOperator } from '@strata/core';
import { type SQL, type SQLWrapper, sql } from 'drizzle-orm';
import { type PgColumn, PgDialect } from 'drizzle-orm/pg-core';
import type { ArrayInsert } from '../shared/bulk-insert.js';
import type { TextDialect } from '../shared/condition.js';
import type { DrizzleTable } from '../shared/table-compiler.js';

const TEXT_KINDS = new Set(['text', 'varchar', 'enum']);

/**
 * The parameters each text match of {@link postgresText} binds: its text appears once in
 * `strpos`, twice in `left`/`right` (a length and the text).
 */
export const POSTGRES_TEXT_MATCH_PARAMETERS: Readonly<Record<TextOperator, number>> = {
  contains: 1,
  startsWith: 2,
  endsWith: 2,
};

/**
 * PostgreSQL text semantics matched to SQLite's: plain string functions instead of LIKE (so `%`
 * and `_` are ordinary characters), ASCII-only case folding (`lower` under the "C" collation),
 * and byte-order comparison and sorting of text (`collate "C"`), whatever the database's locale.
 */
export const postgresText: TextDialect = {
  match(op: TextOperator, value: SQLWrapper, search: SQLWrapper): SQL {
    switch (op) {
      case 'contains':
        return sql`strpos(${value}, ${search}) > 0`;
      case 'startsWith':
        return sql`left(${value}, length(${search})) = ${search}`;
      case 'endsWith':
        return sql`right(${value}, length(${search})) = ${search}`;
    }
  },
  foldCase: (value) => sql`lower(${value} collate "C")`,
  ordered: (column: AnyColumn, ref: SQLWrapper) => (TEXT_KINDS.has(column.config.kind) ? sql`${ref} collate "C"` : ref),
};

const dialect = new PgDialect();

/** `varchar(20)` → `varchar`: arrays are typed without modifiers; the INSERT applies them as it does to parameters. */
const baseType = (column: PgColumn) => column.getSQLType().replace(/\(\s*\d+(\s*,\s*\d+)?\s*\)/g, '');

const columnsOf = (table: DrizzleTable, keys: readonly string[]) =>
  sql.join(
    keys.map((key) => sql.identifier((table[key] as PgColumn).name)),
    sql`, `,
  );

/**
 * Types whose JSON form reads back as the value the driver would give (others travel as text).
 * Not json or jsonb: drivers give those as text (their columns parse it), so they travel as text too.
 */
const JSON_EXACT = new Set(['uuid', 'text', 'varchar', 'integer', 'smallint', 'double precision', 'real', 'boolean']);

/** A character an array element must escape with a backslash. */
const ESCAPE = /["\\]/;
const ESCAPES = /["\\]/g;

/**
 * PostgreSQL's bulk insert: `INSERT … SELECT * FROM unnest($1::text::uuid[], $2::text::text[], …)
 * RETURNING …`, one array parameter per column. Six parameters carry ten thousand rows, and the
 * statement's text (so its prepared statement and plan) does not depend on the row count. Each
 * array travels as text (a bound parameter) in PostgreSQL's array syntax, so every driver sends
 * it unchanged and the server parses it with the column type's own input function.
 *
 * @example
 * ```ts
 * createSqlAdapter({ ..., bulkInsert: postgresArrayInsert });
 * ```
 */
export const postgresArrayInsert: ArrayInsert = {
  statement(table, keys, returning, bind) {
    const arrays = keys.map((key, i) => sql`${bind(i)}::text::${sql.raw(baseType(table[key] as PgColumn))}[]`);
    const insert = sql`insert into ${table} (${columnsOf(table, keys)}) select * from unnest(${sql.join(arrays, sql`, `)})`;
    // Nothing to return (`insertMany`): the driver's row count is the answer.
    if (returning.length === 0) return dialect.sqlToQuery(insert);
    return dialect.sqlToQuery(sql`${insert} returning ${columnsOf(table, returning)}`);
  },
  aggregated(statement, table, returning) {
    // JSON carries text, numbers, booleans and JSON exactly; the other types go as their text.
    const values = returning.map((key) => {
      const column = table[key] as PgColumn;
      const name = sql.identifier(column.name);
      return JSON_EXACT.has(baseType(column)) ? name : sql`${name}::text`;
    });
    const select = dialect.sqlToQuery(
      sql`select json_agg(json_build_array(${sql.join(values, sql`, `)}))::text from "strata_inserted"`,
    ).sql;
    return `with "strata_inserted" as (${statement}) ${select}`;
  },
  array(values) {
    // Every element is quoted, so commas, braces, spaces and the word NULL inside text stay text.
    let literal = '{';
    for (let i = 0; i < values.length; i++) {
      const value = values[i];
      if (i > 0) literal += ',';
      if (value === null) {
        literal += 'NULL';
        continue;
      }
      let text: string;
      switch (typeof value) {
        case 'string':
          text = value;
          break;
        case 'number':
        case 'bigint':
        case 'boolean':
          text = String(value);
          break;
        default:
          return undefined;
      }
      literal += ESCAPE.test(text) ? `"${text.replace(ESCAPES, '\\$&')}"` : `"${text}"`;
    }
    return `${literal}}`;
  },
};
