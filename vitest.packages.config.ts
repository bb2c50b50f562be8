import { defineConfig } from 'vitest/config';

// The packages test (`npm run test:packages`): Strata's built packages, packed as they are
// published, installed into fresh apps outside the workspace with npm and pnpm, type-checked
// and run on every engine. No `source` condition here: the apps see only what users get.
export default defineConfig({
  test: {
    include: ['test/packages/**/*.test.ts'],
    globalSetup: ['test/packages/global-setup.ts'],
    // Installs compile better-sqlite3 and download from the registry: minutes, not seconds.
    testTimeout: 900_000,
    hookTimeout: 1_200_000,
    pool: 'forks',
    // Two cores: one app installs or type-checks while another runs.
    maxWorkers: 2,
  },
});
