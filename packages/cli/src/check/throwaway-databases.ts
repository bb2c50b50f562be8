import { isStrataError, type MigrationDialect, type SchemaModule } from '@strata/core';
import type { PgliteStrataDatabase } from '@strata/pglite';
import { loadDriver } from '@strata/sql';
import type { AnyStrataDatabase } from '../config.js';
import { createPolicyRolesSql } from './policy-roles.js';

/**
 * Empty in-memory databases to replay migrations into: better-sqlite3 `:memory:` for SQLite,
 * PGlite in memory for PostgreSQL. One PGlite instance serves a whole run — it takes a second or
 * more to start — and its `public` schema is dropped and recreated before each use, which also
 * removes the enums, functions and sequences a previous replay left. The engine packages are
 * loaded only when a dialect is replayed, so a project without them still runs `strata check`.
 *
 * @example
 * ```ts
 * const throwaway = new ThrowawayDatabases();
 * try {
 *   const dump = await throwaway.use('sqlite', schema, async (db) => { await db.createTables(); return dumpSchema(db); });
 * } finally {
 *   await throwaway.close();
 * }
 * ```
 */
export class ThrowawayDatabases {
  /** The database that owns the run's PGlite instance (opened for the first pg schema). */
  #pglite: Promise<PgliteStrataDatabase<SchemaModule>> | undefined;

  /** Opens an empty database of `dialect` for `schema`, runs `work` on it, and closes it. */
  async use<T>(
    dialect: MigrationDialect,
    schema: SchemaModule,
    work: (db: AnyStrataDatabase) => Promise<T>,
  ): Promise<T> {
    const db = dialect === 'sqlite' ? await this.#sqlite(schema) : await this.#pg(schema);
    try {
      return await work(db);
    } finally {
      await db.close();
    }
  }

  /** Closes the PGlite instance, if one was started. */
  async close(): Promise<void> {
    const host = this.#pglite;
    this.#pglite = undefined;
    if (host) await (await host.catch(() => undefined))?.close();
  }

  async #sqlite(schema: SchemaModule): Promise<AnyStrataDatabase> {
    const { createDatabase } = await loadDriver('@strata/sqlite', '0.1', () => import('@strata/sqlite'));
    return (await createDatabase({ schema, filename: ':memory:' })) as unknown as AnyStrataDatabase;
  }

  async #pg(schema: SchemaModule): Promise<AnyStrataDatabase> {
    const { createDatabase } = await loadDriver('@strata/pglite', '0.1', () => import('@strata/pglite'));
    this.#pglite ??= createDatabase({ schema });
    const host = await this.#pglite;
    // Warnings only: "drop cascades to …" notices are expected here, not news.
    await host.client.exec('set client_min_messages to warning; drop schema public cascade; create schema public;');
    // Roles outlive the schema: the ones the policies name are created once, as the server has them.
    const roles = createPolicyRolesSql(schema);
    if (roles) await host.client.exec(roles);
    return (await createDatabase({ schema, client: host.client })) as unknown as AnyStrataDatabase;
  }
}

/**
 * The engine package a replay needs but could not load, or `undefined` for any other error.
 *
 * @example
 * ```ts
 * const missing = missingEngine(error); // 'The driver "@strata/pglite" is not installed. …'
 * ```
 */
export function missingEngine(error: unknown): string | undefined {
  return isStrataError(error) && error.code === 'ENGINE_NOT_INSTALLED' ? error.message : undefined;
}

/**
 * Whether a replay failed on something the in-memory engine lacks rather than on the migration:
 * PGlite has no `CREATE EXTENSION pgcrypto` (SQLSTATE 0A000, feature not supported), which a
 * PostgreSQL server runs fine. Looks through the causes (the migration error wraps the driver's).
 *
 * @example
 * ```ts
 * if (unsupportedByEngine(error)) notes.push('not replayed: …');
 * ```
 */
export function unsupportedByEngine(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 6 && typeof current === 'object' && current !== null; depth++) {
    if ((current as { code?: unknown }).code === '0A000') return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}
