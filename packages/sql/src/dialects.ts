// The registry of SQL dialects: the one place (with the package's entry points) that knows them
// all. Shared code receives a dialect; it never imports a dialect's folder.
import type { MigrationDialect } from '@strata/core';
import { pgDialect } from './postgres/dialect.js';
import { mapPostgres } from './postgres/errors.js';
import type { SqlDialect } from './shared/dialect.js';
import { createErrorMapper } from './shared/errors.js';
import type { GenerationDialect } from './shared/generate.js';
import { sqliteDialect } from './sqlite/dialect.js';
import { mapSqlite } from './sqlite/errors.js';

/**
 * Every SQL dialect, by name.
 *
 * @example
 * ```ts
 * DIALECTS[db.dialect].generation;
 * ```
 */
export const DIALECTS: Readonly<Record<MigrationDialect, SqlDialect>> = { pg: pgDialect, sqlite: sqliteDialect };

/**
 * drizzle-kit's side of migration generation, by dialect (each dialect's own file supplies it).
 *
 * @example
 * ```ts
 * await generateMigration({ dialect: GENERATION[db.dialect], schema, previous });
 * ```
 */
export const GENERATION: Readonly<Record<MigrationDialect, GenerationDialect>> = {
  pg: pgDialect.generation,
  sqlite: sqliteDialect.generation,
};

/**
 * Turns an engine's error into a `DatabaseError`, the same for the same fault on every engine:
 * PostgreSQL (postgres-js, Neon), PGlite and SQLite (better-sqlite3, libSQL), wrapped by Drizzle
 * or not. Anything else (Strata's own errors, application errors) comes back unchanged. The
 * message and detail never carry row values; `cause` is the original error.
 *
 * On SQLite a foreign key failure names neither the constraint nor the columns: only `kind` and
 * `table` (from the context) are known there.
 *
 * @example
 * ```ts
 * try {
 *   await db.drizzle.insert(db.tables.user).values({ email });
 * } catch (error) {
 *   throw mapDatabaseError(error, { table: 'user', tables: [user] });
 *   // DatabaseError: unique violation on table "user" (email): constraint user_email_key
 * }
 * ```
 */
export const mapDatabaseError = createErrorMapper({ postgres: mapPostgres, sqlite: mapSqlite });
