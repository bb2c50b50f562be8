// `strata`: Strata's repository, exactly as an application calls it (`db.repos.item.*`), on
// whatever the working tree's adapter does underneath. It validates input, generates ids when
// missing, returns full rows from every write but insertMany, and sorts ties by the primary key.
import type { DataScope } from '@strata/core';
import type { Implementation } from '../contract.js';
import type * as schema from '../schema.js';

export function strata(db: DataScope<typeof schema>): Implementation {
  const items = db.repos.item;
  return {
    name: 'strata',
    ops: {
      findById: (id) => items.findById(id),
      findByCategory: (category, limit) => items.findMany({ where: { category }, orderBy: { rank: 'asc' }, limit }),
      insertOne: (values) => items.create(values),
      // The raw floor inserts without RETURNING, so Strata's counterpart is insertMany (createMany
      // also reads every row back).
      insertMany: (rows) => items.insertMany(rows),
      updatePrice: (id, price) => items.update(id, { price }),
    },
    close: async () => {},
  };
}
