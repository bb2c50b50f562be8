/**
 * `@aphex/db-adapter-postgresql`: Aphex CMS on PostgreSQL (and PGlite) through Strata. The whole
 * CMS schema — content, Better Auth's tables, user profiles — with its migrations, and the
 * provider the CMS config takes.
 *
 * @example
 * ```ts
 * import { createPostgreSQLProvider, openPostgreSQLDatabase } from '@aphex/db-adapter-postgresql';
 * import { createAuth } from '@strata/auth';
 *
 * const db = await openPostgreSQLDatabase(process.env.DATABASE_URL);
 * export const auth = createAuth({ database: db, emailAndPassword: { enabled: true } });
 * export const adapter = createPostgreSQLProvider({ db }).createAdapter();
 * ```
 */
export {
  createPostgreSQLProvider,
  migrateCmsDatabase,
  openPostgreSQLDatabase,
  type PostgreSQLCmsDatabase,
} from './provider.js';
export { type CmsDatabase, type CmsSchema, cmsSchema, createStrataAdapter } from './shared/index.js';
