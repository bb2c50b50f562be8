import { defineTable, enumeration, id, SchemaError, StrataError, text, timestamp, uuid } from '@strata/core';
import { defineTriggers, type TriggerDefinition, type TriggerEvent, type TriggerMetadata } from '@strata/core/triggers';
import { describe, expect, expectTypeOf, it } from 'vitest';

const organization = defineTable('organization', { id: id(), name: text().notNull() });
const content = defineTable('content', {
  id: id(),
  organizationId: uuid().references(() => organization.id, { onDelete: 'set null' }),
  status: enumeration(['draft', 'published']).notNull().default('draft'),
  publishedAt: timestamp(),
});

function registry() {
  return defineTriggers({
    unpublish_content_on_org_delete: {
      name: 'trigger_unpublish_on_org_delete',
      table: content,
      timing: 'before',
      events: ['update'],
      function: 'unpublish_content_on_org_delete',
      description: 'Sets status to draft and published_at to null when organization_id becomes null',
      businessReason: "Content of a deleted organization must not appear on the creator's personal page",
      migration: '0004_add_org_deletion_trigger',
    },
    audit_organization_changes: {
      name: 'trigger_audit_organization',
      table: organization,
      timing: 'after',
      events: ['insert', 'update', 'delete'],
      description: 'Writes every change of an organization to the audit log',
    },
  });
}

/** Runs `fn`, which must throw a `SchemaError`, and returns that error. */
function schemaErrorOf(fn: () => unknown): SchemaError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(SchemaError);
    return error as SchemaError;
  }
  return expect.unreachable('expected a SchemaError');
}

const base = {
  name: 'trigger_x',
  table: content,
  timing: 'after',
  events: ['insert'],
  description: 'x',
} as const satisfies TriggerDefinition;

