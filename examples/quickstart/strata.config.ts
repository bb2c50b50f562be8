// The quickstart's migrations: `npm run strata -- generate` writes them from src/schema.ts for
// PostgreSQL/PGlite (migrations/library/pg) and SQLite (migrations/library/sqlite).
import { defineConfig } from '@strata/cli';
import * as schema from './src/schema.js';

export default defineConfig({
  databases: {
    library: { schema, connection: 'pglite:memory', dialects: ['pg', 'sqlite'] },
  },
});
