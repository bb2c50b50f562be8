import { expect, test } from 'vitest';
import type { UserRole } from '../types.js';
import { type SuiteContext, uniqueTag } from './context.js';

const email = () => `${uniqueTag()}@example.com`;

/** User profiles: roles and preferences of auth users, deleted with them. */
export function defineUserProfileTests({ subject }: SuiteContext): void {
  test('the first profile belongs to an auth user, is an editor by default and keeps preferences', async () => {
    const { adapter, createUser } = subject();
    expect(await adapter.hasAnyUserProfiles()).toBe(false);
    const userId = await createUser(email());
    const profile = await adapter.createUserProfile({ userId, preferences: { theme: 'dark', shortcuts: ['k'] } });
    expect(profile).toMatchObject({ userId, role: 'editor', preferences: { theme: 'dark', shortcuts: ['k'] } });
    expect(await adapter.findUserProfileById(userId)).toEqual(profile);
    expect(await adapter.hasAnyUserProfiles()).toBe(true);
  });

  test('changes a role and preferences', async () => {
    const { adapter, createUser } = subject();
    const userId = await createUser(email());
    await adapter.createUserProfile({ userId, role: 'viewer' });
    const promoted = await adapter.updateUserProfile(userId, { role: 'admin' });
    expect(promoted).toMatchObject({ role: 'admin', preferences: null });
    expect(await adapter.updateUserProfile(userId, { preferences: { language: 'is' } })).toMatchObject({
      role: 'admin',
      preferences: { language: 'is' },
    });
    expect(await adapter.updateUserProfile('no-such-user', { role: 'admin' })).toBeNull();
  });

  test('refuses a profile for a user the auth system does not have, or a role the CMS does not know', async () => {
    const { adapter, createUser } = subject();
    await expect(adapter.createUserProfile({ userId: 'no-such-user' })).rejects.toThrow();
    const userId = await createUser(email());
    await expect(adapter.createUserProfile({ userId, role: 'owner' as UserRole })).rejects.toThrow();
    expect(await adapter.findUserProfileById(userId)).toBeNull();
  });

  test('a profile is deleted with its user, or on its own', async () => {
    const { adapter, createUser, deleteUser } = subject();
    const leaving = await createUser(email());
    await adapter.createUserProfile({ userId: leaving });
    await deleteUser(leaving);
    expect(await adapter.findUserProfileById(leaving)).toBeNull();

    const staying = await createUser(email());
    await adapter.createUserProfile({ userId: staying });
    expect(await adapter.deleteUserProfile(staying)).toBe(true);
    expect(await adapter.deleteUserProfile(staying)).toBe(false);
  });
}
