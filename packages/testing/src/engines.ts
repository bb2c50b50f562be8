import { StrataError } from '@strata/core';

/**
 * The engines every Strata test runs on.
 *
 * @example
 * ```ts
 * for (const engine of ALL_ENGINES) console.log(engine); // pglite, sqlite, postgres
 * ```
 */
export const ALL_ENGINES = ['pglite', 'sqlite', 'postgres'] as const;

/** One of {@link ALL_ENGINES}. */
export type TestEngineName = (typeof ALL_ENGINES)[number];

/** An engine and, when it cannot run here, the reason (shown in the test report, never silent). */
export interface EngineCase {
  readonly engine: TestEngineName;
  readonly skip: string | undefined;
}

/**
 * The environment variable carrying the throwaway PostgreSQL server's URL (set by `npm test`).
 *
 * @example
 * ```ts
 * const url = process.env[POSTGRES_URL_VARIABLE];
 * ```
 */
export const POSTGRES_URL_VARIABLE = 'STRATA_TEST_POSTGRES_URL';

/** The engines that need a server, and the variable carrying its URL. */
const SERVER_VARIABLES: { readonly [E in TestEngineName]: string | undefined } = {
  pglite: undefined,
  sqlite: undefined,
  postgres: POSTGRES_URL_VARIABLE,
};

/**
 * The engines selected by `ENGINES` (comma-separated; all by default), each with a skip reason
 * when it cannot run. In CI a missing PostgreSQL server is an error, not a skip.
 *
 * @example
 * ```ts
 * // ENGINES=pglite,sqlite npx vitest run
 * engineCases(); // postgres is listed with skip: 'not selected by ENGINES=pglite,sqlite'
 * ```
 */
export function engineCases(env?: Record<string, string | undefined>): EngineCase[];
/**
 * Only the engines `only` names (in that order), each with its skip reason: for code that runs on
 * some engines alone (a package that supports SQLite and PostgreSQL, not PGlite).
 *
 * @example
 * ```ts
 * describe.each(engineCases({ only: ['sqlite', 'postgres'] }))('on $engine', ({ engine, skip }) => { … });
 * ```
 */
export function engineCases<const E extends TestEngineName>(options: {
  readonly only: readonly E[];
  readonly env?: Record<string, string | undefined>;
}): (EngineCase & { readonly engine: E })[];
export function engineCases(
  input:
    | Record<string, string | undefined>
    | { readonly only: readonly TestEngineName[]; readonly env?: Record<string, string | undefined> } = process.env,
): EngineCase[] {
  if (isOnlyOptions(input)) {
    const all = engineCases(input.env ?? process.env);
    return input.only.map((engine) => all.find((c) => c.engine === engine) as EngineCase);
  }
  const env = input;
  const requested = env.ENGINES?.split(',').map((name) => name.trim()) ?? [...ALL_ENGINES];
  for (const name of requested) {
    if (!(ALL_ENGINES as readonly string[]).includes(name)) {
      throw new StrataError(
        'CONFIG_INVALID',
        `ENGINES names an unknown engine "${name}"; use ${ALL_ENGINES.join(', ')}`,
      );
    }
  }
  return ALL_ENGINES.map((engine) => {
    if (!requested.includes(engine)) return { engine, skip: `not selected by ENGINES=${env.ENGINES}` };
    const server = SERVER_VARIABLES[engine];
    if (server !== undefined && !env[server]) {
      if (env.CI) throw new StrataError('CONFIG_INVALID', `${server} is not set: run the tests with npm test`);
      return { engine, skip: `${server} is not set (npm test starts a server and sets it)` };
    }
    return { engine, skip: undefined };
  });
}

function isOnlyOptions(
  input: object,
): input is { readonly only: readonly TestEngineName[]; readonly env?: Record<string, string | undefined> } {
  return Array.isArray((input as { only?: unknown }).only);
}

/**
 * Why tests needing all of `engines` cannot run here, or `undefined` when they can: for a test
 * that uses two engines at once (auth on PostgreSQL, app data in PGlite).
 *
 * @example
 * ```ts
 * const skip = engineSkip('postgres', 'pglite');
 * test.skipIf(skip !== undefined)('auth on PostgreSQL, data in PGlite', async () => { … });
 * ```
 */
export function engineSkip(...engines: TestEngineName[]): string | undefined {
  const cases = engineCases({ only: engines });
  return cases.find((c) => c.skip !== undefined)?.skip;
}
