import { SchemaError, StrataError } from '../errors.js';
import { type AnyTable, getTableInfo, isTable, type TableName } from './table.js';

/**
 * When a trigger fires relative to the statement's change to the row.
 *
 * @example
 * ```ts
 * const timing: TriggerTiming = 'before';
 * ```
 */
export type TriggerTiming = 'before' | 'after' | 'instead of';

/**
 * The statements a trigger fires on.
 *
 * @example
 * ```ts
 * const events: TriggerEvent[] = ['insert', 'update'];
 * ```
 */
export type TriggerEvent = 'insert' | 'update' | 'delete';

const TIMINGS: readonly TriggerTiming[] = ['before', 'after', 'instead of'];
const EVENTS: readonly TriggerEvent[] = ['insert', 'update', 'delete'];

/** PostgreSQL silently truncates longer identifiers; SQLite does not, so the names would differ. */
const MAX_IDENTIFIER_BYTES = 63;

/**
 * One SQL trigger as the registry describes it. The trigger itself lives in a custom migration;
 * this is the documentation that code can read.
 *
 * @example
 * ```ts
 * const entry: TriggerDefinition = {
 *   name: 'trigger_unpublish_on_org_delete',
 *   table: content,
 *   timing: 'before',
 *   events: ['update'],
 *   function: 'unpublish_content_on_org_delete',
 *   description: 'Unpublishes content whose organization was deleted',
 * };
 * ```
 */
export interface TriggerDefinition {
  /** The trigger's SQL name. */
  readonly name: string;
  /** The Strata table the trigger is attached to. */
  readonly table: AnyTable;
  readonly timing: TriggerTiming;
  /** At least one event. */
  readonly events: readonly [TriggerEvent, ...TriggerEvent[]];
  /** The SQL function the trigger executes (PostgreSQL; SQLite triggers carry their body inline). */
  readonly function?: string;
  /** What the trigger does. */
  readonly description: string;
  /** Why the business needs it. */
  readonly businessReason?: string;
  /** The id of the custom migration that creates it, e.g. `'0004_add_org_deletion_trigger'`. */
  readonly migration?: string;
}

/**
 * A registered trigger: its definition with the table resolved to its SQL name and the registry
 * key it is filed under.
 *
 * @example
 * ```ts
 * const meta: TriggerMetadata = triggers.getTriggerMetadata('unpublish_content_on_org_delete');
 * meta.table; // 'content'
 * ```
 */
export interface TriggerMetadata<
  TKey extends string = string,
  TDefinition extends TriggerDefinition = TriggerDefinition,
> {
  /** The registry key. */
  readonly key: TKey;
  /** The trigger's SQL name. */
  readonly name: TDefinition['name'];
  /** The SQL name of the table the trigger is attached to. */
  readonly table: TableName<TDefinition['table']>;
  readonly timing: TDefinition['timing'];
  readonly events: readonly TDefinition['events'][number][];
  readonly function: string | undefined;
  readonly description: string;
  readonly businessReason: string | undefined;
  readonly migration: string | undefined;
}

/**
 * The metadata of every entry of a definitions object, by registry key.
 *
 * @example
 * ```ts
 * type All = TriggerMetadataMap<{ audit: { name: 'audit_trigger'; table: typeof post; timing: 'after'; events: ['insert']; description: string } }>;
 * ```
 */
export type TriggerMetadataMap<TDefinitions extends Record<string, TriggerDefinition>> = {
  readonly [K in keyof TDefinitions & string]: TriggerMetadata<K, TDefinitions[K]>;
};

type AnyMetadataOf<TDefinitions extends Record<string, TriggerDefinition>> =
  TriggerMetadataMap<TDefinitions>[keyof TDefinitions & string];

/**
 * The metadata of the triggers attached to the table named `TTable`.
 *
 * @example
 * ```ts
 * type OnContent = TriggersOnTable<typeof definitions, 'content'>;
 * ```
 */
