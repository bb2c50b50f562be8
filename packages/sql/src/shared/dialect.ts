import type { MigrationDialect } from '@strata/core';
import type { ErrorMapper } from './errors.js';
import type { GenerationDialect } from './generate.js';

/**
 * What a SQL dialect brings to Strata, as one object (`pgDialect`, `sqliteDialect`), so that
 * shared code receives the dialect instead of importing its folder: its name, drizzle-kit's side
 * of migration generation, and the reader of its engines' errors.
 *
 * @example
 * ```ts
 * const dialect: SqlDialect = pgDialect;
 * await generateMigration({ dialect: dialect.generation, schema });
 * throw dialect.mapError(error, { tables: schema });
 * ```
 */
export interface SqlDialect {
  /** `pg` (PostgreSQL servers, Neon, PGlite) or `sqlite` (better-sqlite3, libSQL). */
  readonly name: MigrationDialect;
  /** drizzle-kit's side of migration generation for this dialect. */
  readonly generation: GenerationDialect;
  /** Maps this dialect's engine errors (and socket and driver errors) to `DatabaseError`s. */
  readonly mapError: ErrorMapper;
  /** Row-level security (roles, policies): `db.withClaims` runs; without it, it is refused. */
  readonly rowLevelSecurity: boolean;
}
