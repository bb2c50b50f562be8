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
 * In variables, and marked ignored, so that bundlers do not follow them: drizzle-kit is Node-only
 * (it pulls in every Drizzle driver and Node built-ins), and a browser bundle that only applies
 * migrations never calls {@link loadDrizzleKit}.
 */
const DRIZZLE_KIT_API = 'drizzle-kit/api';
const NODE_MODULE = 'node:module';

/**
 * drizzle-kit is the app's development dependency, not Strata's: declared as Strata's (even as an
 * optional peer) npm would keep its 20 MB in every production install. So it is resolved from the
 * app — the working directory, then the running script's folder — as the CommonJS build, which
 * loads in every 0.31 release (some ship an ES module build that fails with "Dynamic require of
 * fs"). Outside Node, or where neither finds it, a plain import is the last try.
 */
async function importDrizzleKit(): Promise<DrizzleKitApi> {
  const node = (globalThis as { process?: { versions?: { node?: string }; cwd(): string; argv: string[] } }).process;
  if (node?.versions?.node) {
    const { createRequire } = (await import(/* @vite-ignore */ /* webpackIgnore: true */ NODE_MODULE).catch(
      () => ({}),
    )) as { createRequire?: (from: string) => (id: string) => unknown };
    const script = node.argv[1];
    for (const from of [`${node.cwd()}/`, ...(script ? [script] : []), import.meta.url]) {
      try {
        if (createRequire) return createRequire(from)(DRIZZLE_KIT_API) as DrizzleKitApi;
      } catch {
        // Not resolvable from there: try the next place.
      }
    }
  }
  return (await import(/* @vite-ignore */ /* webpackIgnore: true */ DRIZZLE_KIT_API)) as DrizzleKitApi;
}

/**
 * drizzle-kit's API costs up to two seconds to import: load it once, and only when DDL is needed.
 *
 * @example
 * ```ts
 * const { generateMigration } = await loadDrizzleKit();
 * ```
 */
export function loadDrizzleKit(): Promise<DrizzleKitApi> {
  kit ??= importDrizzleKit().catch((error: unknown) => {
    kit = undefined;
    throw new StrataError(
      'DRIZZLE_KIT_MISSING',
      'drizzle-kit could not be loaded: createTables(), dropTables(), pushSchema() and migration generation ' +
        'need it (applying migrations does not). Install it in your project next to drizzle-orm: ' +
        'npm install -D drizzle-kit@^0.31.4',
      { cause: error },
    );
  });
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
