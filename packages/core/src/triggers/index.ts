// `@strata/core/triggers`: a registry of the SQL triggers an app's custom migrations create —
// what each is for, on which table and events, and when it fires per dialect. Strata itself never
// reads it, so it lives beside the schema language rather than in it.
import { SchemaError, StrataError } from '../errors.js';
import type { MigrationDialect } from '../migrations/types.js';
import { type AnyTable, getTableInfo, isTable } from '../schema/table.js';
import type {
  DialectTriggerTiming,
  TriggerDefinition,
  TriggerEvent,
  TriggerLookupOptions,
  TriggerMetadata,
  TriggerRegistry,
  TriggerTiming,
} from './types.js';

export type {
  DialectTriggerTiming,
  TimingOn,
  TriggerDefinition,
  TriggerEvent,
  TriggerLookupOptions,
  TriggerMetadata,
  TriggerMetadataMap,
  TriggerRegistry,
  TriggersOnTable,
  TriggerTiming,
} from './types.js';

const TIMINGS: readonly TriggerTiming[] = ['before', 'after', 'instead of'];
const DIALECTS: readonly MigrationDialect[] = ['pg', 'sqlite'];
const EVENTS: readonly TriggerEvent[] = ['insert', 'update', 'delete'];

/** PostgreSQL silently truncates longer identifiers; SQLite does not, so the names would differ. */
const MAX_IDENTIFIER_BYTES = 63;

function byteLength(value: string): number {
  return new TextEncoder().encode(value).length;
}

/** A timing as defined: a plain timing, or a frozen copy of a per-dialect one with both dialects valid. */
function resolveTiming(timing: unknown, fail: (problem: string) => never): TriggerTiming | DialectTriggerTiming {
  const allowed = TIMINGS.map((t) => `'${t}'`).join(', ');
  if (TIMINGS.includes(timing as TriggerTiming)) return timing as TriggerTiming;
  if (typeof timing !== 'object' || timing === null || Array.isArray(timing)) {
    return fail(`timing must be one of ${allowed} or { pg, sqlite }, got ${String(timing)}`);
  }
  const perDialect = timing as Record<string, unknown>;
  for (const key of Object.keys(perDialect)) {
    if (!DIALECTS.includes(key as MigrationDialect))
      fail(`timing names an unknown dialect "${key}"; use pg and sqlite`);
  }
  for (const dialect of DIALECTS) {
    if (!TIMINGS.includes(perDialect[dialect] as TriggerTiming)) {
      fail(`timing.${dialect} must be one of ${allowed}, got ${String(perDialect[dialect])}`);
    }
  }
  return Object.freeze({ pg: perDialect.pg as TriggerTiming, sqlite: perDialect.sqlite as TriggerTiming });
}

/** The metadata with `timing` resolved for `dialect`; the same object when the timing is plain. */
function forDialect(metadata: TriggerMetadata, dialect: MigrationDialect): TriggerMetadata {
  const timing: TriggerTiming | DialectTriggerTiming = metadata.timing;
  if (typeof timing === 'string') return metadata;
  return Object.freeze({ ...metadata, timing: timing[dialect] });
}

/** Checks one entry and resolves its table; every error names the trigger (and its table when known). */
function resolveEntry(key: string, definition: TriggerDefinition): TriggerMetadata {
  const entry: Partial<TriggerDefinition> =
    typeof definition === 'object' && definition !== null ? definition : ({} as Partial<TriggerDefinition>);
  const label = typeof entry.name === 'string' && entry.name !== '' ? `trigger "${entry.name}"` : 'trigger';
  const table = isTable(entry.table) ? getTableInfo(entry.table).name : undefined;
  const fail = (problem: string): never => {
    throw new SchemaError(`${label} (registry key "${key}"): ${problem}`, { table });
  };

  if (typeof entry.name !== 'string' || entry.name === '') fail('needs a non-empty SQL name');
  const name = entry.name as string;
  if (byteLength(name) > MAX_IDENTIFIER_BYTES) {
    fail(`name is longer than ${MAX_IDENTIFIER_BYTES} bytes; PostgreSQL would truncate it`);
  }
  if (table === undefined) fail('table is not a Strata table (pass the object made by defineTable)');
  const timing = resolveTiming(entry.timing, fail);
  const events: readonly unknown[] = Array.isArray(entry.events) ? entry.events : [];
  if (events.length === 0) fail('needs at least one event (insert, update or delete)');
  for (const event of events) {
    if (!EVENTS.includes(event as TriggerEvent)) fail(`unknown event ${String(event)}; use insert, update or delete`);
  }
  if (new Set(events).size !== events.length) fail('lists an event twice');
  if (entry.function !== undefined) {
    if (typeof entry.function !== 'string' || entry.function === '') fail('function must be a non-empty SQL name');
    else if (byteLength(entry.function) > MAX_IDENTIFIER_BYTES) {
      fail(`function name is longer than ${MAX_IDENTIFIER_BYTES} bytes; PostgreSQL would truncate it`);
    }
  }
  if (typeof entry.description !== 'string' || entry.description.trim() === '') fail('needs a description');
  for (const field of ['businessReason', 'migration'] as const) {
    const value = entry[field];
    if (value !== undefined && (typeof value !== 'string' || value === '')) fail(`${field} must be a non-empty string`);
  }

  return Object.freeze({
    key,
    name,
    table: table as string,
    timing,
    events: Object.freeze([...(events as TriggerEvent[])]),
    function: entry.function,
    description: entry.description as string,
    businessReason: entry.businessReason,
    migration: entry.migration,
  });
}

