import type { SchemaModule } from '@strata/core';
import type { EngineName, StrataDatabase } from './database.js';

/**
 * Each engine's database type by engine name, filled in by the engine packages themselves
 * (declaration merging: `@strata/sqlite` adds `sqlite`, `@strata/pglite` adds `pglite`, …).
 * Types that range over engines — `connect()`'s result, the test harness — read it instead of
 * importing every engine package, so an app that installs only `@strata/sqlite` type-checks
 * without PGlite, postgres-js or Neon's driver (`skipLibCheck: false` included).
 *
 * @example
 * ```ts
 * // in an engine package's entry point
 * declare module '@strata/sql' {
 *   interface EngineDatabases<S extends SchemaModule> {
 *     readonly sqlite: SQLiteDatabase<S>;
 *   }
 * }
 * ```
 */
// biome-ignore lint/correctness/noUnusedVariables: `S` is used by the engine packages' additions.
// biome-ignore lint/suspicious/noEmptyInterface: filled in by declaration merging.
export interface EngineDatabases<S extends SchemaModule> {}

/**
 * The database type of engine `E` for schema `S`: the union of the engine packages' own types
 * (typed `db.drizzle`) for those engines of `E` whose package is part of the program — imported
 * anywhere in the app, or named with `import type {} from '@strata/sqlite'`. An engine whose
 * package the program does not have cannot be opened either, so it is left out; when none is
 * there, the engine-neutral {@link StrataDatabase} (repository fully typed, `drizzle`
 * `unknown`).
 *
 * @example
 * ```ts
 * type Local = EngineDatabase<typeof schema, 'sqlite' | 'pglite'>; // SQLiteDatabase<…> | PgliteStrataDatabase<…>
 * ```
 */
export type EngineDatabase<S extends SchemaModule, E extends EngineName> = [
  Extract<E, keyof EngineDatabases<S>>,
] extends [never]
  ? StrataDatabase<unknown, unknown, E, S>
  : EngineDatabases<S>[Extract<E, keyof EngineDatabases<S>>];
