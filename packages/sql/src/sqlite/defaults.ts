import { type SQL, sql } from 'drizzle-orm';

/**
 * Defaults SQLite computes itself, so rows inserted by raw SQL get them too (SQLite 3.42+ for
 * `unixepoch('subsec')`). SQLite has no uuid function: both UUIDs are formatted with `printf`
 * from `random()`; the id puts the millisecond clock in its first 48 bits (version 7), the
 * other is a version 4 UUID. 'now' is fixed within one statement, so both clock reads agree.
 * SQLite requires an expression default in parentheses.
 */
export function computedDefault(kind: 'now' | 'random' | 'generatedId'): SQL {
  switch (kind) {
    case 'now':
      return sql`(cast(unixepoch('subsec') * 1000 as integer))`;
    case 'random':
      return sql`(printf('%08x-%04x-4%03x-%04x-%012x', abs(random()) % 4294967296, abs(random()) % 65536, abs(random()) % 4096, (abs(random()) % 16384) | 32768, abs(random()) % 281474976710656))`;
    case 'generatedId':
      return sql`(printf('%08x-%04x-7%03x-%04x-%012x', cast(unixepoch('subsec') * 1000 as integer) >> 16, cast(unixepoch('subsec') * 1000 as integer) & 65535, abs(random()) % 4096, (abs(random()) % 16384) | 32768, abs(random()) % 281474976710656))`;
  }
}
