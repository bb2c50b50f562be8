// Connection URLs and environment conventions: every form, every rule, every mistake.
import { isStrataError } from '@strata/core';
import { describe, expect, test } from 'vitest';
import {
  backoffDelay,
  ENGINES,
  parseConnectionUrl,
  resolveEnvironment,
  URL_FORMS,
  withResolvedPath,
} from '../src/index.js';

function failure(work: () => unknown): string {
  try {
    work();
  } catch (error) {
    expect(isStrataError(error) && error.code).toBe('CONFIG_INVALID');
    return (error as Error).message;
  }
  throw new Error('expected an error');
}

describe('connection URLs', () => {
  test.each([
    ['postgres://app:pw@db:5432/app', { engine: 'postgres', url: 'postgres://app:pw@db:5432/app' }],
    ['postgresql://app@db/app', { engine: 'postgres', url: 'postgresql://app@db/app' }],
    ['pglite:memory', { engine: 'pglite', dataDir: 'memory://' }],
    ['pglite:', { engine: 'pglite', dataDir: 'memory://' }],
    ['pglite:./data/app', { engine: 'pglite', dataDir: './data/app' }],
    ['pglite:///var/lib/app', { engine: 'pglite', dataDir: '/var/lib/app' }],
    ['idb://typyst', { engine: 'pglite', dataDir: 'idb://typyst' }],
    ['sqlite:./dev.sqlite3', { engine: 'sqlite', filename: './dev.sqlite3' }],
    ['sqlite::memory:', { engine: 'sqlite', filename: ':memory:' }],
    ['sqlite:/tmp/x.db', { engine: 'sqlite', filename: '/tmp/x.db' }],
    ['libsql://db-org.example.io', { engine: 'libsql', url: 'libsql://db-org.example.io' }],
    ['libsql:./data/app.db', { engine: 'libsql', url: 'file:./data/app.db' }],
    ['libsql::memory:', { engine: 'libsql', url: ':memory:' }],
    [
      'neon+http://u:pw@ep-x.neon.tech/db',
      { engine: 'neon', url: 'postgresql://u:pw@ep-x.neon.tech/db', driver: 'http' },
    ],
    [
      'neon+ws://u:pw@ep-x.neon.tech/db',
      { engine: 'neon', url: 'postgresql://u:pw@ep-x.neon.tech/db', driver: 'websocket' },
    ],
  ])('%s', (url, target) => {
    expect(parseConnectionUrl(url)).toEqual(target);
  });

  test('an unknown or malformed URL is refused with the password masked', () => {
    const unknown = failure(() => parseConnectionUrl('mysql://root:hunter2@db/app', 'DATABASE_URL'));
    expect(unknown).toContain('DATABASE_URL');
    expect(unknown).toContain('mysql://root:***@db/app');
    expect(unknown).not.toContain('hunter2');
    expect(unknown).toContain('sqlite:./file.db');
    const malformed = failure(() => parseConnectionUrl('postgres://app:hunter2@[bad/app'));
    expect(malformed).not.toContain('hunter2');
    expect(failure(() => parseConnectionUrl('dev.sqlite3'))).toContain('"dev.sqlite3" is not a URL Strata knows');
  });
});

describe('the engine registry', () => {
  test('every engine lists its URL forms, and the errors name all of them', () => {
    for (const entry of Object.values(ENGINES)) {
      expect(entry.forms.length).toBeGreaterThan(0);
      for (const form of entry.forms) expect(URL_FORMS).toContain(form);
    }
    expect(Object.keys(ENGINES).sort()).toEqual(['libsql', 'neon', 'pglite', 'postgres', 'sqlite']);
  });

  test.each([
    ['sqlite:./dev.sqlite3', { engine: 'sqlite', filename: '/project/dev.sqlite3' }],
    ['sqlite:/abs/dev.sqlite3', { engine: 'sqlite', filename: '/abs/dev.sqlite3' }],
    ['sqlite::memory:', { engine: 'sqlite', filename: ':memory:' }],
    ['sqlite:file:app.db?mode=ro', { engine: 'sqlite', filename: 'file:app.db?mode=ro' }],
    ['pglite:./data', { engine: 'pglite', dataDir: '/project/data' }],
    ['pglite:memory', { engine: 'pglite', dataDir: 'memory://' }],
    ['idb://app', { engine: 'pglite', dataDir: 'idb://app' }],
    ['postgres://app@db/app', { engine: 'postgres', url: 'postgres://app@db/app' }],
    ['libsql:./app.db', { engine: 'libsql', url: 'file:/project/app.db' }],
    ['libsql::memory:', { engine: 'libsql', url: ':memory:' }],
    ['libsql://db.example.io', { engine: 'libsql', url: 'libsql://db.example.io' }],
  ])('withResolvedPath(%s) resolves only paths of this machine', (url, target) => {
    const resolve = (path: string) => (path.startsWith('/') ? path : `/project/${path.replace(/^\.\//, '')}`);
    expect(withResolvedPath(parseConnectionUrl(url), resolve)).toEqual(target);
  });
});

