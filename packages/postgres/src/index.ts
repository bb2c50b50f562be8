/**
 * `@strata/postgres`: Strata on a PostgreSQL server (self-hosted, Supabase, Neon's pooled
 * endpoint) through postgres-js.
 *
 * @example
 * ```ts
 * import { createDatabase } from '@strata/postgres';
 * import * as schema from './schema.js';
 * const db = await createDatabase({ schema, url: process.env.DATABASE_URL });
 * ```
 */
export { createDatabase, type PostgresDatabase, type PostgresDatabaseOptions } from './postgres-database.js';
export type { PoolerMode } from './postgres-pooler.js';
