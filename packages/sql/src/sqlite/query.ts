import type { TextOperator } from '@strata/core';
import { type SQL, type SQLWrapper, sql } from 'drizzle-orm';
import type { TextDialect } from '../shared/condition.js';

/**
 * The parameters each text match of {@link sqliteText} binds: its text appears once in `instr`,
 * twice in `startsWith` (a length and the text), three times in `endsWith`.
 */
export const SQLITE_TEXT_MATCH_PARAMETERS: Readonly<Record<TextOperator, number>> = {
  contains: 1,
  startsWith: 2,
  endsWith: 3,
};

/**
 * SQLite text semantics, the reference the other engines match: `instr`/`substr` instead of
 * LIKE (which ignores case and treats `%` and `_` as wildcards), `lower()` folds ASCII letters
 * only, and text compares and sorts by bytes (the BINARY collation).
 */
export const sqliteText: TextDialect = {
  match(op: TextOperator, value: SQLWrapper, search: SQLWrapper): SQL {
    switch (op) {
      case 'contains':
        return sql`instr(${value}, ${search}) > 0`;
      case 'startsWith':
        return sql`substr(${value}, 1, length(${search})) = ${search}`;
      case 'endsWith':
        // substr with a start before the first character would count from the right: guard the length.
        return sql`(length(${value}) >= length(${search}) and substr(${value}, length(${value}) - length(${search}) + 1) = ${search})`;
    }
  },
  foldCase: (value) => sql`lower(${value})`,
  ordered: (_column, ref) => ref,
};