export type TriggersOnTable<TDefinitions extends Record<string, TriggerDefinition>, TTable extends string> = Extract<
  AnyMetadataOf<TDefinitions>,
  { readonly table: TTable }
>;

/**
 * What {@link defineTriggers} returns: the frozen registry and its lookups.
 *
 * @example
 * ```ts
 * export const triggers: TriggerRegistry<typeof definitions> = defineTriggers(definitions);
 * ```
 */
export interface TriggerRegistry<TDefinitions extends Record<string, TriggerDefinition>> {
  /** Every trigger's metadata, by registry key. */
  readonly DATABASE_TRIGGERS: TriggerMetadataMap<TDefinitions>;
  /**
   * The metadata filed under `key`; an unknown key (from untyped input) throws a `StrataError`
   * with code `TRIGGER_UNKNOWN`.
   *
   * @example
   * ```ts
   * triggers.getTriggerMetadata('unpublish_content_on_org_delete').businessReason;
   * ```
   */
  getTriggerMetadata<K extends keyof TDefinitions & string>(key: K): TriggerMetadataMap<TDefinitions>[K];
  /**
   * The triggers attached to a table, given as a Strata table or its SQL name, in definition order.
   *
   * @example
   * ```ts
   * triggers.getTriggersForTable(content); // or getTriggersForTable('content')
   * ```
   */
  getTriggersForTable<T extends AnyTable | string>(
    table: T,
  ): readonly TriggersOnTable<TDefinitions, T extends AnyTable ? TableName<T> : T>[];
  /**
   * The SQL names of every registered trigger, in definition order.
   *
   * @example
   * ```ts
   * triggers.getAllTriggerNames(); // ['trigger_unpublish_on_org_delete']
   * ```
   */
  getAllTriggerNames(): readonly AnyMetadataOf<TDefinitions>['name'][];
}

function byteLength(value: string): number {
  return new TextEncoder().encode(value).length;
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
  if (!TIMINGS.includes(entry.timing as TriggerTiming)) {
    fail(`timing must be one of ${TIMINGS.map((t) => `'${t}'`).join(', ')}, got ${String(entry.timing)}`);
  }
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
    timing: entry.timing as TriggerTiming,
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
 * event, a Strata table. Everything returned is frozen.
 *
 * @example
 * ```ts
 * export const triggers = defineTriggers({
 *   unpublish_content_on_org_delete: {
 *     name: 'trigger_unpublish_on_org_delete',
 *     table: content,
 *     timing: 'before',
 *     events: ['update'],
 *     function: 'unpublish_content_on_org_delete',
 *     description: 'Sets status to draft and published_at to null when organization_id becomes null',
 *     businessReason: "Content of a deleted organization must not appear on the creator's page",
 *     migration: '0004_add_org_deletion_trigger',
 *   },
 * });
 * triggers.DATABASE_TRIGGERS.unpublish_content_on_org_delete.description;
 * triggers.getTriggersForTable(content); // [{ key: 'unpublish_content_on_org_delete', … }]
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

  return Object.freeze({
    DATABASE_TRIGGERS: Object.freeze(byKey) as TriggerMetadataMap<TDefinitions>,
    getTriggerMetadata<K extends keyof TDefinitions & string>(key: K): TriggerMetadataMap<TDefinitions>[K] {
      if (!Object.hasOwn(byKey, key)) {
        const known = Object.keys(byKey).join(', ') || '(none)';
        throw new StrataError('TRIGGER_UNKNOWN', `no trigger is registered under key "${key}"; known keys: ${known}`);
      }
      return byKey[key] as TriggerMetadataMap<TDefinitions>[K];
    },
    getTriggersForTable<T extends AnyTable | string>(table: T) {
      const name = isTable(table) ? getTableInfo(table).name : table;
      return Object.freeze(all.filter((metadata) => metadata.table === name)) as readonly TriggersOnTable<
        TDefinitions,
        T extends AnyTable ? TableName<T> : T
      >[];
    },
    getAllTriggerNames: () => names as readonly AnyMetadataOf<TDefinitions>['name'][],
  });
}
