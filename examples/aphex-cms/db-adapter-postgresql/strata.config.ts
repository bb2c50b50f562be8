// The CMS schema's PostgreSQL migrations (they serve PGlite and Neon too):
// `npm run strata -- generate --name <change>` writes migrations/cms/pg.
import { defineConfig } from '@strata/cli';
import { cmsSchema } from './src/shared/index.js';

export default defineConfig({
  databases: {
    cms: { schema: cmsSchema, connection: process.env.DATABASE_URL, dialects: ['pg'] },
  },
});
