import { defaultServerConditions } from 'vite';
import { defineConfig } from 'vitest/config';

// Workspace packages resolve to their TypeScript sources (the `source` export condition), so
// tests need no build step.
const conditions = ['source', ...defaultServerConditions];

export default defineConfig({
  resolve: { conditions },
  ssr: { resolve: { conditions, externalConditions: conditions } },
  test: {
    include: ['packages/*/test/**/*.test.ts', 'examples/**/test/**/*.test.ts'],
    exclude: ['**/node_modules/**', '**/dist/**'],
    typecheck: {
      enabled: true,
      include: ['packages/*/test/**/*.test-d.ts'],
      tsconfig: './tsconfig.json',
    },
    // Real engines: PGlite starts in about a second, PostgreSQL databases are created per file.
    testTimeout: 30_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Fails the run when a password or token shows up in a test's output or error.
    reporters: ['default', './scripts/secret-scan-reporter.ts'],
  },
});
