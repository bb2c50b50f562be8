import { StrataError } from '@strata/core';

/** The part of drizzle-kit's programmatic API that Strata uses. */
export interface DrizzleKitApi {
  generateDrizzleJson(imports: Record<string, unknown>): unknown;
  generateMigration(prev: never, cur: never): Promise<string[]>;
  generateSQLiteDrizzleJson(imports: Record<string, unknown>): Promise<unknown>;
  generateSQLiteMigration(prev: never, cur: never): Promise<string[]>;
}

let kit: Promise<DrizzleKitApi> | undefined;

/**
 * In a variable, and marked ignored, so that bundlers do not follow it: drizzle-kit is Node-only
 * (it pulls in every Drizzle driver and Node built-ins), and a browser bundle that only applies
 * migrations never calls {@link loadDrizzleKit}. Node resolves it at run time as before.
 */
const DRIZZLE_KIT_API = 'drizzle-kit/api';

/**
 * drizzle-kit's API costs about two seconds to import: load it once, and only when DDL is needed.
 *
 * @example
 * ```ts
 * const { generateMigration } = await loadDrizzleKit();
 * ```
 */
export function loadDrizzleKit(): Promise<DrizzleKitApi> {
  kit ??= import(/* @vite-ignore */ /* webpackIgnore: true */ DRIZZLE_KIT_API).then(
    (module) => module as unknown as DrizzleKitApi,
    (error: unknown) => {
      kit = undefined;
      throw new StrataError(
        'DRIZZLE_KIT_MISSING',
        'drizzle-kit could not be loaded: createTables(), dropTables(), pushSchema() and migration generation ' +
          'need it (applying migrations does not). Install it next to drizzle-orm: npm install -D drizzle-kit@^0.31.4',
        {
          cause: error,
        },
      );
    },
  );
  return kit;
}

/**
 * drizzle-kit's DROP TABLE statements made idempotent: `dropTables()` on a database where some
 * (or all) of the tables are already gone drops the rest instead of failing half way.
 *
 * @example
 * ```ts
 * droppingIfExists(['DROP TABLE "post" CASCADE;']); // ['DROP TABLE IF EXISTS "post" CASCADE;']
 * ```
 */
export function droppingIfExists(statements: readonly string[]): string[] {
  return statements.map((statement) => statement.replace(/^(\s*DROP TABLE )(?!IF EXISTS )/i, '$1IF EXISTS '));
}
