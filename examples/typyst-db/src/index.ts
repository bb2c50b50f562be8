// Everything in one import: both clients and both schemas.
export * from './client/app-db.js';
export * from './client/auth-db.js';
export * from './schema/index.js';
