// Two schemas, as one app with two databases has them (auth on PostgreSQL, app data elsewhere).
import { defineTable, id, integer, text, uuid } from '@strata/core';

export const user = defineTable('connect_user', {
  id: id(),
  email: text().notNull().unique(),
});
export const authSchema = { user };

export const note = defineTable('connect_note', {
  id: id(),
  userId: uuid().notNull(), // no foreign key: the user lives in the other database
  body: text().notNull(),
  views: integer().notNull().default(0),
});
export const appSchema = { note };
