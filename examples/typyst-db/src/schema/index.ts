// Both schemas in one import, for code that needs types or tables of either database.
export * from './app.js';
export * from './auth.js';
