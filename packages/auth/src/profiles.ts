import {
  type AnyTable,
  type ColumnOf,
  defineRelations,
  defineTable,
  enumeration,
  json,
  text,
  timestamps,
} from '@strata/core';

/** The roles of a user profile (seed 004's CMS roles). */
export const USER_ROLES = ['admin', 'editor', 'viewer'] as const;

/** A role of {@link USER_ROLES}. */
export type UserRole = (typeof USER_ROLES)[number];

/** A profile's preferences: a theme, a language and anything else the app keeps. */
export interface UserPreferences {
  theme?: 'light' | 'dark';
  language?: string;
  [key: string]: unknown;
}

/** Options of {@link defineUserProfiles}. */
export interface UserProfilesOptions<TName extends string> {
  /** The SQL table name; default `user_profiles` (seed 004 used `cms_user_profiles`). */
  readonly tableName?: TName;
}

/**
 * The optional `userProfiles` module: one profile per user with a role (admin, editor, viewer;
 * `editor` by default) and JSON preferences, deleted with its user. Pass the `user` table of the
 * schema it joins (a foreign key needs both tables in one database).
 *
 * @example
 * ```ts
 * const auth = defineAuthTables();
 * const profiles = defineUserProfiles(auth.user, { tableName: 'cms_user_profiles' });
 * const db = await createDatabase({ schema: { ...auth, ...profiles } });
 * await db.repos.userProfiles.create({ userId, role: 'admin' });
 * ```
 */
export function defineUserProfiles<
  TUser extends AnyTable & { readonly id: ColumnOf<string, 'text'> },
  TName extends string = 'user_profiles',
>(user: TUser, options: UserProfilesOptions<TName> = {}) {
  const userProfiles = defineTable((options.tableName ?? 'user_profiles') as TName, {
    userId: text()
      .primaryKey()
      .references(() => user.id, { onDelete: 'cascade' }),
    role: enumeration(USER_ROLES).notNull().default('editor'),
    preferences: json<UserPreferences>(),
    ...timestamps(),
  });
  const userProfilesRelations = defineRelations(userProfiles, ({ one }) => ({
    user: one(user, {
      fields: [userProfiles.userId],
      references: [user.id],
    }),
  }));
  return { userProfiles, userProfilesRelations };
}
