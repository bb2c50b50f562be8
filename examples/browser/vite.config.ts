// Builds the browser check: one page that opens Strata on PGlite in IndexedDB.
import { fileURLToPath } from 'node:url';
import { defaultClientConditions, defineConfig } from 'vite';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  // Relative asset URLs: the built page works from any folder and any port.
  base: './',
  resolve: {
    // Workspace packages resolve to their TypeScript sources (the `source` export condition),
    // as in the tests: no build of the packages is needed first.
    conditions: ['source', ...defaultClientConditions],
  },
  optimizeDeps: {
    // PGlite loads its wasm and data files relative to its own module: prebundling moves the
    // module and breaks those URLs (PGlite's documented Vite setting).
    exclude: ['@electric-sql/pglite'],
  },
  build: {
    // PGlite's module is large and top-level await needs a modern target.
    target: 'es2022',
    chunkSizeWarningLimit: 12_000,
  },
});
