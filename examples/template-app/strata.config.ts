// One database, two dialects: `npm run db:generate` writes migrations/app/sqlite (the device)
// and migrations/app/pg (the PostgreSQL server; PGlite too) from the one schema.
import { defineConfig } from '@strata/cli';
import * as schema from './src/schema.js';

export default defineConfig({
  databases: {
    // Without DATABASE_URL, `strata check` checks the schema against the folders only.
    app: { schema, connection: process.env.DATABASE_URL, dialects: ['pg', 'sqlite'] },
  },
});
