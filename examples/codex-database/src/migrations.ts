import { fileURLToPath } from 'node:url';
import { migrate } from '@strata/sql/migrate';

/** The Codex migrations: `pg` (PostgreSQL, Neon, PGlite) and `sqlite` subfolders. */
export const migrationsFolder = fileURLToPath(new URL('../migrations/codex', import.meta.url));

/**
 * Applies the pending Codex migrations (tables, indexes, then the triggers) for the database's dialect.
 *
 * @example
 * ```ts
 * await migrateCodexDatabase(dbWs); // Neon's HTTP driver cannot: migrations need a transaction
 * ```
 */
export function migrateCodexDatabase(db: object) {
  return migrate(db, { folder: migrationsFolder });
}
