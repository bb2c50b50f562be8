// Better Auth on the Codex database (the original's `@codex/database/auth`).
import { type AuthDatabase, createAuth } from '@strata/auth';
import { authTables } from './schema/auth.js';

/**
 * Better Auth with email and password over the Codex database's auth tables, including the
 * `deletedAt` user field (which sign-up cannot set).
 *
 * @example
 * ```ts
 * export const auth = createCodexAuth(dbWs, { secret: env.BETTER_AUTH_SECRET, baseURL: env.BETTER_AUTH_URL });
 * const session = await auth.api.getSession({ headers: request.headers });
 * ```
 */
export function createCodexAuth(
  database: AuthDatabase,
  options: { readonly secret: string; readonly baseURL: string },
) {
  return createAuth({ database, ...options, user: authTables.user, emailAndPassword: { enabled: true } });
}