describe('environment conventions', () => {
  test.each([
    [{}, 'sqlite', 'default: sqlite:./dev.sqlite3'],
    [{ SQLITE_PATH: '/data/dev.db' }, 'sqlite', 'SQLITE_PATH: sqlite:/data/dev.db'],
    [
      { NODE_ENV: 'development', NEON_DATABASE_URL: 'postgres://a:pw@neon/db' },
      'sqlite',
      'default: sqlite:./dev.sqlite3',
    ],
    [
      { NODE_ENV: 'production', NEON_DATABASE_URL: 'postgres://a:pw@neon/db' },
      'postgres',
      'NODE_ENV=production, NEON_DATABASE_URL: postgres://a:***@neon/db',
    ],
    [
      { NODE_ENV: 'production', DATABASE_URL: 'postgres://a:pw@db/x' },
      'postgres',
      'DATABASE_URL: postgres://a:***@db/x',
    ],
    [{ DATABASE_URL: 'pglite:./data' }, 'pglite', 'DATABASE_URL: pglite:./data'],
    [
      { DB_METHOD: 'LOCAL_PROXY', DATABASE_URL_LOCAL_PROXY: 'postgresql://p:pw@db.localtest.me:5432/codex' },
      'postgres',
      'DB_METHOD=LOCAL_PROXY, DATABASE_URL_LOCAL_PROXY: postgresql://p:***@db.localtest.me:5432/codex',
    ],
    [
      { DB_METHOD: 'neon_branch', DATABASE_URL: 'postgresql://u:pw@ep-xyz.neon.tech/db' },
      'neon',
      'DB_METHOD=NEON_BRANCH, DATABASE_URL (Neon websocket): postgresql://u:***@ep-xyz.neon.tech/db',
    ],
    [
      { DB_METHOD: 'PRODUCTION', DATABASE_URL: 'neon+http://u:pw@ep-abc.neon.tech/db' },
      'neon',
      'DB_METHOD=PRODUCTION, DATABASE_URL (Neon http): postgresql://u:***@ep-abc.neon.tech/db',
    ],
  ])('%o → %s', (env, engine, description) => {
    const resolved = resolveEnvironment(env);
    expect(resolved.target.engine).toBe(engine);
    expect(resolved.description).toBe(description);
    expect(resolved.description).not.toContain(':pw@');
  });

  test('misconfiguration names the variable and never shows a password', () => {
    expect(failure(() => resolveEnvironment({ DB_METHOD: 'CLOUD' }))).toBe(
      'DB_METHOD=CLOUD is not one of LOCAL_PROXY, NEON_BRANCH, PRODUCTION',
    );
    expect(failure(() => resolveEnvironment({ DB_METHOD: 'LOCAL_PROXY' }))).toContain(
      'DATABASE_URL_LOCAL_PROXY is not set',
    );
    expect(failure(() => resolveEnvironment({ DB_METHOD: 'PRODUCTION' }))).toContain('DATABASE_URL is not set');
    expect(failure(() => resolveEnvironment({ DB_METHOD: 'PRODUCTION', DATABASE_URL: 'sqlite:./x.db' }))).toContain(
      'needs a PostgreSQL URL',
    );
    // The variable this convention reads is the one named first.
    expect(failure(() => resolveEnvironment({ NODE_ENV: 'production' }))).toMatch(
      /^NEON_DATABASE_URL is not set; NODE_ENV=production needs it \(or DATABASE_URL\)/,
    );
    const malformed = failure(() => resolveEnvironment({ DATABASE_URL: 'postgres://u:topsecret@[oops' }));
    expect(malformed).toContain('DATABASE_URL');
    expect(malformed).not.toContain('topsecret');
  });
});

describe('backoff', () => {
  test('grows exponentially, is capped, and is jittered between half and all of the step', () => {
    const options = { initialDelayMs: 100, maxDelayMs: 1000 };
    expect(backoffDelay(1, options, () => 0)).toBe(50);
    expect(backoffDelay(1, options, () => 1)).toBe(100);
    expect(backoffDelay(3, options, () => 1)).toBe(400);
    expect(backoffDelay(10, options, () => 1)).toBe(1000);
    expect(backoffDelay(10, options, () => 0)).toBe(500);
  });
});
