import { editColumns, withNumberDefaults } from '../shared/legacy-defaults.js';
import type { Snapshot } from '../shared/snapshot.js';
import { GENERATED_ID_SQL, jsonbText, LEGACY_GENERATED_ID_SQL } from './defaults.js';

const NUMBER_TYPES = new Set(['integer', 'bigint', 'double precision']);

/** `'…'` as PostgreSQL quotes text: one quote doubled. */
const quoteText = (text: string) => `'${text.replaceAll("'", "''")}'`;

/** A JSON literal without its cast (`'{"a":1}'`) as today's `'{"a":1}'::jsonb`, keys in jsonb's order. */
function jsonbDefault(text: string): string | undefined {
  if (!text.startsWith("'") || !text.endsWith("'") || text.length < 2) return undefined;
  try {
    return `${quoteText(jsonbText(JSON.parse(text.slice(1, -1).replaceAll("''", "'"))))}::jsonb`;
  } catch {
    return undefined;
  }
}

/**
 * A PostgreSQL snapshot recorded by an earlier Strata version in today's forms of the same
 * defaults: numbers and booleans as JS values, JSON as `'…'::jsonb` in jsonb's key order, the
 * time-ordered id in the spelling PostgreSQL prints back. The schema changed only so that
 * drizzle-kit's `push` reads back from the database what the schema says; none of these is a
 * change to the database, so none may become a migration.
 *
 * @example
 * ```ts
 * const previous = upgradePgSnapshot(lastSnapshot);
 * ```
 */
export function upgradePgSnapshot(snapshot: Snapshot): Snapshot {
  return editColumns(withNumberDefaults(snapshot, NUMBER_TYPES), (column) => {
    const value = column.default;
    if (typeof value !== 'string') return false;
    let upgraded: unknown;
    if (column.type === 'boolean' && (value === 'true' || value === 'false')) upgraded = value === 'true';
    else if (column.type === 'jsonb' && !value.endsWith('::jsonb')) upgraded = jsonbDefault(value);
    else if (column.type === 'uuid' && value === LEGACY_GENERATED_ID_SQL) upgraded = GENERATED_ID_SQL;
    if (upgraded === undefined || upgraded === value) return false;
    column.default = upgraded;
    return true;
  });
}
