import type { SchemaDump } from './migration-driver.js';

/** JSON with object keys sorted, so that equal dumps give equal text whatever the catalog order. */
function canonical(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonical(item)}`).join(',')}}`;
}

/**
 * A schema dump as canonical JSON (keys sorted): recorded with each applied migration, so that
 * `strata check` can tell what someone changed in the live database by hand.
 *
 * @example
 * ```ts
 * const recorded = serializeDump(await driver.dump());
 * ```
 */
export function serializeDump(dump: SchemaDump): string {
  return canonical(dump);
}

/**
 * A column whose default is `COALESCE(x)` of one argument, as `x`: the same value. Today's id
 * default on PostgreSQL is the older one wrapped so (so that drizzle-kit reads it back whole), and
 * a database migrated before the change must show no drift.
 */
function withoutSingleCoalesce(definition: string): string {
  const marker = ' default COALESCE(';
  const at = definition.indexOf(marker);
  if (at < 0 || !definition.endsWith(')')) return definition;
  const inner = definition.slice(at + marker.length, -1);
  let depth = 0;
  let quoted = false;
  for (const char of inner) {
    if (char === "'") quoted = !quoted;
    else if (quoted) continue;
    else if (char === '(') depth++;
    else if (char === ')' && --depth < 0) return definition;
    else if (char === ',' && depth === 0) return definition;
  }
  return depth === 0 && !quoted ? `${definition.slice(0, at)} default ${inner}` : definition;
}

/**
 * A column or constraint as compared. Older Strata versions wrote bigint constants as quoted text,
 * which the catalogs keep (`default '1'::bigint` and `n >= '0'::bigint` on PostgreSQL, `'1'` on
 * SQLite), while today's DDL writes numeric literals (and PostgreSQL prints constants beyond 32
 * bits as `'…'::bigint` either way). Both forms are the same integer to both engines, so a
 * database migrated before the change shows no drift.
 */
function comparable(
  part: 'columns' | 'indexes' | 'constraints' | 'policies',
  definition: string | undefined,
): string | undefined {
  if (definition === undefined || part === 'indexes' || part === 'policies') return definition;
  if (part === 'columns')
    return withoutSingleCoalesce(definition).replace(
      /^((?:bigint|integer) (?:not )?null default )'(-?\d+)'(?:::bigint)?/,
      '$1$2',
    );
  return definition
    .replace(/'(-?\d+)'::(?:bigint|integer)\b/g, '$1')
    .replace(/\((-?\d+)\)::bigint\b/g, '$1')
    .replace(/'(-?\d+)'(?!::)/g, '$1');
}

/**
 * The differences between two dumps, one line each (`+ table.column: …`, `- index …`), for
 * drift reports; empty when they are equal.
 *
 * @example
 * ```ts
 * compareDumps(before, after); // ['+ post.slug: text not null']
 * ```
 */
export function compareDumps(expected: SchemaDump, actual: SchemaDump): string[] {
  const lines: string[] = [];
  const tables = new Set([...Object.keys(expected.tables), ...Object.keys(actual.tables)]);
  for (const table of [...tables].sort()) {
    const a = expected.tables[table];
    const b = actual.tables[table];
    if (!a || !b) {
      lines.push(`${a ? '-' : '+'} table ${table}`);
      continue;
    }
    for (const part of ['columns', 'indexes', 'constraints', 'policies'] as const) {
      // A dump recorded before policies were read has none to compare with.
      const left = a[part];
      const right = b[part] ?? {};
      if (left === undefined) continue;
      const names = new Set([...Object.keys(left), ...Object.keys(right)]);
      for (const name of [...names].sort()) {
        const before = left[name];
        const after = right[name];
        if (before === after) continue;
        if (comparable(part, before) === comparable(part, after)) continue;
        if (before !== undefined) lines.push(`- ${table}.${name}: ${before}`);
        if (after !== undefined) lines.push(`+ ${table}.${name}: ${after}`);
      }
    }
  }
  return lines;
}
