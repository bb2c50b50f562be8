/**
 * `@codex/database`: the Codex schema on Strata, clients from the environment, typed database
 * errors and the trigger registry. Importing it opens `dbHttp`/`dbWs` from `DB_METHOD`; where no
 * environment is set, import `@codex/database/schema`, `/errors`, `/open` or `/auth` instead.
 *
 * @example
 * ```ts
 * import { dbWs, isUniqueViolation } from '@codex/database';
 * await dbWs.transaction(async (tx) => {
 *   const org = await tx.repos.organizations.create({ name: 'Acme Inc', slug: 'acme' });
 *   await tx.repos.content.create({ creatorId, organizationId: org.id, title: 'Welcome', slug: 'welcome', contentType: 'video' });
 * });
 * ```
 */
export { sql } from 'drizzle-orm';
export { type Database, type DatabaseWs, db, dbHttp, dbWs, testDbConnection } from './clients.js';
export * from './errors.js';
export { migrateCodexDatabase, migrationsFolder } from './migrations.js';
export { type CodexDatabase, type OpenCodexDatabaseOptions, openCodexDatabase } from './open.js';
export * as schema from './schema/index.js';
export { getAllTriggerNames, getTriggerMetadata, getTriggersForTable, triggers } from './triggers.js';
