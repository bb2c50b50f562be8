// Relations for Drizzle's relational queries (`db.drizzle.query.content.findMany({ with })`).
import { defineRelations } from '@strata/core';
import { user } from './auth.js';
import { content } from './content.js';
import { mediaItems } from './media-items.js';
import { organizations } from './organizations.js';

export const organizationsRelations = defineRelations(organizations, ({ one, many }) => ({
  owner: one(user, { fields: [organizations.ownerId], references: [user.id] }),
  content: many(content),
}));

export const mediaItemsRelations = defineRelations(mediaItems, ({ one, many }) => ({
  creator: one(user, { fields: [mediaItems.creatorId], references: [user.id] }),
  content: many(content),
}));

export const contentRelations = defineRelations(content, ({ one }) => ({
  creator: one(user, { fields: [content.creatorId], references: [user.id] }),
  organization: one(organizations, { fields: [content.organizationId], references: [organizations.id] }),
  mediaItem: one(mediaItems, { fields: [content.mediaItemId], references: [mediaItems.id] }),
}));