describe('defineTriggers', () => {
  it('files each trigger under its key with the table resolved to its SQL name', () => {
    const triggers = registry();
    const trigger = triggers.DATABASE_TRIGGERS.unpublish_content_on_org_delete;
    expect(trigger).toEqual({
      key: 'unpublish_content_on_org_delete',
      name: 'trigger_unpublish_on_org_delete',
      table: 'content',
      timing: 'before',
      events: ['update'],
      function: 'unpublish_content_on_org_delete',
      description: 'Sets status to draft and published_at to null when organization_id becomes null',
      businessReason: "Content of a deleted organization must not appear on the creator's personal page",
      migration: '0004_add_org_deletion_trigger',
    });
    const audit = triggers.DATABASE_TRIGGERS.audit_organization_changes;
    expect(audit.function).toBeUndefined();
    expect(audit.businessReason).toBeUndefined();
    expect(audit.migration).toBeUndefined();
  });

  it('looks triggers up by key, by table object or SQL name, and lists SQL names in order', () => {
    const triggers = registry();
    expect(triggers.getTriggerMetadata('audit_organization_changes')).toBe(
      triggers.DATABASE_TRIGGERS.audit_organization_changes,
    );
    expect(triggers.getTriggersForTable(content).map((t) => t.key)).toEqual(['unpublish_content_on_org_delete']);
    expect(triggers.getTriggersForTable('organization').map((t) => t.key)).toEqual(['audit_organization_changes']);
    expect(triggers.getTriggersForTable('nothing_here')).toEqual([]);
    expect(triggers.getAllTriggerNames()).toEqual(['trigger_unpublish_on_org_delete', 'trigger_audit_organization']);
  });

  it('refuses an unknown key from untyped input with a StrataError naming it', () => {
    const triggers = registry();
    const lookup = triggers.getTriggerMetadata as (key: string) => unknown;
    for (const key of ['nope', 'toString', '__proto__']) {
      let thrown: unknown;
      try {
        lookup(key);
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(StrataError);
      expect((thrown as StrataError).code).toBe('TRIGGER_UNKNOWN');
      expect((thrown as StrataError).message).toContain(`"${key}"`);
    }
  });

  it('returns frozen results, and copies events so later edits to the input change nothing', () => {
    const events: TriggerEvent[] = ['insert'];
    const triggers = defineTriggers({ x: { ...base, events: events as [TriggerEvent] } });
    events.push('delete');
    expect(triggers.DATABASE_TRIGGERS.x.events).toEqual(['insert']);
    expect(Object.isFrozen(triggers)).toBe(true);
    expect(Object.isFrozen(triggers.DATABASE_TRIGGERS)).toBe(true);
    expect(Object.isFrozen(triggers.DATABASE_TRIGGERS.x)).toBe(true);
    expect(Object.isFrozen(triggers.DATABASE_TRIGGERS.x.events)).toBe(true);
    expect(Object.isFrozen(triggers.getTriggersForTable(content))).toBe(true);
    expect(Object.isFrozen(triggers.getAllTriggerNames())).toBe(true);
    expect(() => {
      (triggers.DATABASE_TRIGGERS.x as { description: string }).description = 'changed';
    }).toThrow(TypeError);
  });

  it('accepts an empty registry', () => {
    const triggers = defineTriggers({});
    expect(triggers.getAllTriggerNames()).toEqual([]);
    expect(triggers.getTriggersForTable(content)).toEqual([]);
  });

  describe('validation: a SchemaError naming the trigger', () => {
    it('refuses two triggers with one SQL name (compared without case), naming both keys', () => {
      const error = schemaErrorOf(() =>
        defineTriggers({ first: base, second: { ...base, name: 'TRIGGER_X', table: organization } }),
      );
      expect(error.code).toBe('SCHEMA_INVALID');
      expect(error.message).toContain('trigger "TRIGGER_X"');
      expect(error.message).toContain('"first"');
      expect(error.message).toContain('"second"');
      expect(error.table).toBe('organization');
    });

    it('refuses empty events', () => {
      const error = schemaErrorOf(() =>
        defineTriggers({ x: { ...base, events: [] as unknown as TriggerDefinition['events'] } }),
      );
      expect(error.message).toContain('trigger "trigger_x"');
      expect(error.message).toContain('at least one event');
      expect(error.table).toBe('content');
    });

    it('refuses unknown or repeated events and an unknown timing', () => {
      const unknownEvent = ['truncate'] as unknown as TriggerDefinition['events'];
      expect(schemaErrorOf(() => defineTriggers({ x: { ...base, events: unknownEvent } })).message).toContain(
        'unknown event truncate',
      );
      expect(schemaErrorOf(() => defineTriggers({ x: { ...base, events: ['update', 'update'] } })).message).toContain(
        'twice',
      );
      const timing = 'around' as unknown as TriggerDefinition['timing'];
      expect(schemaErrorOf(() => defineTriggers({ x: { ...base, timing } })).message).toContain('timing');
    });

    it('refuses a table that is not a Strata table', () => {
      const notATable = { name: 'content' } as unknown as TriggerDefinition['table'];
      const error = schemaErrorOf(() => defineTriggers({ x: { ...base, table: notATable } }));
      expect(error.message).toContain('trigger "trigger_x" (registry key "x")');
      expect(error.message).toContain('not a Strata table');
      expect(error.table).toBeUndefined();
    });

    it('refuses trigger and function names over 63 bytes, counting UTF-8 bytes', () => {
      const long = `t${'é'.repeat(32)}`; // 33 characters, 65 bytes
      expect(schemaErrorOf(() => defineTriggers({ x: { ...base, name: long } })).message).toContain('63 bytes');
      expect(() => defineTriggers({ x: { ...base, name: 'a'.repeat(63) } })).not.toThrow();
      const error = schemaErrorOf(() => defineTriggers({ x: { ...base, function: 'f'.repeat(64) } }));
      expect(error.message).toContain('function name is longer than 63 bytes');
    });

    it('refuses a missing name or description', () => {
      expect(schemaErrorOf(() => defineTriggers({ x: { ...base, name: '' } })).message).toContain('registry key "x"');
      expect(schemaErrorOf(() => defineTriggers({ x: { ...base, description: ' ' } })).message).toContain(
        'needs a description',
      );
    });
  });

  it('types lookups by key and by table', () => {
    const triggers = registry();
    expectTypeOf(
      triggers.DATABASE_TRIGGERS.unpublish_content_on_org_delete.name,
    ).toEqualTypeOf<'trigger_unpublish_on_org_delete'>();
    expectTypeOf(triggers.DATABASE_TRIGGERS.unpublish_content_on_org_delete.table).toEqualTypeOf<'content'>();
    expectTypeOf(triggers.DATABASE_TRIGGERS.audit_organization_changes.events).toEqualTypeOf<
      readonly ('insert' | 'update' | 'delete')[]
    >();
    expectTypeOf(
      triggers.getTriggerMetadata('audit_organization_changes').key,
    ).toEqualTypeOf<'audit_organization_changes'>();
    expectTypeOf(triggers.getTriggerMetadata)
      .parameter(0)
      .toEqualTypeOf<'unpublish_content_on_org_delete' | 'audit_organization_changes'>();
    expectTypeOf(triggers.getTriggersForTable(content)[0]?.key).toEqualTypeOf<
      'unpublish_content_on_org_delete' | undefined
    >();
    expectTypeOf(triggers.getAllTriggerNames()).toEqualTypeOf<
      readonly ('trigger_unpublish_on_org_delete' | 'trigger_audit_organization')[]
    >();
    expectTypeOf(triggers.DATABASE_TRIGGERS.audit_organization_changes).toMatchTypeOf<TriggerMetadata>();
    // @ts-expect-error: not a registry key
    expect(() => triggers.getTriggerMetadata('nope')).toThrow(StrataError);
    // @ts-expect-error: a trigger needs at least one event
    expect(() => defineTriggers({ x: { ...base, events: [] } })).toThrow(SchemaError);
  });
});
