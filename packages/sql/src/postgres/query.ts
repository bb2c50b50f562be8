import type { AnyColumn, TextOperator } from '@strata/core';
import { type SQL, type SQLWrapper, sql } from 'drizzle-orm';
import type { TextDialect } from '../shared/condition.js';

const TEXT_KINDS = new Set(['text', 'varchar', 'enum']);

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
