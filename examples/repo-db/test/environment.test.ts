// The environment variables of the document: NODE_ENV picks the engine, NEON_DATABASE_URL is
// required in production, SQLITE_PATH places the development file (default ./dev.sqlite3), and
// the troubleshooting case of a SQLite path that cannot be opened gets an error that says what
// to set. Variables of other conventions do not leak in.
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { dbType, lazyDatabase, openDatabase } from '../src/index.js';

const folder = mkdtempSync(join(tmpdir(), 'repo-db-env-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe('engine selection from the environment', () => {
  test('production without NEON_DATABASE_URL is a clear error, before any connection', async () => {
    const production = { NODE_ENV: 'production', SQLITE_PATH: join(folder, 'unused.sqlite3') };
    const expected = {
      code: 'CONFIG_INVALID',
      message: 'NEON_DATABASE_URL is not set; NODE_ENV=production needs it (or DATABASE_URL) with the PostgreSQL URL',
    };
    expect(() => dbType(production)).toThrow(expect.objectContaining(expected));
    await expect(openDatabase(production)).rejects.toMatchObject(expected);
    // Not a silent fall-back to SQLite in production.
    expect(existsSync(join(folder, 'unused.sqlite3'))).toBe(false);
  });

  test('a malformed NEON_DATABASE_URL names the variable and masks the password', async () => {
    const error = await openDatabase({ NODE_ENV: 'production', NEON_DATABASE_URL: 'mysql://app:s3cret@db/app' }).catch(
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ code: 'CONFIG_INVALID', message: expect.stringContaining('NEON_DATABASE_URL') });
    expect(String((error as Error).message)).not.toContain('s3cret');
  });

  test('outside production it is SQLite, even with DATABASE_URL or DB_METHOD set for another app', async () => {
    const env = {
      NODE_ENV: 'development',
      SQLITE_PATH: join(folder, 'dev.sqlite3'),
      DATABASE_URL: 'postgres://other:secret@elsewhere/other',
      DB_METHOD: 'PRODUCTION',
    };
    expect(dbType(env)).toBe('sqlite');
    const database = await openDatabase(env);
    expect(database.engine).toBe('sqlite');
    await database.close();
    expect(existsSync(join(folder, 'dev.sqlite3'))).toBe(true);
  });

  test('without SQLITE_PATH the file is ./dev.sqlite3', async () => {
    const cwd = process.cwd();
    process.chdir(folder);
    try {
      const database = await openDatabase({});
      await database.close();
      expect(existsSync(join(folder, 'dev.sqlite3'))).toBe(true);
    } finally {
      process.chdir(cwd);
    }
  });

  test('a SQLITE_PATH that cannot be opened names the variable, the file and the reason', async () => {
    // Missing folders are created; a file standing where the folder should be is not replaced.
    const blocker = join(folder, 'a-file');
    writeFileSync(blocker, '');
    const unreachable = join(blocker, 'dev.sqlite3');
    const error = await openDatabase({ SQLITE_PATH: unreachable }).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'CONFIG_INVALID' });
    expect((error as Error).message).toMatch(/^SQLITE_PATH: /);
    expect((error as Error).message).toContain(unreachable);
  });

  test('a SQLITE_PATH in a folder that does not exist yet is created', async () => {
    const nested = join(folder, 'new-folder', 'deeper', 'dev.sqlite3');
    const db = await openDatabase({ SQLITE_PATH: nested });
    await db.close();
    expect(existsSync(nested)).toBe(true);
  });

  test('the lazy database opens on first use, shares one connection and retries after a failed open', async () => {
    const env: Record<string, string> = { NODE_ENV: 'production' };
    let opened = 0;
    const lazy = lazyDatabase(() => {
      opened++;
      return openDatabase(env);
    });
    expect([opened, lazy.opened]).toEqual([0, false]);
    await expect(lazy.repos.users.count()).rejects.toMatchObject({ code: 'CONFIG_INVALID' });
    expect(lazy.opened).toBe(false);

    env.NODE_ENV = 'development';
    env.SQLITE_PATH = join(folder, 'lazy.sqlite3');
    const [a, b] = await Promise.all([lazy.get(), lazy.get()]);
    expect(a).toBe(b);
    expect(opened).toBe(2);

    await lazy.close();
    expect(a.closed).toBe(true);
    const reopened = await lazy.get();
    expect(reopened).not.toBe(a);
    expect(reopened.closed).toBe(false);
    expect(opened).toBe(3);
    await lazy.close();
  });
});
