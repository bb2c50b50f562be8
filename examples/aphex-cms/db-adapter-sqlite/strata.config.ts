// The CMS schema's SQLite migrations, from the same schema the PostgreSQL adapter uses:
// `npm run strata -- generate --name <change>` writes migrations/cms/sqlite.
import { cmsSchema } from '@aphex/db-adapter-postgresql/shared';
import { defineConfig } from '@strata/cli';

export default defineConfig({
  databases: {
    cms: {
      schema: cmsSchema,
      connection: `sqlite:${process.env.SQLITE_PATH ?? './cms.sqlite3'}`,
      dialects: ['sqlite'],
    },
  },
});
