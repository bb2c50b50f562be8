// Type-checks an app with `skipLibCheck: false`, as strict teams do. drizzle-orm's own
// declaration files report errors under that setting whatever the app imports (its dialect
// folders for gel, mysql and singlestore name drivers an app does not install), so they are
// measured first in the same app with a file that imports drizzle-orm alone: Strata must add
// no diagnostic to that baseline — none in its own files, none in the app's, none new in
// drizzle-orm's.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type App, run } from './apps.js';

/** What the baseline file imports: drizzle-orm's core and the drivers' modules an app uses. */
const DRIZZLE_ONLY = `import { eq } from 'drizzle-orm';
import type { BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { pgTable, text as pgText } from 'drizzle-orm/pg-core';
import type { PgliteDatabase } from 'drizzle-orm/pglite';
import type { PostgresJsDatabase } from 'drizzle-orm/postgres-js';
import { sqliteTable, text } from 'drizzle-orm/sqlite-core';

export const a = sqliteTable('a', { name: text() });
export const b = pgTable('b', { name: pgText() });
export const condition = eq(a.name, 'x');
export type Databases = BetterSQLite3Database | PgliteDatabase | PostgresJsDatabase;
`;

/** One `tsc` diagnostic line: `file(line,col): error TSxxxx: message`. */
function diagnostics(output: string): string[] {
  return output
    .split('\n')
    .filter((line) => /^\S.*\(\d+,\d+\): error TS\d+/.test(line))
    .map((line) => line.trim());
}

/** Where and which error, without the message: tsc prints a union's members in the order it met them. */
function place(diagnostic: string): string {
  return diagnostic.replace(/(: error TS\d+):.*$/, '$1');
}

/**
 * The diagnostics `tsc -p <tsconfig>` reports for the app that a drizzle-orm-only program does
 * not: empty when Strata's packages and the app's code type-check.
 *
 * @example
 * ```ts
 * expect(await typecheckAgainstBaseline(app, 'tsconfig.nodenext.json')).toEqual([]);
 * ```
 */
export async function typecheckAgainstBaseline(app: App, tsconfig: string, baselineImports = DRIZZLE_ONLY) {
  const baselineConfig = `tsconfig.baseline-${tsconfig}`;
  writeFileSync(join(app.dir, 'drizzle-only.ts'), baselineImports);
  writeFileSync(
    join(app.dir, baselineConfig),
    JSON.stringify({ extends: `./${tsconfig}`, compilerOptions: { noEmit: true }, include: ['drizzle-only.ts'] }),
  );
  const tsc = join(app.dir, 'node_modules', '.bin', 'tsc');
  const baseline = new Set(diagnostics((await run(tsc, ['-p', baselineConfig], { cwd: app.dir })).stdout).map(place));
  const checked = await run(tsc, ['-p', tsconfig, '--noEmit'], { cwd: app.dir });
  const added = diagnostics(checked.stdout).filter((line) => !baseline.has(place(line)));
  // Continuation lines of a diagnostic carry no file; a failure without any line is a crash.
  if (checked.code !== 0 && diagnostics(checked.stdout).length === 0) return [checked.stdout || checked.stderr];
  return added;
}
