import { type SchemaModule, StrataError } from '@strata/core';
import { loadDriver, openDatabase, type StrataDatabase } from '@strata/sql';
import {
  compilePgSchema,
  type PgSchemaOf,
  type PgTablesOf,
  pgSchemaStatements,
  runPgStatements,
} from '@strata/sql/postgres';
import type { PostgresJsDatabase } from 'drizzle-orm/postgres-js';

/** Options of {@link createDatabase}. */
export interface PostgresDatabaseOptions<S extends SchemaModule> {
  /** The schema module: `import * as schema from './schema.js'`. */
  readonly schema: S;
  /** `postgres://user:password@host:5432/database`. */
  readonly url: string | undefined;
  /** Most connections the pool opens. Default 10. */
  readonly maxConnections?: number;
  /** Seconds an idle connection stays open. Default 30. */
  readonly idleTimeoutSeconds?: number;
  /** Seconds to wait for a connection. Default 10. */
  readonly connectTimeoutSeconds?: number;
}

/** A Strata database on a PostgreSQL server. */
export type PostgresDatabase<S extends SchemaModule> = StrataDatabase<
  PostgresJsDatabase<PgSchemaOf<S>>,
  PgTablesOf<S>,
  'postgres'
>;

/**
 * Opens a connection pool to a PostgreSQL server for a schema. Connections open lazily, on the
 * first query.
 *
 * @example
 * ```ts
 * const db = await createDatabase({ schema, url: 'postgres://app@localhost:5432/app' });
 * const rows = await db.drizzle.select().from(db.tables.post);
 * await db.close();
 * ```
 */
export async function createDatabase<S extends SchemaModule>(
  options: PostgresDatabaseOptions<S>,
): Promise<PostgresDatabase<S>> {
  if (!options.url) {
    throw new StrataError(
      'CONFIG_INVALID',
      'A PostgreSQL url is required, e.g. postgres://user:password@host:5432/database',
    );
  }
  const { default: postgres } = await loadDriver('postgres', '3', () => import('postgres'));
  const { drizzle } = await import('drizzle-orm/postgres-js');
  const compiled = compilePgSchema(options.schema);
  const client = postgres(options.url, {
    max: options.maxConnections ?? 10,
    idle_timeout: options.idleTimeoutSeconds ?? 30,
    connect_timeout: options.connectTimeoutSeconds ?? 10,
    onnotice: () => {},
  });
  const db = drizzle(client, { schema: compiled.drizzleSchema as PgSchemaOf<S> });
  return openDatabase({
    engine: 'postgres',
    dialect: 'pg',
    drizzle: db,
    tables: compiled.tables as PgTablesOf<S>,
    createTables: async () => runPgStatements(db, await pgSchemaStatements(compiled.tables, 'create')),
    dropTables: async () => runPgStatements(db, await pgSchemaStatements(compiled.tables, 'drop')),
    close: () => client.end({ timeout: 5 }),
  });
}
