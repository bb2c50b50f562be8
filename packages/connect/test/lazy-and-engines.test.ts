// A database opened on first use (lazyDatabase), connectFromEnv limited to some engines, opening
// errors that name their variable, and connect()'s result typed as the engine package's database.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isStrataError } from '@strata/core';
import { caught } from '@strata/testing';
import { afterAll, describe, expect, expectTypeOf, test } from 'vitest';
import { type ConnectedDatabase, connect, connectFromEnv, lazyDatabase } from '../src/index.js';
import { appSchema } from './fixtures.js';

const scratch = mkdtempSync(join(tmpdir(), 'strata-lazy-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
const userId = '018f0000-0000-7000-8000-000000000001';

describe('lazyDatabase', () => {
  test('opens on first use, once for concurrent callers, and again after close', async () => {
    let opens = 0;
    const filename = join(scratch, 'lazy.sqlite3');
    const db = lazyDatabase(async () => {
      opens++;
      const opened = await connect(`sqlite:${filename}`, { schema: appSchema });
      await opened.createTables().catch(() => undefined); // the second opening finds them
      return opened;
    });
    expect(db.opened).toBe(false);
    expect(opens).toBe(0);
    const [a, b] = await Promise.all([
      db.repos.note.create({ userId, body: 'first' }),
      db.repos.note.create({ userId, body: 'second' }),
    ]);
    expect(opens).toBe(1);
    expect(await db.repos.note.count()).toBe(2);
    expect((await db.repos.note.findById(a.id))?.body).toBe('first');
    expectTypeOf(b.views).toEqualTypeOf<number>();
    await db.transaction(async (tx) => {
      await tx.repos.note.update(b.id, { views: 3 });
    });
    expect((await db.get()).engine).toBe('sqlite');
    await db.close();
    expect(db.opened).toBe(false);
    expect(await db.repos.note.findBy('body', 'second')).toMatchObject({ views: 3 });
    expect(opens).toBe(2);
    await db.close();
  });

  test('a failed opening is not remembered', async () => {
    let fail = true;
    const db = lazyDatabase(async () => {
      if (fail) throw new Error('server not up yet');
      const opened = await connect('sqlite::memory:', { schema: appSchema });
      await opened.createTables();
      return opened;
    });
    await expect(db.repos.note.count()).rejects.toThrow('server not up yet');
    fail = false;
    expect(await db.repos.note.count()).toBe(0);
    await db.close();
  });
});

describe('connectFromEnv({ engines })', () => {
  test('refuses an environment naming another engine, before opening anything', async () => {
    const sqlite = await caught(() =>
      connectFromEnv({ schema: appSchema, engines: ['postgres', 'neon'], env: { SQLITE_PATH: './x.sqlite3' } }),
    );
    expect(isStrataError(sqlite) && sqlite.code).toBe('CONFIG_INVALID');
    expect((sqlite as Error).message).toBe('SQLITE_PATH names a sqlite database; this app runs on postgres or neon');
    const nothing = await caught(() => connectFromEnv({ schema: appSchema, engines: ['postgres'], env: {} }));
    expect((nothing as Error).message).toMatch(/^No database is configured .*; this app runs on postgres$/);
  });

  test('types the result for the engines it allows', async () => {
    const db = await connectFromEnv({
      schema: appSchema,
      engines: ['sqlite'],
      env: { SQLITE_PATH: join(scratch, 'typed.sqlite3') },
    });
    expectTypeOf(db.engine).toEqualTypeOf<'sqlite'>();
    await db.createTables();
    // The engine package's own Drizzle database: relational queries typed, no cast.
    const rows = await db.drizzle.query.note.findMany();
    expect(rows).toEqual([]);
    await db.close();
  });

  test('an opening failure names the variable it came from', async () => {
    // A missing folder is created; a file where the folder should be cannot be.
    writeFileSync(join(scratch, 'not-a-dir'), '');
    const error = await caught(() =>
      connectFromEnv({ schema: appSchema, env: { SQLITE_PATH: join(scratch, 'not-a-dir', 'app.sqlite3') } }),
    );
    expect(isStrataError(error) && error.code).toBe('CONFIG_INVALID');
    expect((error as Error).message).toMatch(
      /^SQLITE_PATH: Cannot create the folder ".*not-a-dir" for the SQLite database file ".*not-a-dir\/app\.sqlite3"/,
    );
  });
});

describe('ConnectedDatabase', () => {
  test('is the union of the engines’ databases when the URL is known only at run time', async () => {
    const url: string = 'sqlite::memory:';
    const db: ConnectedDatabase<typeof appSchema> = await connect(url, { schema: appSchema });
    await db.createTables();
    if (db.engine === 'sqlite') expect(await db.drizzle.query.note.findMany()).toEqual([]);
    else throw new Error('expected SQLite');
    await db.close();
  });
});
