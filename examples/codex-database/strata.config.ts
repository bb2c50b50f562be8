// One database, migrations for PostgreSQL/Neon/PGlite (migrations/codex/pg) and SQLite
// (migrations/codex/sqlite): `npm run strata -- generate --name <what changed>`.
import { defineConfig } from '@strata/cli';
import * as schema from './src/schema/index.js';

export default defineConfig({
  databases: {
    codex: { schema, connection: process.env.DATABASE_URL_LOCAL_PROXY, dialects: ['pg', 'sqlite'] },
  },
});
