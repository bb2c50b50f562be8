// Triggers whose timing differs per dialect: SQLite cannot assign NEW in a BEFORE trigger, so the
// same trigger is BEFORE on PostgreSQL and AFTER on SQLite. The plain string form stays as it was.
import { defineTable, id, SchemaError, StrataError, text } from '@strata/core';
import { defineTriggers, type TriggerDefinition, type TriggerLookupOptions } from '@strata/core/triggers';
import { describe, expect, expectTypeOf, it } from 'vitest';

const post = defineTable('post', { id: id(), title: text().notNull(), slug: text() });
const tag = defineTable('tag', { id: id(), label: text().notNull() });

function registry() {
  return defineTriggers({
    fill_slug: {
      name: 'trigger_fill_slug',
      table: post,
      timing: { pg: 'before', sqlite: 'after' },
      events: ['insert', 'update'],
      description: 'Derives the slug from the title when none is given',
    },
    audit_tag: {
      name: 'trigger_audit_tag',
      table: tag,
      timing: 'after',
      events: ['delete'],
      description: 'Logs deleted tags',
    },
  });
}

/** Runs `fn`, which must throw, and returns the error. */
function errorOf(fn: () => unknown): Error {
  try {
    fn();
  } catch (error) {
    return error as Error;
  }
  return expect.unreachable('expected an error');
}

describe('per-dialect trigger timing', () => {
  it('keeps the timing as defined when no dialect is asked for', () => {
    const triggers = registry();
    expect(triggers.getTriggerMetadata('fill_slug').timing).toEqual({ pg: 'before', sqlite: 'after' });
    expect(triggers.DATABASE_TRIGGERS.fill_slug.timing).toEqual({ pg: 'before', sqlite: 'after' });
    expect(triggers.getTriggerMetadata('audit_tag').timing).toBe('after');
  });

  it('resolves the timing for the dialect a lookup names', () => {
    const triggers = registry();
    expect(triggers.getTriggerMetadata('fill_slug', { dialect: 'pg' }).timing).toBe('before');
    expect(triggers.getTriggerMetadata('fill_slug', { dialect: 'sqlite' }).timing).toBe('after');
    expect(triggers.getTriggerMetadata('audit_tag', { dialect: 'sqlite' }).timing).toBe('after');
    const resolved = triggers.getTriggerMetadata('fill_slug', { dialect: 'sqlite' });
    expect(resolved).toMatchObject({
      key: 'fill_slug',
      name: 'trigger_fill_slug',
      table: 'post',
      events: ['insert', 'update'],
    });
    expect(triggers.getTriggersForTable(post, { dialect: 'pg' }).map((t) => t.timing)).toEqual(['before']);
    expect(triggers.getTriggersForTable('post', { dialect: 'sqlite' }).map((t) => t.timing)).toEqual(['after']);
  });

  it('returns the same frozen objects on every lookup, the plain ones unchanged', () => {
    const triggers = registry();
    const first = triggers.getTriggerMetadata('fill_slug', { dialect: 'sqlite' });
    expect(triggers.getTriggerMetadata('fill_slug', { dialect: 'sqlite' })).toBe(first);
    expect(triggers.getTriggersForTable(post, { dialect: 'sqlite' })[0]).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
    expect(Object.isFrozen(triggers.DATABASE_TRIGGERS.fill_slug.timing)).toBe(true);
    expect(triggers.getTriggerMetadata('audit_tag', { dialect: 'pg' })).toBe(triggers.DATABASE_TRIGGERS.audit_tag);
  });

  it('copies the per-dialect timing, so later edits to the input change nothing', () => {
    const timing = { pg: 'before' as const, sqlite: 'after' as const };
    const triggers = defineTriggers({
      x: { name: 'trigger_x', table: post, timing, events: ['insert'], description: 'x' },
    });
    (timing as { sqlite: string }).sqlite = 'before';
    expect(triggers.getTriggerMetadata('x', { dialect: 'sqlite' }).timing).toBe('after');
  });

  it('refuses an unknown dialect in a lookup from untyped input', () => {
    const triggers = registry();
    const lookup = triggers.getTriggerMetadata as (key: string, options: unknown) => unknown;
    for (const options of [{ dialect: 'mysql' }, {}, null]) {
      const error = errorOf(() => lookup('fill_slug', options));
      expect(error).toBeInstanceOf(StrataError);
      expect((error as StrataError).code).toBe('TRIGGER_DIALECT_UNKNOWN');
    }
  });

  describe('validation: a SchemaError naming the trigger', () => {
    const base = { name: 'trigger_x', table: post, events: ['insert'], description: 'x' } as const;
    const define = (timing: unknown) =>
      defineTriggers({ x: { ...base, timing: timing as TriggerDefinition['timing'] } });

    it('refuses a missing or unknown timing for a dialect', () => {
      const missing = errorOf(() => define({ pg: 'before' }));
      expect(missing).toBeInstanceOf(SchemaError);
      expect(missing.message).toContain('trigger "trigger_x" (registry key "x")');
      expect(missing.message).toContain('timing.sqlite must be one of');
      expect((missing as SchemaError).table).toBe('post');
      expect(errorOf(() => define({ pg: 'around', sqlite: 'after' })).message).toContain('timing.pg must be one of');
    });

    it('refuses a dialect it does not know', () => {
      expect(errorOf(() => define({ pg: 'before', sqlite: 'after', mysql: 'before' })).message).toContain(
        'unknown dialect "mysql"',
      );
    });

    it('refuses a timing that is neither a string nor an object', () => {
      expect(errorOf(() => define(['before'])).message).toContain('or { pg, sqlite }');
      expect(errorOf(() => define(null)).message).toContain('timing must be one of');
    });
  });

  it('types the timing as defined, and as resolved for a dialect', () => {
    const triggers = registry();
    expectTypeOf(triggers.getTriggerMetadata('fill_slug').timing).toEqualTypeOf<{
      readonly pg: 'before';
      readonly sqlite: 'after';
    }>();
    expectTypeOf(triggers.getTriggerMetadata('fill_slug', { dialect: 'pg' }).timing).toEqualTypeOf<'before'>();
    expectTypeOf(triggers.getTriggerMetadata('fill_slug', { dialect: 'sqlite' }).timing).toEqualTypeOf<'after'>();
    expectTypeOf(triggers.getTriggerMetadata('audit_tag', { dialect: 'sqlite' }).timing).toEqualTypeOf<'after'>();
    expectTypeOf(triggers.getTriggersForTable(post, { dialect: 'sqlite' })[0]?.timing).toEqualTypeOf<
      'after' | undefined
    >();
    const options: TriggerLookupOptions = { dialect: 'pg' };
    expectTypeOf(triggers.getTriggerMetadata('fill_slug', options).timing).toEqualTypeOf<'before' | 'after'>();
    // @ts-expect-error: not a dialect
    expect(() => triggers.getTriggerMetadata('fill_slug', { dialect: 'mysql' })).toThrow(StrataError);
  });
});
