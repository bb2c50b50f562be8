// A team's app on all three engines, installed from the packed tarballs with npm at the low end
// of the drizzle-orm range and with pnpm (strict: no undeclared dependency works by accident) at
// the high end; type-checked under NodeNext and bundler resolution with customConditions
// ["source"] and skipLibCheck false; migrated by the strata CLI and run on SQLite, PGlite and
// the test PostgreSQL server.
import { join } from 'node:path';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type App, createApp, installedCopies, type PackageManager, run, runOk, versionAt } from './support/apps.js';
import { typecheckAgainstBaseline } from './support/typecheck.js';

interface Variant {
  readonly manager: PackageManager;
  readonly drizzleOrm: string;
  readonly drizzleKit: string;
}

/** Both ends of the supported ranges (see the packages' peerDependencies). */
const VARIANTS: readonly Variant[] = [
  { manager: 'npm', drizzleOrm: '0.44.0', drizzleKit: '0.31.4' },
  { manager: 'pnpm', drizzleOrm: '0.45.4', drizzleKit: '0.31.11' },
];

const STRATA = [
  '@strata/core',
  '@strata/sql',
  '@strata/sqlite',
  '@strata/pglite',
  '@strata/postgres',
  '@strata/connect',
  '@strata/cli',
];

const serverUrl = process.env.STRATA_TEST_POSTGRES_URL;

describe.each(VARIANTS)('an app on $manager with drizzle-orm $drizzleOrm', (variant) => {
  let app: App;
  const databases: string[] = [];
  const admin = serverUrl ? postgres(serverUrl, { max: 1, onnotice: () => {} }) : undefined;

  beforeAll(async () => {
    app = await createApp({
      name: `${variant.manager}-${variant.drizzleOrm}`,
      manager: variant.manager,
      strata: STRATA,
      dependencies: {
        'drizzle-orm': variant.drizzleOrm,
        'better-sqlite3': '^12.6.2',
        '@electric-sql/pglite': '^0.5.16',
        postgres: '^3.4.9',
      },
      devDependencies: {
        'drizzle-kit': variant.drizzleKit,
        typescript: '5.9.3',
        '@types/node': '^20.19.0',
      },
    });
  });

  afterAll(async () => {
    if (!admin) return;
    for (const name of databases) await admin`drop database if exists ${admin(name)} with (force)`;
    await admin.end({ timeout: 5 });
  });

  test('exactly one copy of drizzle-orm, the app’s own version', () => {
    const versions = installedCopies(app, 'drizzle-orm').map(versionAt);
    expect(versions).toEqual([variant.drizzleOrm]);
  });

  test.each(['tsconfig.nodenext.json', 'tsconfig.bundler.json'])(
    'type-checks with %s (strict, customConditions ["source"], skipLibCheck false)',
    async (tsconfig) => {
      expect(await typecheckAgainstBaseline(app, tsconfig)).toEqual([]);
    },
  );

  test('strata --version names the installed version', async () => {
    const { stdout } = await runOk('npx', ['strata', '--version'], { cwd: app.dir });
    expect(stdout.trim()).toBe(versionAt(join(app.dir, 'node_modules/@strata/cli')));
  });

  test('generates, migrates and runs on SQLite, PGlite and PostgreSQL', async () => {
    // Emitted with skipLibCheck: drizzle-orm's own declaration errors are measured above.
    await runOk(join(app.dir, 'node_modules/.bin/tsc'), ['-p', 'tsconfig.nodenext.json', '--skipLibCheck'], {
      cwd: app.dir,
    });
    const sqliteUrl = 'sqlite:./data/app.sqlite3';
    await runOk('npx', ['strata', 'generate', '--name', 'init'], {
      cwd: app.dir,
      env: { ...process.env, DATABASE_URL: sqliteUrl },
    });

    const urls: Record<string, string> = { sqlite: sqliteUrl, pglite: 'pglite:./data/pglite' };
    if (admin && serverUrl) {
      const name = `strata_packages_${variant.manager}_${process.pid}`;
      await admin`create database ${admin(name)}`;
      databases.push(name);
      const url = new URL(serverUrl);
      url.pathname = `/${name}`;
      urls.postgres = url.toString();
    }
    for (const [engine, url] of Object.entries(urls)) {
      const env = { ...process.env, DATABASE_URL: url };
      await runOk('npx', ['strata', 'migrate'], { cwd: app.dir, env });
      // --conditions=source: the published packages resolve to dist/ whatever the app sets.
      const { stdout } = await runOk('node', ['--conditions=source', 'build/src/main.js'], { cwd: app.dir, env });
      const seen = JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as Record<string, unknown>;
      expect(seen).toMatchObject({
        engine,
        role: 'reader',
        active: true,
        visiblePosts: 2,
        page: 2,
        popular: ['Third'],
        duplicate: { unique: true },
        drizzleUnique: true,
        // Drizzle's relational queries do not know soft deletes: the deleted post is there.
        relatedPosts: 3,
      });
      expect((seen.duplicate as { constraint?: string }).constraint).toMatch(/email/);
    }

    const check = await run('npx', ['strata', 'check'], {
      cwd: app.dir,
      env: { ...process.env, DATABASE_URL: sqliteUrl },
    });
    expect(check.stdout + check.stderr).not.toMatch(/drift|changed/i);
    expect(check.code).toBe(0);
  });
});
