import {
  check,
  defineTable,
  enumeration,
  id,
  index,
  isNotNull,
  ne,
  or,
  softDelete,
  text,
  timestamp,
  timestamps,
  uuid,
} from '@strata/core';
import { user } from './auth.js';
import { mediaItems } from './media-items.js';
import { organizations } from './organizations.js';

/** The kinds of content a creator publishes. */
export const CONTENT_TYPES = ['video', 'audio', 'written'] as const;
/** A content item's publication state. */
export const CONTENT_STATUSES = ['draft', 'published', 'archived'] as const;

/** Published content items: video, audio or written, personal or under an organization. */
export const content = defineTable(
  'content',
  {
    id: id(),
    creatorId: text()
      .notNull()
      .references(() => user.id, { onDelete: 'cascade' }),
    // Deleting the organization sets this to NULL, which the trigger of migration
    // 0002_add_org_deletion_trigger turns into an unpublish (see ../triggers.ts).
    organizationId: uuid().references(() => organizations.id, { onDelete: 'set null' }),
    mediaItemId: uuid().references(() => mediaItems.id, { onDelete: 'set null' }),
    title: text().notNull(),
    slug: text().notNull(),
    description: text(),
    contentType: enumeration(CONTENT_TYPES).notNull(),
    status: enumeration(CONTENT_STATUSES).notNull().default('draft'),
    publishedAt: timestamp(),
    ...timestamps(),
    ...softDelete(),
  },
  (t) => [
    index().on(t.creatorId),
    index().on(t.organizationId),
    index().on(t.status, t.publishedAt),
    check('content_published_has_date', or(ne(t.status, 'published'), isNotNull(t.publishedAt))),
  ],
);
