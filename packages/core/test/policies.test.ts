// Row-level security in the neutral schema: policies are checked when the table is defined, and
// every refusal is a SchemaError naming the table and the policy and saying what to do instead.
import {
  and,
  check,
  currentUserId,
  defineTable,
  enableRowLevelSecurity,
  eq,
  getTableInfo,
  id,
  index,
  inList,
  isSessionValue,
  jwtClaim,
  type PolicyOptions,
  policy,
  SchemaError,
  text,
  uuid,
} from '@strata/core';
import { describe, expect, test } from 'vitest';

const columns = () => ({ id: id(), ownerId: uuid().notNull(), orgId: text(), body: text() });

function refusal(define: () => unknown): SchemaError {
  try {
    define();
  } catch (error) {
    if (error instanceof SchemaError) return error;
    throw error;
  }
  return expect.unreachable('expected a SchemaError');
}

function withPolicy(options: (t: ReturnType<typeof columns>) => PolicyOptions, name = 'p') {
  return () => defineTable('note', columns(), (t) => [policy(name, options(t))]);
}

describe('policies in the neutral schema', () => {
  test('a policy is described on the table and turns row-level security on', () => {
    const note = defineTable('note', columns(), (t) => [
      policy('own', { to: 'authenticated', using: eq(t.ownerId, currentUserId()) }),
      policy('org', {
        for: 'select',
        to: ['anon', 'authenticated'],
        using: eq(t.orgId, jwtClaim('org_id')),
        as: 'restrictive',
      }),
    ]);
    const security = getTableInfo(note).rowLevelSecurity;
    expect(security?.sqlite).toBe('refuse');
    expect(security?.policies.map((p) => [p.name, p.command, p.roles, p.as])).toEqual([
      ['own', 'all', ['authenticated'], 'permissive'],
      ['org', 'select', ['anon', 'authenticated'], 'restrictive'],
    ]);
    expect(getTableInfo(note).extras).toEqual([]);
    expect(getTableInfo(defineTable('plain', columns())).rowLevelSecurity).toBeUndefined();
    const locked = defineTable('locked', columns(), () => [enableRowLevelSecurity({ sqlite: 'unenforced' })]);
    expect(getTableInfo(locked).rowLevelSecurity).toEqual({ policies: [], sqlite: 'unenforced' });
    expect(isSessionValue(currentUserId())).toBe(true);
    expect(currentUserId().claim).toBe('sub');
  });

  test.each([
    [
      'a duplicate name',
      () =>
        defineTable('note', columns(), (t) => [
          policy('p', { to: 'anon', using: eq(t.ownerId, currentUserId()) }),
          policy('p', { to: 'authenticated', using: eq(t.ownerId, currentUserId()) }),
        ]),
      /table "note": policy "p" is declared twice/,
    ],
    ['no role', withPolicy((t) => ({ to: [], using: eq(t.ownerId, currentUserId()) })), /policy "p" needs `to`/],
    [
      'a role in upper case',
      withPolicy((t) => ({ to: 'Admin', using: eq(t.ownerId, currentUserId()) })),
      /names the role "Admin"; a role is a lower-case name/,
    ],
    [
      'an injected role',
      withPolicy((t) => ({ to: 'x"; drop table note; --', using: eq(t.ownerId, currentUserId()) })),
      /names the role/,
    ],
    [
      'a pg_ role',
      withPolicy((t) => ({ to: 'pg_monitor', using: eq(t.ownerId, currentUserId()) })),
      /pg_ roles are PostgreSQL's own/,
    ],
    [
      'public with others',
      withPolicy((t) => ({ to: ['public', 'anon'], using: eq(t.ownerId, currentUserId()) })),
      /'public' is every role/,
    ],
    [
      'withCheck on select',
      withPolicy((t) => ({ for: 'select', to: 'anon', withCheck: eq(t.ownerId, currentUserId()) })),
      /is for select, which writes no new rows: move the condition to `using`/,
    ],
    [
      'using on insert',
      withPolicy((t) => ({ for: 'insert', to: 'anon', using: eq(t.ownerId, currentUserId()) })),
      /is for insert.*`withCheck`/,
    ],
    [
      'no condition',
      withPolicy(() => ({ to: 'anon' })),
      /needs `using` or `withCheck`; to let every row through write `using: and\(\)`/,
    ],
    [
      "another table's column",
      withPolicy(() => ({ to: 'anon', using: eq(other.ownerId, currentUserId()) })),
      /has a using condition that uses a column that is not one of this table's columns/,
    ],
    [
      'a session value in a list',
      withPolicy((t) => ({ to: 'anon', using: inList(t.ownerId, [currentUserId()] as never) })),
      /compare it with eq\(\) or ne\(\)/,
    ],
    [
      'an unknown command',
      withPolicy((t) => ({ for: 'truncate' as never, to: 'anon', using: eq(t.ownerId, currentUserId()) })),
      /has for: "truncate"/,
    ],
    [
      'RLS enabled twice',
      () => defineTable('note', columns(), () => [enableRowLevelSecurity(), enableRowLevelSecurity()]),
      /enableRowLevelSecurity\(\) is given twice/,
    ],
  ])('refuses %s', (_what, define, message) => {
    expect(refusal(define).message).toMatch(message);
  });

  test('a session value is refused outside policies: checks and partial indexes hold for everyone', () => {
    expect(
      refusal(() => defineTable('note', columns(), (t) => [check('mine', eq(t.ownerId, currentUserId()))])).message,
    ).toMatch(
      /check uses a session value \(currentUserId\(\), jwtClaim\(\)\), which only row-level security policies may use/,
    );
    expect(
      refusal(() =>
        defineTable('note', columns(), (t) => [
          index()
            .on(t.body)
            .where(eq(t.orgId, jwtClaim('org'))),
        ]),
      ).message,
    ).toMatch(/only row-level security policies may use/);
  });

  test('jwtClaim() needs a claim name', () => {
    expect(() => jwtClaim('')).toThrow(TypeError);
    expect(() => jwtClaim('a\nb')).toThrow(/control characters/);
    expect(jwtClaim('https://example.com/claims/org').claim).toBe('https://example.com/claims/org');
  });

  test('everyone may read a public table with using: and()', () => {
    const board = defineTable('board', columns(), () => [
      policy('read_all', { for: 'select', to: 'public', using: and() }),
    ]);
    expect(getTableInfo(board).rowLevelSecurity?.policies[0]?.roles).toEqual(['public']);
  });
});

const other = defineTable('other', columns());
