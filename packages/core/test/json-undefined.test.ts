// JSON values whose objects carry `undefined` properties (optional properties in TypeScript):
// accepted and dropped, as JSON.stringify drops them; `undefined` as the value itself, inside an
// array or as an array hole stays refused.
import { defineTable, getTableInfo, id, json, valueProblem } from '@strata/core';
import { describe, expect, it } from 'vitest';

interface Meta {
  title: string;
  description?: string;
  nested?: { note?: string; keep: number };
  tags?: (string | undefined)[];
}

const config = json<Meta>().config;

describe('JSON values with undefined properties', () => {
  it('accepts undefined object properties, at any depth', () => {
    expect(valueProblem(config, { title: 'a', description: undefined })).toBeUndefined();
    expect(valueProblem(config, { title: 'a', nested: { note: undefined, keep: 1 } })).toBeUndefined();
    expect(valueProblem(config, [{ a: undefined }])).toBeUndefined();
  });

  it('still checks the other properties of such objects', () => {
    expect(valueProblem(config, { title: 'a', description: undefined, n: Number.NaN })).toBe(
      'expects JSON, got NaN at $.n',
    );
  });

  it('refuses undefined as the whole value, inside arrays and as an array hole', () => {
    expect(valueProblem(config, undefined)).toBe('expects JSON, got undefined at $');
    expect(valueProblem(config, { title: 'a', tags: ['x', undefined] })).toBe(
      'expects JSON, got undefined at $.tags[1]',
    );
    // biome-ignore lint/suspicious/noSparseArray: the hole is the point
    expect(valueProblem(config, [1, , 3])).toBe('expects JSON, got undefined at $[1]');
  });

  it('still refuses functions and symbols as property values', () => {
    expect(valueProblem(config, { f: () => 1 })).toBe('expects JSON, got a function at $.f');
    expect(valueProblem(config, { s: Symbol('x') })).toBe('expects JSON, got a symbol at $.s');
  });

  it('accepts such an object as a default', () => {
    const table = defineTable('doc', { id: id(), meta: json<Meta>().default({ title: 't', description: undefined }) });
    expect(getTableInfo(table).columns.meta.config.default).toEqual({ type: 'value', value: { title: 't' } });
  });
});
