import { defineConfig } from '@strata/cli';
import * as schema from './src/schema.js';

export default defineConfig({
  databases: {
    app: { schema, connection: process.env.DATABASE_URL, dialects: ['pg', 'sqlite'] },
  },
});
