// The template's one place for names: fork the app, rename the entity here, and every table,
// column, migration and query follows. The schema (./schema.ts) reads every SQL name from it.

/**
 * The domain the template is configured for: a habit tracker out of the box.
 *
 * @example
 * ```ts
 * import { DOMAIN } from './domain.config.js';
 * DOMAIN.entities.primary.tableName; // 'habits'
 * ```
 */
export const DOMAIN = {
  entities: {
    /** The thing users create and track. */
    primary: {
      tableName: 'habits',
      /** The column child rows point at it with. */
      foreignKey: 'habit_id',
      statuses: ['active', 'paused', 'archived'],
    },
    /** One record per day against a primary entity. */
    entry: {
      tableName: 'habit_entries',
    },
  },
} as const;
