import { defineTable, id, softDelete, text, timestamps } from '@strata/core';
import { user } from './auth.js';

/** Creator organizations with their branding. */
export const organizations = defineTable('organizations', {
  id: id(),
  name: text().notNull(),
  slug: text().notNull().unique(),
  description: text(),
  logoUrl: text(),
  websiteUrl: text(),
  // The account that created it; the organization outlives a deleted account.
  ownerId: text().references(() => user.id, { onDelete: 'set null' }),
  ...timestamps(),
  ...softDelete(),
});
