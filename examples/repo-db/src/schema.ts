// The shared schema: the tables every app of the monorepo reads and writes, defined once for
// SQLite (development) and PostgreSQL (production). Export names are the table names the
// service takes (`DbService.findById('users', id)`).
import { defineRelations, defineTable, enumeration, id, index, integer, text, timestamps, uuid } from '@strata/core';

/** Accounts; `email` is unique. */
export const users = defineTable('users', {
  id: id(),
  email: text().notNull().unique(),
  name: text().notNull(),
  ...timestamps(),
});

/** Assessments a user takes; deleted with the user. */
export const assessments = defineTable(
  'assessments',
  {
    id: id(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    title: text().notNull(),
    status: enumeration(['draft', 'in_progress', 'completed']).notNull().default('draft'),
    score: integer(),
    ...timestamps(),
  },
  (t) => [index().on(t.userId, t.status)],
);

export const usersRelations = defineRelations(users, ({ many }) => ({ assessments: many(assessments) }));
export const assessmentsRelations = defineRelations(assessments, ({ one }) => ({
  user: one(users, { fields: [assessments.userId], references: [users.id] }),
}));
