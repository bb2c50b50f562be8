// @strata/auth in a team's app: pnpm (strict) with Better Auth and the high end of the drizzle-orm
// range (Better Auth's Drizzle adapter asks for 0.45.2 or later), type-checked with skipLibCheck
// false and run on SQLite.
import { join, resolve } from 'node:path';
import { expect, test } from 'vitest';
import { createApp, runOk } from './support/apps.js';
import { typecheckAgainstBaseline } from './support/typecheck.js';

/** drizzle-orm's and Better Auth's own declaration errors, measured without Strata. */
const BASELINE = `import type { Auth } from 'better-auth';
import { drizzleAdapter } from 'better-auth/adapters/drizzle';
import { betterAuth } from 'better-auth/minimal';
import { eq } from 'drizzle-orm';
import type { BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { sqliteTable, text } from 'drizzle-orm/sqlite-core';
export const t = sqliteTable('t', { a: text() });
export const c = eq(t.a, 'x');
export type Used = [Auth, typeof drizzleAdapter, typeof betterAuth, BetterSQLite3Database];
`;

test('Better Auth signs up and in on SQLite through @strata/auth', async () => {
  const app = await createApp({
    name: 'auth',
    manager: 'pnpm',
    from: resolve(import.meta.dirname, 'auth-app'),
    strata: ['@strata/core', '@strata/sql', '@strata/sqlite', '@strata/auth'],
    dependencies: { 'drizzle-orm': '0.45.4', 'better-sqlite3': '^12.6.2', 'better-auth': '^1.7.25' },
    devDependencies: { 'drizzle-kit': '0.31.11', typescript: '5.9.3', '@types/node': '^20.19.0' },
  });
  expect(await typecheckAgainstBaseline(app, 'tsconfig.nodenext.json', BASELINE)).toEqual([]);
  await runOk(join(app.dir, 'node_modules/.bin/tsc'), ['-p', 'tsconfig.nodenext.json', '--skipLibCheck'], {
    cwd: app.dir,
  });
  const { stdout } = await runOk('node', ['--conditions=source', 'build/src/main.js'], { cwd: app.dir });
  expect(JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}')).toEqual({
    user: 'ada@example.com',
    signedIn: true,
    users: 1,
    sessions: 2,
  });
});
