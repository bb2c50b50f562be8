// The schema and users of the row-level security tests (two files share them).
import { currentUserId, defineTable, eq, id, jwtClaim, policy, text, uuid } from '@strata/core';
import { expect } from 'vitest';

export const mine = (t: { ownerId: Parameters<typeof eq>[0] }) => eq(t.ownerId, currentUserId());

export const note = defineTable('note', { id: id(), ownerId: uuid().notNull(), body: text().notNull() }, (t) => [
  policy('note_read_own', { for: 'select', to: 'authenticated', using: mine(t) }),
  policy('note_insert_own', { for: 'insert', to: 'authenticated', withCheck: mine(t) }),
  policy('note_update_own', { for: 'update', to: 'authenticated', using: mine(t), withCheck: mine(t) }),
  policy('note_delete_own', { for: 'delete', to: 'authenticated', using: mine(t) }),
]);

export const board = defineTable('board', { id: id(), orgId: text().notNull(), title: text().notNull() }, (t) => [
  policy('board_org_members', { to: ['authenticated'], using: eq(t.orgId, jwtClaim('org_id')) }),
]);

export const schema = { note, board };
// The same schema with one policy changed: a migration alters it.
export const v2 = {
  note,
  board: defineTable('board', { id: id(), orgId: text().notNull(), title: text().notNull() }, (t) => [
    policy('board_org_members', { for: 'select', to: ['anon', 'authenticated'], using: eq(t.orgId, jwtClaim('org')) }),
  ]),
};

export const alice = '0190a8a0-0000-7000-8000-00000000a11c';
export const bob = '0190a8a0-0000-7000-8000-000000000b0b';
export const as = (sub: string, extra: Record<string, unknown> = {}) => ({
  role: 'authenticated',
  claims: { sub, ...extra },
});

/** What `work` rejects with (resolving fails the test). */
export async function rejection(work: Promise<unknown>): Promise<unknown> {
  return work.then(
    () => expect.unreachable('expected a rejection'),
    (error: unknown) => error,
  );
}
