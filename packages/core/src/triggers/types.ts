// The types of `@strata/core/triggers`: what a trigger definition says and what the registry
// answers.
import type { MigrationDialect } from '../migrations/types.js';
import type { AnyTable, TableName } from '../schema/table.js';

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

/**
 * A timing per SQL dialect, for a trigger that must fire at different points: SQLite cannot assign
 * `NEW` in a BEFORE trigger, so a trigger that is BEFORE on PostgreSQL is often AFTER on SQLite.
 *
 * @example
 * ```ts
 * const timing: DialectTriggerTiming = { pg: 'before', sqlite: 'after' };
 * ```
 */
export interface DialectTriggerTiming {
  /** The timing on PostgreSQL (servers, Neon, PGlite). */
  readonly pg: TriggerTiming;
  /** The timing on SQLite. */
  readonly sqlite: TriggerTiming;
}

/**
 * The timing the registry records for a trigger on `TDialect`: the plain timing itself, or the
 * dialect's entry of a {@link DialectTriggerTiming}.
 *
 * @example
 * ```ts
 * type OnSqlite = TimingOn<{ pg: 'before'; sqlite: 'after' }, 'sqlite'>; // 'after'
 * ```
 */
export type TimingOn<
  TTiming extends TriggerTiming | DialectTriggerTiming,
  TDialect extends MigrationDialect,
> = TTiming extends TriggerTiming ? TTiming : TTiming extends DialectTriggerTiming ? TTiming[TDialect] : never;

/**
 * How a registry lookup resolves per-dialect details: with `dialect`, `timing` is that dialect's.
 *
 * @example
 * ```ts
 * triggers.getTriggerMetadata('unpublish_content_on_org_delete', { dialect: 'sqlite' }).timing; // 'after'
 * ```
 */
export interface TriggerLookupOptions<TDialect extends MigrationDialect = MigrationDialect> {
  /** The SQL dialect whose timing the result carries (`'pg'` for PostgreSQL and PGlite). */
  readonly dialect: TDialect;
}

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
  /**
   * When it fires: one timing for every dialect, or one per dialect (`{ pg: 'before', sqlite:
   * 'after' }`); lookups with `{ dialect }` resolve it.
   */
  readonly timing: TriggerTiming | DialectTriggerTiming;
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
 * key it is filed under. With a `TDialect` (a lookup given `{ dialect }`), `timing` is that
 * dialect's plain timing; without, it is the timing as defined (a string or per dialect).
 *
 * @example
 * ```ts
 * const meta: TriggerMetadata = triggers.getTriggerMetadata('unpublish_content_on_org_delete');
 * meta.table; // 'content'
 * triggers.getTriggerMetadata('unpublish_content_on_org_delete', { dialect: 'sqlite' }).timing; // 'after'
 * ```
 */
export interface TriggerMetadata<
  TKey extends string = string,
  TDefinition extends TriggerDefinition = TriggerDefinition,
  TDialect extends MigrationDialect | undefined = undefined,
> {
  /** The registry key. */
  readonly key: TKey;
  /** The trigger's SQL name. */
  readonly name: TDefinition['name'];
  /** The SQL name of the table the trigger is attached to. */
  readonly table: TableName<TDefinition['table']>;
  /** As defined, or resolved for the lookup's dialect. */
  readonly timing: TDialect extends MigrationDialect
    ? TimingOn<TDefinition['timing'], TDialect>
    : TDefinition['timing'];
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
export type TriggerMetadataMap<
  TDefinitions extends Record<string, TriggerDefinition>,
  TDialect extends MigrationDialect | undefined = undefined,
> = {
  readonly [K in keyof TDefinitions & string]: TriggerMetadata<K, TDefinitions[K], TDialect>;
};

type AnyMetadataOf<
  TDefinitions extends Record<string, TriggerDefinition>,
  TDialect extends MigrationDialect | undefined = undefined,
> = TriggerMetadataMap<TDefinitions, TDialect>[keyof TDefinitions & string];

/**
 * The metadata of the triggers attached to the table named `TTable` (timings resolved for
 * `TDialect` when given).
 *
 * @example
 * ```ts
 * type OnContent = TriggersOnTable<typeof definitions, 'content'>;
 * type OnContentInSqlite = TriggersOnTable<typeof definitions, 'content', 'sqlite'>;
 * ```
 */
export type TriggersOnTable<
  TDefinitions extends Record<string, TriggerDefinition>,
  TTable extends string,
  TDialect extends MigrationDialect | undefined = undefined,
> = Extract<AnyMetadataOf<TDefinitions, TDialect>, { readonly table: TTable }>;

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
   * with code `TRIGGER_UNKNOWN`. With `{ dialect }`, `timing` is resolved for that dialect (an
   * unknown dialect is a `StrataError` with code `TRIGGER_DIALECT_UNKNOWN`).
   *
   * @example
   * ```ts
   * triggers.getTriggerMetadata('unpublish_content_on_org_delete').businessReason;
   * triggers.getTriggerMetadata('unpublish_content_on_org_delete', { dialect: 'sqlite' }).timing; // 'after'
   * ```
   */
  getTriggerMetadata<K extends keyof TDefinitions & string>(key: K): TriggerMetadataMap<TDefinitions>[K];
  getTriggerMetadata<K extends keyof TDefinitions & string, D extends MigrationDialect>(
    key: K,
    options: TriggerLookupOptions<D>,
  ): TriggerMetadataMap<TDefinitions, D>[K];
  /**
   * The triggers attached to a table, given as a Strata table or its SQL name, in definition order;
   * with `{ dialect }`, their timings are resolved for that dialect.
   *
   * @example
   * ```ts
   * triggers.getTriggersForTable(content); // or getTriggersForTable('content')
   * triggers.getTriggersForTable(content, { dialect: 'pg' });
   * ```
   */
  getTriggersForTable<T extends AnyTable | string>(
    table: T,
  ): readonly TriggersOnTable<TDefinitions, T extends AnyTable ? TableName<T> : T>[];
  getTriggersForTable<T extends AnyTable | string, D extends MigrationDialect>(
    table: T,
    options: TriggerLookupOptions<D>,
  ): readonly TriggersOnTable<TDefinitions, T extends AnyTable ? TableName<T> : T, D>[];
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
