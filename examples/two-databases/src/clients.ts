// Typed clients, one per database: auth on a PostgreSQL server, app data in PGlite. Each
// database applies its own migrations folder on open. Better Auth runs on the auth database and,
// when it deletes a user, deletes that user's app rows in the other database.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { apiKey } from '@better-auth/api-key';
import { createAuth, deleteUserRows, findOrphans, type OrphanRow } from '@strata/auth';
import { createDatabase as createPglite, type PgliteStrataDatabase } from '@strata/pglite';
import { createDatabase as createPostgres, type PostgresDatabase } from '@strata/postgres';
import { migrate } from '@strata/sql/migrate';
import { bearer } from 'better-auth/plugins';
import * as app from './schema/app.js';
import * as auth from './schema/auth.js';

const migrations = fileURLToPath(new URL('../migrations', import.meta.url));

/** The auth database: Better Auth's tables on a PostgreSQL server (Supabase, Neon, your own). */
export type AuthDatabase = PostgresDatabase<typeof auth>;
/** The app database: collections and entries in PGlite (a directory in Node, `idb://` in a browser). */
export type AppDatabase = PgliteStrataDatabase<typeof app>;

/** Opens the auth database at `url` and applies migrations/auth. */
export async function createAuthDatabase(url: string): Promise<AuthDatabase> {
  const db = await createPostgres({ schema: auth, url });
  await migrate(db, { folder: join(migrations, 'auth') });
  return db;
}

/** Opens the app database (in memory unless `dataDir` is given) and applies migrations/app. */
export async function createAppDatabase(
  options: { readonly dataDir?: string; readonly loadDataDir?: Blob } = {},
): Promise<AppDatabase> {
  const db = await createPglite({ schema: app, ...options });
  await migrate(db, { folder: join(migrations, 'app') });
  return db;
}

/** Better Auth for the app: email and password, API keys, bearer tokens, self-service deletion. */
export function createAppAuth(
  authDb: AuthDatabase,
  appDb: AppDatabase,
  options: { readonly secret: string; readonly baseURL: string },
) {
  return createAuth({
    database: authDb,
    ...options,
    emailAndPassword: { enabled: true },
    plugins: [apiKey(), bearer()],
    user: { deleteUser: { enabled: true } },
    // No foreign key reaches the other database: this hook is the cascade.
    onUserDeleted: deleteUserRows(appDb, app.userOwnedTables),
  });
}

/** App rows whose owner has no user in the auth database: run it in CI or a nightly job. */
export function findOrphanedRows(authDb: AuthDatabase, appDb: AppDatabase): Promise<OrphanRow[]> {
  return findOrphans({ auth: authDb, app: appDb, tables: app.userOwnedTables });
}
