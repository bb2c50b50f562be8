// Strata's conformance suite on Cloudflare D1 (workerd's local D1 through miniflare), next to
// better-sqlite3. D1 has no interactive transactions: the tests that need one are skipped by name;
// everything else — bulk inserts of 20,000 rows included, as one atomic batch — runs.
import { createDatabase } from '@strata/d1';
import { openTestDatabase, runConformanceSuite } from '@strata/testing';
import { afterAll } from 'vitest';
import { startLocalD1 } from './miniflare.js';

// Every open is a new, empty database (the suite opens one per engine, and a few extra).
const d1 = startLocalD1(8);
afterAll(() => d1.dispose());

const selected = process.env.ENGINES?.split(',').map((name) => name.trim());
const sqliteSkip =
  selected && !selected.includes('sqlite') ? `not selected by ENGINES=${process.env.ENGINES}` : undefined;

runConformanceSuite({
  engines: [
    { engine: 'sqlite', skip: sqliteSkip },
    {
      engine: 'd1',
      skip: undefined,
      noTransactions: 'D1 runs atomic batches but has no interactive transactions',
      integers53: 'D1 answers every integer as a JavaScript number',
    },
  ],
  open: async (engine, schema) => {
    if (engine === 'sqlite') return openTestDatabase('sqlite', schema);
    return createDatabase({ schema, binding: await d1.database() });
  },
});
