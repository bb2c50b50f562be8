// The auth database: Better Auth's tables on a PostgreSQL server (Supabase in production).
// Opening it applies migrations/auth, so a fresh database is ready for Better Auth at once.
import { fileURLToPath } from 'node:url';
import { authAdapter, type BetterAuthAdapter } from '@strata/auth';
import { migrate } from '@strata/cli/migrate';
import { createDatabase, type PostgresDatabase } from '@strata/postgres';
import { authSchema } from '../schema/auth.js';

const migrations = fileURLToPath(new URL('../../migrations/auth', import.meta.url));

/**
 * Where the auth database is.
 *
 * @example
 * ```ts
 * const config: AuthDatabaseConfig = { connectionString: process.env.SUPABASE_DATABASE_URL ?? '' };
 * ```
 */
export interface AuthDatabaseConfig {
  /** `postgres://user:password@host:5432/database`. */
  readonly connectionString: string;
}

/**
 * The opened auth database.
 *
 * @example
 * ```ts
 * const { db, adapter }: AuthDatabase = await createAuthDatabase({ connectionString });
 * const auth = betterAuth({ database: adapter, emailAndPassword: { enabled: true } });
 * ```
 */
export interface AuthDatabase {
  /** The Strata database (repositories, `drizzle`, `client`, `close()`); `createAuth({ database: db })` takes it as is. */
  readonly db: PostgresDatabase<typeof authSchema>;
  /** Better Auth's Drizzle adapter on `db`, for `betterAuth({ database: adapter })`. */
  readonly adapter: BetterAuthAdapter;
  readonly schema: typeof authSchema;
  /** The migrations this open applied: empty when the database was up to date. */
  readonly appliedMigrations: readonly string[];
}

/**
 * Opens the auth database and applies pending migrations.
 *
 * @example
 * ```ts
 * const authDb = await createAuthDatabase({ connectionString: process.env.SUPABASE_DATABASE_URL ?? '' });
 * const auth = createAuth({ database: authDb.db, emailAndPassword: { enabled: true } });
 * ```
 */
export async function createAuthDatabase(config: AuthDatabaseConfig): Promise<AuthDatabase> {
  const db = await createDatabase({ schema: authSchema, url: config.connectionString });
  const { migrations: appliedMigrations } = await migrate(db, { folder: migrations });
  return { db, adapter: authAdapter(db), schema: authSchema, appliedMigrations };
}
