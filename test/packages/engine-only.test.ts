// An app on one engine installs only what that engine needs. Each app is installed as a team
// develops (drizzle-kit and TypeScript as dev dependencies), type-checked with skipLibCheck
// false, its migrations generated, then pruned to production dependencies as it is deployed:
// no other engine's driver, no drizzle-kit or esbuild, and it migrates on start and runs. Without
// @strata/studio (an optional peer of the CLI), `strata studio` says what to install.
// The sizes of node_modules are printed for the README and release notes.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import postgres from 'postgres';
import { afterAll, describe, expect, test } from 'vitest';
import { createApp, FIXTURE_APP, install, installedCopies, run, runOk, sizeOf, writeAppFile } from './support/apps.js';
import { typecheckAgainstBaseline } from './support/typecheck.js';

const ENGINE_APP = resolve(import.meta.dirname, 'engine-app');
const serverUrl = process.env.STRATA_TEST_POSTGRES_URL;

interface EngineApp {
  readonly engine: 'sqlite' | 'pglite' | 'postgres';
  readonly dialect: 'pg' | 'sqlite';
  readonly driver: Readonly<Record<string, string>>;
  /** `src/open.ts`: how this app opens its database. */
  readonly open: string;
  /** The drizzle-orm modules this engine's app loads, for the type-check baseline. */
  readonly drizzleModule: string;
  /** Packages that must not be installed for production. */
  readonly absent: readonly string[];
}

const ALWAYS_ABSENT = ['@strata/cli', 'drizzle-kit', 'esbuild', 'tsx', 'typescript', '@neondatabase/serverless', 'ws'];

const APPS: readonly EngineApp[] = [
  {
    engine: 'sqlite',
    dialect: 'sqlite',
    driver: { 'better-sqlite3': '^12.6.2' },
    open: `import { createDatabase } from '@strata/sqlite';
import * as schema from './schema.js';
export const open = () => createDatabase({ schema, filename: './app.sqlite3' });
`,
    drizzleModule: 'drizzle-orm/better-sqlite3',
    absent: ['@electric-sql/pglite', 'postgres'],
  },
  {
    engine: 'pglite',
    dialect: 'pg',
    driver: { '@electric-sql/pglite': '^0.5.16' },
    open: `import { createDatabase } from '@strata/pglite';
import * as schema from './schema.js';
export const open = () => createDatabase({ schema, dataDir: './pglite-data' });
`,
    drizzleModule: 'drizzle-orm/pglite',
    absent: ['better-sqlite3', 'postgres'],
  },
  {
    engine: 'postgres',
    dialect: 'pg',
    driver: { postgres: '^3.4.9' },
    open: `import { createDatabase } from '@strata/postgres';
import * as schema from './schema.js';
export const open = () => createDatabase({ schema, url: process.env.DATABASE_URL ?? '' });
`,
    drizzleModule: 'drizzle-orm/postgres-js',
    absent: ['better-sqlite3', '@electric-sql/pglite'],
  },
];

const MiB = 1024 * 1024;
const admin = serverUrl ? postgres(serverUrl, { max: 1, onnotice: () => {} }) : undefined;
const databases: string[] = [];

afterAll(async () => {
  if (!admin) return;
  for (const name of databases) await admin`drop database if exists ${admin(name)} with (force)`;
  await admin.end({ timeout: 5 });
});

describe.each(APPS)('an app on $engine alone', (spec) => {
  test('installs, type-checks, and runs on production dependencies only', async (context) => {
    if (spec.engine === 'postgres' && !serverUrl) {
      context.skip(`no PostgreSQL server (STRATA_TEST_POSTGRES_URL) for the ${spec.engine} app`);
    }
    const app = await createApp({
      name: `${spec.engine}-only`,
      manager: 'npm',
      from: ENGINE_APP,
      strata: ['@strata/core', '@strata/sql', `@strata/${spec.engine}`],
      strataDev: ['@strata/cli', '@strata/connect'],
      dependencies: { 'drizzle-orm': '0.45.4', ...spec.driver },
      devDependencies: { 'drizzle-kit': '0.31.11', typescript: '5.9.3', '@types/node': '^20.19.0' },
    });
    writeAppFile(app, 'src/open.ts', spec.open);
    // The same schema as the full app's.
    writeAppFile(app, 'src/schema.ts', readFileSync(join(FIXTURE_APP, 'src/schema.ts'), 'utf8'));

    const baseline = `import { eq } from 'drizzle-orm';\nimport type {} from '${spec.drizzleModule}';\nexport const e = eq;\n`;
    expect(await typecheckAgainstBaseline(app, 'tsconfig.nodenext.json', baseline)).toEqual([]);
    await runOk(join(app.dir, 'node_modules/.bin/tsc'), ['-p', 'tsconfig.nodenext.json', '--skipLibCheck'], {
      cwd: app.dir,
    });

    let url = spec.engine === 'sqlite' ? 'sqlite:./app.sqlite3' : 'pglite:./pglite-data';
    if (spec.engine === 'postgres' && admin && serverUrl) {
      const name = `strata_packages_only_${process.pid}`;
      await admin`create database ${admin(name)}`;
      databases.push(name);
      const server = new URL(serverUrl);
      server.pathname = `/${name}`;
      url = server.toString();
    }
    const env = { ...process.env, DATABASE_URL: url, DIALECT: spec.dialect };
    await runOk('npx', ['strata', 'generate', '--name', 'init'], { cwd: app.dir, env });
    // @strata/studio is an optional peer of the CLI that this app does not install: the command
    // says what to install and exits 2 (could not start), with no stack trace.
    expect(installedCopies(app, '@strata/studio')).toEqual([]);
    const studio = await run('npx', ['strata', 'studio', '--port', '0'], { cwd: app.dir, env, timeoutMs: 120_000 });
    expect(studio.stderr).toContain('strata studio needs @strata/studio: npm install -D @strata/studio');
    expect(studio.stdout + studio.stderr).not.toMatch(/\n\s+at |ERR_MODULE_NOT_FOUND/);
    expect(studio.code).toBe(2);
    const development = sizeOf(join(app.dir, 'node_modules'));

    await install(app, { production: true });
    const production = sizeOf(join(app.dir, 'node_modules'));
    for (const name of [...ALWAYS_ABSENT, ...spec.absent]) {
      expect(installedCopies(app, name), `${name} is installed for production`).toEqual([]);
    }

    const { stdout } = await runOk('node', ['--conditions=source', 'build/src/main.js'], { cwd: app.dir, env });
    const seen = JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as Record<string, unknown>;
    expect(seen).toMatchObject({ applied: 1, posts: 1 });
    // drizzle-kit is a development tool: without it, createTables() says what to install.
    expect(seen.createTables).toMatch(/^DRIZZLE_KIT_MISSING: .*npm install -D drizzle-kit/);

    console.log(
      `node_modules of an app on ${spec.engine} alone: ${(production / MiB).toFixed(1)} MiB for production, ` +
        `${(development / MiB).toFixed(1)} MiB with drizzle-kit and TypeScript for development`,
    );
  });
});
