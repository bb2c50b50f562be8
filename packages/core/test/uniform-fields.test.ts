// uniformFields: the fields shared by every row of a bulk insert, which decides its statement shape.
import { uniformFields } from '@strata/core';
import { describe, expect, it } from 'vitest';

describe('uniformFields', () => {
  it('returns the shared fields sorted, whatever order each row lists them in', () => {
    expect(uniformFields([{ b: 1, a: 2 }])).toEqual(['a', 'b']);
    expect(
      uniformFields([
        { b: 1, a: 2 },
        { a: 3, b: 4 },
        { b: 5, a: null },
      ]),
    ).toEqual(['a', 'b']);
    expect(uniformFields([])).toEqual([]);
  });

  it('returns undefined when a row has a field more, a field less or another field', () => {
    expect(uniformFields([{ a: 1 }, { a: 1, b: 2 }])).toBeUndefined();
    expect(uniformFields([{ a: 1, b: 2 }, { a: 1 }])).toBeUndefined();
    expect(
      uniformFields([
        { a: 1, b: 2 },
        { a: 1, c: 2 },
      ]),
    ).toBeUndefined();
  });

  it('counts own fields only', () => {
    const inherited = Object.assign(Object.create({ b: 2 }), { a: 1 });
    expect(uniformFields([{ a: 1 }, inherited])).toEqual(['a']);
  });
});
