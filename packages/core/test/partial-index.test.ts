// Partial indexes in the schema language: `index().on(...).where(condition)` keeps the predicate
// on the resolved extra, and a predicate over anything but the table's own columns (or with an
// operator DDL cannot carry) is a SchemaError naming the table and the index.
import {
  and,
  type Condition,
  defineTable,
  eq,
  getTableInfo,
  id,
  index,
  isNull,
  SchemaError,
  softDelete,
  text,
  uniqueIndex,
} from '@strata/core';
import { describe, expect, it } from 'vitest';

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

describe('partial indexes', () => {
  const post = defineTable(
    'post',
    { id: id(), slug: text().notNull(), status: text().notNull(), ...softDelete() },
    (t) => [
      uniqueIndex().on(t.slug).where(isNull(t.deletedAt)),
      index('post_published_by_slug')
        .on(t.slug)
        .where(and(eq(t.status, 'published'), isNull(t.deletedAt))),
      index().on(t.status),
    ],
  );

  it('keeps the predicate on the resolved extra, built from the placed columns', () => {
    const [live, published, plain] = getTableInfo(post).extras;
    expect(live).toEqual({
      kind: 'index',
      name: 'post_slug_key',
      unique: true,
      columns: [post.slug],
      predicate: { op: 'isNull', column: post.deletedAt },
    });
    expect(published).toMatchObject({ kind: 'index', name: 'post_published_by_slug', unique: false });
    if (published?.kind !== 'index') throw new Error('expected an index');
    expect(published.predicate).toEqual({
      op: 'and',
      conditions: [
        { op: 'eq', column: post.status, value: 'published' },
        { op: 'isNull', column: post.deletedAt },
      ],
    });
    expect(plain).toMatchObject({ kind: 'index', name: 'post_status_idx', predicate: undefined });
  });

  it('resolves to plain data: the builder method does not travel with the extra', () => {
    for (const extra of getTableInfo(post).extras)
      expect(Object.values(extra).some((v) => typeof v === 'function')).toBe(false);
  });

  it('names partial and full indexes alike, so two over the same columns need a name', () => {
    const error = schemaErrorOf(() =>
      defineTable('doc', { id: id(), slug: text(), ...softDelete() }, (t) => [
        uniqueIndex().on(t.slug),
        uniqueIndex().on(t.slug).where(isNull(t.deletedAt)),
      ]),
    );
    expect(error.message).toContain('"doc_slug_key"');
  });

  describe('validation', () => {
    const other = defineTable('other', { id: id(), deletedAt: text() });

    it("refuses a predicate over another table's column, naming the table and the index", () => {
      const error = schemaErrorOf(() =>
        defineTable('page', { id: id(), slug: text() }, (t) => [
          uniqueIndex().on(t.slug).where(isNull(other.deletedAt)),
        ]),
      );
      expect(error.code).toBe('SCHEMA_INVALID');
      expect(error.table).toBe('page');
      expect(error.message).toBe(
        `table "page": unique index "page_slug_key": its where condition uses a column that is not one of this table's columns`,
      );
    });

    it('finds a foreign column deep inside and / or / not, and names an explicitly named index', () => {
      const error = schemaErrorOf(() =>
        defineTable('page', { id: id(), slug: text(), ...softDelete() }, (t) => [
          index('page_live')
            .on(t.slug)
            .where(and(isNull(t.deletedAt), eq(other.id, 'x'))),
        ]),
      );
      expect(error.message).toContain('index "page_live": its where condition uses a column');
    });

    it('refuses a column that is in no table', () => {
      const error = schemaErrorOf(() =>
        defineTable('page', { id: id(), slug: text() }, (t) => [index().on(t.slug).where(isNull(text()))]),
      );
      expect(error.message).toContain('index "page_slug_idx"');
    });

    it('refuses a text-matching operator, which DDL cannot carry', () => {
      const contains = (column: unknown): Condition =>
        ({ op: 'contains', column, value: 'x', ignoreCase: false }) as Condition;
      const error = schemaErrorOf(() =>
        defineTable('page', { id: id(), slug: text() }, (t) => [index().on(t.slug).where(contains(t.slug))]),
      );
      expect(error.message).toContain('uses the operator "contains"');
    });
  });
});
