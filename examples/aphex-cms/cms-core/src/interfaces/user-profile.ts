import type { UserPreferences, UserProfile, UserRole } from '../types.js';

/**
 * A profile for a user the auth system already has.
 *
 * @example
 * ```ts
 * const data: NewUserProfileData = { userId: session.user.id, role: 'admin' };
 * ```
 */
export interface NewUserProfileData {
  readonly userId: string;
  /** Default `editor`. */
  readonly role?: UserRole;
  readonly preferences?: UserPreferences;
}

/**
 * User profiles: the CMS's role and preferences of each auth user, deleted with the user.
 *
 * @example
 * ```ts
 * if (!(await adapter.hasAnyUserProfiles())) await adapter.createUserProfile({ userId, role: 'admin' });
 * ```
 */
export interface UserProfileAdapter {
  createUserProfile(data: NewUserProfileData): Promise<UserProfile>;
  findUserProfileById(userId: string): Promise<UserProfile | null>;
  updateUserProfile(
    userId: string,
    data: { readonly role?: UserRole; readonly preferences?: UserPreferences },
  ): Promise<UserProfile | null>;
  deleteUserProfile(userId: string): Promise<boolean>;
  /** Whether anyone has a profile yet: the first user to sign in becomes admin. */
  hasAnyUserProfiles(): Promise<boolean>;
}
