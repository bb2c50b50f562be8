import type { UserProfileAdapter } from '@aphex/cms-core';
import type { CmsScope } from './database.js';

/**
 * User profiles on Strata's repository; the foreign key to Better Auth's `user` deletes a
 * profile with its user and refuses one for a user that does not exist.
 *
 * @example
 * ```ts
 * await userProfileAdapter(db).createUserProfile({ userId: session.user.id, role: 'admin' });
 * ```
 */
export function userProfileAdapter(db: CmsScope): UserProfileAdapter {
  const profiles = db.repos.userProfiles;
  return {
    createUserProfile: (data) => profiles.create(data),
    findUserProfileById: async (userId) => (await profiles.findById(userId)) ?? null,
    updateUserProfile: async (userId, data) => (await profiles.update(userId, data)) ?? null,
    deleteUserProfile: async (userId) => (await profiles.delete(userId)) !== undefined,
    hasAnyUserProfiles: () => profiles.exists(),
  };
}
