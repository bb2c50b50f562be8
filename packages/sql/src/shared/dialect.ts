import type { AdapterCapabilities, AnyTable, MigrationDialect } from '@strata/core';
import type { SQL } from 'drizzle-orm';
import type { ArrayInsert } from './bulk-insert.js';
import type { TextDialect } from './condition.js';
import type { ErrorMapper } from './errors.js';
import type { GenerationDialect } from './generate.js';
import type { DrizzleTable } from './table-compiler.js';

/**
 * What a SQL dialect brings to Strata, as one object (`pgDialect`, `sqliteDialect`), so that
 * shared code receives the dialect instead of importing its folder: its table kit, text
 * functions, bulk insert, statement limits, transaction opening, drizzle-kit's side of
 * migration generation, and the reader of its engines' errors.
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
  /** A neutral table as this dialect's Drizzle table (compiled once per table). */
  readonly compileTable: (table: AnyTable) => DrizzleTable;
  /** Text matching, case folding and ordering that behave as on every other dialect. */
  readonly text: TextDialect;
  /** A faster insert of many rows with the same fields than one multi-row INSERT, where it has one. */
  readonly bulkInsert: ArrayInsert | undefined;
  /**
   * Whether an INSERT must carry the constant defaults a table keeps as JS values as literals
   * (see `withConstantDefaults`): Drizzle binds them as parameters on SQLite, which would keep
   * such an insert from being a reusable plan.
   */
  readonly inlineConstantDefaults: boolean;
  /**
   * What one statement can carry: bound parameters, rows per bulk insert, parameters per text
   * match (engines on the dialect may lower these: see `SqlAdapterOptions.limits`).
   */
  readonly limits: AdapterCapabilities;
  /** The statement opening a top-level transaction on a single connection that runs statements in order. */
  readonly begin: SQL;
  /** drizzle-kit's side of migration generation for this dialect. */
  readonly generation: GenerationDialect;
  /** Maps this dialect's engine errors (and socket and driver errors) to `DatabaseError`s. */
  readonly mapError: ErrorMapper;
  /** Row-level security (roles, policies): `db.withClaims` runs; without it, it is refused. */
  readonly rowLevelSecurity: boolean;
}
