/**
 * Type tests of row-level security: `withClaims` returns what its callback returns, `tx` has the
 * schema's repositories and the engine's own Drizzle database type, and session values compare
 * only where a column does. Only type-checked, never executed.
 */
import { and, check, currentUserId, eq, jwtClaim, policy, type Row } from '@strata/core';
import type { PgliteStrataDatabase } from '@strata/pglite';
import type { SQLiteDatabase } from '@strata/sqlite';
import { expectTypeOf, test } from 'vitest';
import type { note, schema } from './rls-support.js';

declare const pglite: PgliteStrataDatabase<typeof schema>;
declare const sqlite: SQLiteDatabase<typeof schema>;
declare const t: typeof note;

test('withClaims is typed by the schema and the engine', () => {
  const rows = pglite.withClaims({ role: 'authenticated', claims: { sub: 'x' } }, (tx) => tx.repos.note.findMany());
  expectTypeOf(rows).resolves.toEqualTypeOf<Row<typeof note>[]>();
  void pglite.withClaims({ role: 'anon' }, async (tx) => {
    expectTypeOf(tx.drizzle).toEqualTypeOf<typeof pglite.drizzle>();
  });
  // On SQLite it exists (and rejects at run time): engine-neutral code can call it.
  expectTypeOf(sqlite.withClaims).toBeFunction();
  // @ts-expect-error claims are an object of claims
  void pglite.withClaims({ role: 'anon', claims: 'sub' }, async () => 1);
  // @ts-expect-error a role is required
  void pglite.withClaims({ claims: { sub: 'x' } }, async () => 1);
});

test('session values compare with a column; policy options are checked', () => {
  eq(t.ownerId, currentUserId());
  eq(t.body, jwtClaim('name'));
  policy('p', { to: 'anon', using: and() });
  // @ts-expect-error `to` is required
  policy('p', { using: and() });
  // @ts-expect-error not a command
  policy('p', { for: 'truncate', to: 'anon', using: and() });
  // A CHECK accepts the condition's type; the session value is refused when the table is defined.
  check('mine', eq(t.ownerId, currentUserId()));
});
