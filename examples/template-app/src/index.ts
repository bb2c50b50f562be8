// The package's public surface: the DOMAIN config, the one schema, and the database opener.
export { type AppDatabase, MIGRATIONS_FOLDER, openAppDatabase } from './database.js';
export { DOMAIN } from './domain.config.js';
export * from './schema.js';
