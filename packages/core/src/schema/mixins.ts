import { Column } from './column.js';
import { timestamp } from './columns.js';

/**
 * `createdAt` and `updatedAt`: set to now on insert; `updatedAt` is refreshed on every update.
 *
 * @example
 * ```ts
 * defineTable('post', { id: id(), title: text().notNull(), ...timestamps() });
 * ```
 */
export function timestamps() {
  return {
    createdAt: timestamp().notNull().defaultNow(),
    updatedAt: timestamp().notNull().defaultNow().onUpdateNow(),
  };
}

/**
 * `deletedAt`: marks the table for soft deletes. Strata's repository sets it instead of deleting
 * and hides such rows from reads unless asked.
 *
 * @example
 * ```ts
 * defineTable('content', { id: id(), body: text(), ...softDelete() });
 * ```
 */
export function softDelete() {
  const deletedAt = timestamp();
  return {
    deletedAt: new Column<typeof deletedAt._>({ ...deletedAt.config, softDeleteMarker: true }),
  };
}
