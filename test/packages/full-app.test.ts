// A team's app on all three engines, installed from the packed tarballs with npm at the low end
// of the drizzle-orm range and with pnpm (strict: no undeclared dependency works by accident) at
// the high end; type-checked under NodeNext and bundler resolution with customConditions
// ["source"] and skipLibCheck false; migrated by the strata CLI and run on SQLite, PGlite and
// the test PostgreSQL server; then `strata studio` (from @strata/studio, an optional peer of the
// CLI) serves the app's SQLite database from the installed packages. Code on @strata/d1 (a Worker's
// D1 binding) and on @strata/studio type-checks too; D1 itself needs workerd and is not run here.
import { join } from 'node:path';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  type App,
  createApp,
  installedCopies,
  type PackageManager,
  run,
  runOk,
  versionAt,
  writeAppFile,
} from './support/apps.js';
import {
  bytesOf,
  insideApp,
  installedSource,
  pageFiles,
  type StudioProcess,
  startStudioProcess,
  stopStudioProcess,
} from './support/studio.js';
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
  '@strata/studio',
  '@strata/d1',
];

/** App code on the packages the app's main does not use: a Worker on D1, the Studio from code. */
const PUBLISHED_USES = `import { createDatabase, type D1Binding } from '@strata/d1';
import { createDatabase as openSqlite } from '@strata/sqlite';
import { type StudioHandle, startStudio } from '@strata/studio';
import * as schema from '../src/schema.js';

export async function memberEmail(binding: D1Binding, id: string): Promise<string | undefined> {
  const db = await createDatabase({ schema, binding });
  const engine: 'd1' = db.engine;
  const dialect: 'sqlite' = db.dialect;
  const member = await db.repos.member.findById(id);
  return member ? \`\${engine}/\${dialect}: \${member.email}\` : undefined;
}

export async function studio(): Promise<StudioHandle> {
  const db = await openSqlite({ schema, filename: './data/app.sqlite3' });
  return startStudio({ databases: [{ name: 'app', db, migrations: 'migrations/app' }], port: 0 });
}
`;

/** drizzle-orm's own declaration errors for the modules of PUBLISHED_USES (measured without Strata). */
const PUBLISHED_BASELINE = `import { eq } from 'drizzle-orm';
import type { BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import type { DrizzleD1Database } from 'drizzle-orm/d1';
import { sqliteTable, text } from 'drizzle-orm/sqlite-core';
export const a = sqliteTable('a', { name: text() });
export const condition = eq(a.name, 'x');
export type Databases = BetterSQLite3Database | DrizzleD1Database;
`;

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

  test('code on @strata/d1 and @strata/studio type-checks (skipLibCheck false)', async () => {
    writeAppFile(app, 'published/uses.ts', PUBLISHED_USES);
    writeAppFile(
      app,
      'tsconfig.published.json',
      JSON.stringify({
        extends: './tsconfig.nodenext.json',
        compilerOptions: { noEmit: true },
        include: ['published', 'src/schema.ts'],
      }),
    );
    expect(await typecheckAgainstBaseline(app, 'tsconfig.published.json', PUBLISHED_BASELINE)).toEqual([]);
  });

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

  // Ctrl+C (SIGINT) for one app, a process manager's SIGTERM for the other.
  const stopSignal = variant.manager === 'npm' ? 'SIGINT' : 'SIGTERM';

  test(`strata studio serves the app’s SQLite database from the installed packages, and ends cleanly on ${stopSignal}`, async () => {
    let studio: StudioProcess | undefined;
    try {
      studio = await startStudioProcess(app, ['--port', '0'], { DATABASE_URL: 'sqlite:./data/app.sqlite3' });
      const { origin, token } = studio;
      expect(token).toMatch(/^[0-9a-f]{64}$/);

      // Without the token (or with a wrong one), nothing: neither the API nor the page.
      for (const path of [
        '/api/databases',
        '/api/db/app',
        '/',
        '/app/main.js',
        `/api/databases?token=${'0'.repeat(64)}`,
      ]) {
        const refused = await fetch(new URL(path, origin), { redirect: 'manual' });
        expect(refused.status, path).toBe(401);
        expect(await refused.text(), path).not.toMatch(/member|<script/);
      }
      const foreignOrigin = await fetch(new URL('/api/databases', origin), {
        headers: { authorization: `token ${token}`, origin: 'http://evil.example' },
      });
      expect(foreignOrigin.status).toBe(403);

      // The printed URL trades its token for a cookie, as a browser's first visit does.
      const first = await fetch(studio.url, { redirect: 'manual' });
      expect(first.status).toBe(303);
      const cookie = (first.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
      expect(cookie).toContain(token);
      const headers = { cookie };

      const databases = await fetch(new URL('/api/databases', origin), { headers });
      expect(databases.status).toBe(200);
      expect(await databases.json()).toMatchObject({
        databases: [{ name: 'app', engine: 'sqlite', dialect: 'sqlite', tables: 2 }],
      });
      // The header works as well as the cookie.
      const database = await fetch(new URL('/api/db/app', origin), { headers: { authorization: `token ${token}` } });
      expect(database.status).toBe(200);
      const described = (await database.json()) as {
        tables: { name: string }[];
        counts: { name: string; rows: number; deleted?: number }[];
        migrations: boolean;
      };
      expect(described.tables.map((table) => table.name).sort()).toEqual(['member', 'post']);
      expect(described.counts).toEqual(
        expect.arrayContaining([
          { name: 'member', rows: 1 },
          { name: 'post', rows: 2, deleted: 1 },
        ]),
      );
      expect(described.migrations).toBe(true);
      const rows = await fetch(new URL('/api/db/app/tables/member/rows', origin), { headers });
      expect(rows.status).toBe(200);
      expect(JSON.stringify(await rows.json())).toContain('ada@example.com');
      const migrations = await fetch(new URL('/api/db/app/migrations', origin), { headers });
      expect(await migrations.json()).toMatchObject({
        dialect: 'sqlite',
        pending: 0,
        migrations: [{ id: expect.stringMatching(/init/) }],
      });

      // The page, and every file it loads, served from the installed @strata/studio and its own
      // preact and htm — inside the app, nothing from the workspace.
      const page = await fetch(new URL('/', origin), { headers });
      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toMatch(/^text\/html/);
      const html = await page.text();
      expect(html).toContain('<script type="module" src="/app/main.js"></script>');
      const files = await pageFiles(origin, html, headers);
      expect(files.filter((file) => file.status !== 200).map((file) => `${file.path}: ${file.status}`)).toEqual([]);
      const paths = files.map((file) => file.path);
      expect(paths).toEqual(
        expect.arrayContaining([
          '/app/styles.css',
          '/app/main.js',
          '/vendor/preact.mjs',
          '/vendor/preact-hooks.mjs',
          '/vendor/htm.mjs',
        ]),
      );
      for (const file of files) {
        const source = installedSource(app, file.path);
        expect(insideApp(app, source), `${file.path} from ${source}`).toBe(true);
        expect(file.body.equals(bytesOf(source)), `${file.path} is ${source}`).toBe(true);
      }

      const stopped = await stopStudioProcess(studio, stopSignal);
      studio = undefined;
      expect(stopped).toEqual({ code: 0, signal: null });
    } finally {
      if (studio) studio.child.kill('SIGKILL');
    }
  });
});
