// `npm run strata -- generate --name <change>` writes migrations/app/pg (PostgreSQL, Neon) and
// migrations/app/sqlite (development) from src/schema.ts. `strata migrate` connects the way the
// package does (NODE_ENV, NEON_DATABASE_URL, SQLITE_PATH).
import { defineConfig } from '@strata/cli';
import { openDatabase } from './src/database.js';
import * as schema from './src/schema.js';

export default defineConfig({
  databases: {
    app: { schema, connection: () => openDatabase(), dialects: ['pg', 'sqlite'] },
  },
});