/**
 * Registers the SQL triggers that custom migrations create, so code and people can find what
 * each one does and why. Validates every entry (a `SchemaError` names the trigger): SQL names
 * distinct (compared without case, as both engines do) and at most 63 bytes, at least one
 * event, a Strata table, a timing (`'before'`, or one per dialect: `{ pg: 'before', sqlite:
 * 'after' }`, since SQLite cannot assign NEW in a BEFORE trigger). Everything returned is frozen.
 *
 * @example
 * ```ts
 * export const triggers = defineTriggers({
 *   unpublish_content_on_org_delete: {
 *     name: 'trigger_unpublish_on_org_delete',
 *     table: content,
 *     timing: { pg: 'before', sqlite: 'after' },
 *     events: ['update'],
 *     function: 'unpublish_content_on_org_delete',
 *     description: 'Sets status to draft and published_at to null when organization_id becomes null',
 *     businessReason: "Content of a deleted organization must not appear on the creator's page",
 *     migration: '0004_add_org_deletion_trigger',
 *   },
 * });
 * triggers.DATABASE_TRIGGERS.unpublish_content_on_org_delete.description;
 * triggers.getTriggersForTable(content); // [{ key: 'unpublish_content_on_org_delete', … }]
 * triggers.getTriggerMetadata('unpublish_content_on_org_delete', { dialect: 'sqlite' }).timing; // 'after'
 * ```
 */
export function defineTriggers<const TDefinitions extends Record<string, TriggerDefinition>>(
  definitions: TDefinitions,
): TriggerRegistry<TDefinitions> {
  if (typeof definitions !== 'object' || definitions === null || Array.isArray(definitions)) {
    throw new SchemaError('defineTriggers needs an object of trigger definitions keyed by registry key');
  }
  const byKey: Record<string, TriggerMetadata> = {};
  const keyBySqlName = new Map<string, string>();
  for (const [key, definition] of Object.entries(definitions)) {
    const metadata = resolveEntry(key, definition);
    // PostgreSQL folds unquoted names to lower case and SQLite compares them without case.
    const folded = metadata.name.toLowerCase();
    const other = keyBySqlName.get(folded);
    if (other !== undefined) {
      throw new SchemaError(
        `trigger "${metadata.name}" (registry key "${key}"): the SQL name is also used by registry key "${other}"`,
        { table: metadata.table },
      );
    }
    keyBySqlName.set(folded, key);
    byKey[key] = metadata;
  }
  const all = Object.freeze(Object.values(byKey));
  const names = Object.freeze(all.map((metadata) => metadata.name));
  // Resolved once, so repeated lookups for a dialect return the very same frozen objects.
  const resolved: Record<MigrationDialect, Record<string, TriggerMetadata>> = { pg: {}, sqlite: {} };
  for (const dialect of DIALECTS) {
    for (const [key, metadata] of Object.entries(byKey)) resolved[dialect][key] = forDialect(metadata, dialect);
  }
  const metadataFor = (options: TriggerLookupOptions | undefined): Record<string, TriggerMetadata> => {
    if (options === undefined) return byKey;
    const dialect = typeof options === 'object' && options !== null ? options.dialect : undefined;
    if (!DIALECTS.includes(dialect as MigrationDialect)) {
      throw new StrataError(
        'TRIGGER_DIALECT_UNKNOWN',
        `no SQL dialect "${String(dialect)}"; use ${DIALECTS.map((d) => `'${d}'`).join(' or ')}`,
      );
    }
    return resolved[dialect as MigrationDialect];
  };

  const registry = {
    DATABASE_TRIGGERS: Object.freeze(byKey),
    getTriggerMetadata(key: string, options?: TriggerLookupOptions): TriggerMetadata {
      if (!Object.hasOwn(byKey, key)) {
        const known = Object.keys(byKey).join(', ') || '(none)';
        throw new StrataError('TRIGGER_UNKNOWN', `no trigger is registered under key "${key}"; known keys: ${known}`);
      }
      return metadataFor(options)[key] as TriggerMetadata;
    },
    getTriggersForTable(table: AnyTable | string, options?: TriggerLookupOptions): readonly TriggerMetadata[] {
      const name = isTable(table) ? getTableInfo(table).name : table;
      const metadata = metadataFor(options);
      return Object.freeze(all.filter((m) => m.table === name).map((m) => metadata[m.key] as TriggerMetadata));
    },
    getAllTriggerNames: () => names,
  };
  // The implementation is untyped by key; the overloads of TriggerRegistry carry the precise types.
  return Object.freeze(registry) as unknown as TriggerRegistry<TDefinitions>;
}
