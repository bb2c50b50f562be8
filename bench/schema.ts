// The benchmark's one table, defined with Strata so every implementation (raw SQL, Drizzle,
// Strata, knex) runs against exactly the DDL Strata generates: same column types, same index.
import { defineTable, double, id, index, integer, text, timestamp } from '@strata/core';

export const item = defineTable(
  'item',
  {
    id: id(), // UUID v7 string primary key
    category: text().notNull(),
    rank: integer().notNull(),
    title: text().notNull(),
    price: double(),
    createdAt: timestamp().notNull(),
  },
  // Serves workload 2: `where category = ? order by rank limit 20`.
  (t) => [index('item_category_rank_idx').on(t.category, t.rank)],
);
