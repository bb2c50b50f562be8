// `pglite:./data/app` and `sqlite:./data/app.db` in a project that has no `data` folder yet: the
// engines create the directory or file but not the folders above it, so connect() creates them;
// a folder that cannot be created is a CONFIG_INVALID error naming it. Without connect(), the
// engine packages name the path in a CONFIG_INVALID error instead of a bare ENOENT.
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isStrataError } from '@strata/core';
import { createDatabase as createPglite } from '@strata/pglite';
import { createDatabase as createSqlite } from '@strata/sqlite';
import { afterAll, describe, expect, test } from 'vitest';
import { connect } from '../src/index.js';
import { localPathOf, parseConnectionUrl } from '../src/target.js';
import { appSchema } from './fixtures.js';

const scratch = mkdtempSync(join(tmpdir(), 'strata-connect-folders-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** What `work` rejects with. */
async function rejection(work: () => Promise<{ close(): Promise<void> }>): Promise<unknown> {
  return work().then(
    async (db) => {
      await db.close();
      throw new Error('expected a rejection');
    },
    (error: unknown) => error,
  );
}

describe('connect() creates the folders above a local database', () => {
  test('pglite: a data directory two folders deep', async () => {
    const dataDir = join(scratch, 'pglite', 'data', 'app');
    const db = await connect(`pglite:${dataDir}`, { schema: appSchema });
    try {
      await db.createTables();
      expect(await db.repos.note.count()).toBe(0);
    } finally {
      await db.close();
    }
    expect(existsSync(join(dataDir, 'PG_VERSION'))).toBe(true);
  }, 60_000);

  test('sqlite: a file two folders deep', async () => {
    const file = join(scratch, 'sqlite', 'data', 'app.sqlite3');
    const db = await connect(`sqlite:${file}`, { schema: appSchema });
    await db.close();
    expect(existsSync(file)).toBe(true);
  });

  test('a file in the way: CONFIG_INVALID naming the folder and the path, on both engines', async () => {
    const taken = join(scratch, 'taken');
    writeFileSync(taken, 'not a folder');
    for (const [url, what] of [
      [`pglite:${join(taken, 'app')}`, 'PGlite data directory'],
      [`sqlite:${join(taken, 'app.sqlite3')}`, 'SQLite database file'],
    ] as const) {
      const error = await rejection(() => connect(url, { schema: appSchema }));
      expect(isStrataError(error) && error.code).toBe('CONFIG_INVALID');
      expect((error as Error).message).toContain(`Cannot create the folder "${taken}" for the ${what}`);
      expect((error as Error).message).toContain('Fix the path in the connection URL or create the folder.');
    }
  });

  test('memory, IndexedDB and file: URIs are not folders of this machine', () => {
    expect(localPathOf(parseConnectionUrl('pglite:memory'))).toBeUndefined();
    expect(localPathOf(parseConnectionUrl('idb://app'))).toBeUndefined();
    expect(localPathOf(parseConnectionUrl('sqlite::memory:'))).toBeUndefined();
    expect(localPathOf({ engine: 'sqlite', filename: 'file:app.db?mode=ro' })).toBeUndefined();
    expect(localPathOf(parseConnectionUrl('pglite:./data/app'))).toBe('./data/app');
    expect(localPathOf({ engine: 'pglite', dataDir: 'file://./data/app' })).toBe('./data/app');
  });
});

describe('the engine packages alone name a missing folder', () => {
  test('PGlite and SQLite: CONFIG_INVALID with the path', async () => {
    const missing = join(scratch, 'missing', 'deeper');
    const pglite = await rejection(() => createPglite({ schema: appSchema, dataDir: join(missing, 'app') }));
    expect(isStrataError(pglite) && pglite.code).toBe('CONFIG_INVALID');
    expect((pglite as Error).message).toContain(`Cannot open the PGlite data directory "${join(missing, 'app')}"`);
    const sqlite = await rejection(() => createSqlite({ schema: appSchema, filename: join(missing, 'app.sqlite3') }));
    expect(isStrataError(sqlite) && sqlite.code).toBe('CONFIG_INVALID');
    expect((sqlite as Error).message).toContain(
      `Cannot open the SQLite database file "${join(missing, 'app.sqlite3')}"`,
    );
  }, 60_000);
});
