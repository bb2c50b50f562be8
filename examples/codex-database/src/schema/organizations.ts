import { defineTable, id, isNull, softDelete, text, timestamps, uniqueIndex } from '@strata/core';
import { user } from './auth.js';

/** Creator organizations with their branding. */
export const organizations = defineTable(
  'organizations',
  {
    id: id(),
    name: text().notNull(),
    slug: text().notNull(),
    description: text(),
    logoUrl: text(),
    websiteUrl: text(),
    // The account that created it; the organization outlives a deleted account.
    ownerId: text().references(() => user.id, { onDelete: 'set null' }),
    ...timestamps(),
    ...softDelete(),
  },
  // Unique among live organizations only: a soft-deleted organization's slug can be taken again.
  (t) => [uniqueIndex().on(t.slug).where(isNull(t.deletedAt))],
);
