import { defaultServerConditions } from 'vite';
import { defineConfig } from 'vitest/config';

// The reliability suite (`npm run test:reliability`), kept out of `npm test`: it kills processes
// on purpose and takes minutes. Workspace packages resolve to their TypeScript sources (the
// `source` export condition), as in vitest.config.ts.
const conditions = ['source', ...defaultServerConditions];

export default defineConfig({
  resolve: { conditions },
  ssr: { resolve: { conditions, externalConditions: conditions } },
  test: {
    include: ['reliability/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
