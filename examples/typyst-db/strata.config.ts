// One config, two databases: `npm run strata -- generate` writes migrations/auth/pg for the
// PostgreSQL server and migrations/app/pg for PGlite (which speaks PostgreSQL's SQL).
import { defineConfig } from '@strata/cli';
import * as app from './src/schema/app.js';
import * as auth from './src/schema/auth.js';

export default defineConfig({
  databases: {
    auth: { schema: auth, connection: process.env.AUTH_DATABASE_URL, dialects: ['pg'] },
    app: { schema: app, connection: 'pglite:./data/app', dialects: ['pg'] },
  },
});
