// better-sqlite3 and libSQL in one process on one database file share one gate, keyed by the
// file's real path: a libSQL write waits in JavaScript for a better-sqlite3 transaction (and the
// other way round) instead of blocking the thread on SQLite's lock until it is busy.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bigint, defineTable, id, text } from '@strata/core';
import { createDatabase as openLibsql } from '@strata/libsql';
import { createDatabase as openSqlite } from '@strata/sqlite';
import { afterAll, expect, test } from 'vitest';

const counter = defineTable('counter', { id: id(), name: text().notNull(), value: bigint().notNull() });
const schema = { counter };

const dir = mkdtempSync(join(tmpdir(), 'strata-file-gate-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

test('a libSQL and a better-sqlite3 database on one file (one through a symlink) take turns, both ways', async () => {
  mkdirSync(join(dir, 'real'));
  symlinkSync(join(dir, 'real'), join(dir, 'link'));
  const sqlite = await openSqlite({ schema, filename: join(dir, 'link', 'shared.db'), busyTimeoutMs: 200 });
  await sqlite.createTables();
  const libsql = await openLibsql({ schema, url: `file:${join(dir, 'real', 'shared.db')}`, busyTimeoutMs: 200 });
  try {
    for (const [holder, writer] of [
      [sqlite, libsql],
      [libsql, sqlite],
    ] as const) {
      const order: string[] = [];
      let release = () => {};
      const held = new Promise<void>((resolve) => {
        release = resolve;
      });
      const transaction = holder.transaction(async (tx) => {
        await tx.repos.counter.create({ name: `${holder.engine} in a transaction`, value: 1n });
        await held;
        order.push(`${holder.engine} commits`);
      });
      await sleep(20);
      const write = writer.repos.counter
        .create({ name: `${writer.engine} alone`, value: 2n })
        .then(() => order.push(`${writer.engine} writes`));
      // Longer than the busy timeout: the writer waited in JavaScript, not on SQLite's lock.
      await sleep(400);
      release();
      await Promise.all([transaction, write]);
      expect(order).toEqual([`${holder.engine} commits`, `${writer.engine} writes`]);
    }
    expect(await libsql.repos.counter.count()).toBe(4);
    expect(await sqlite.repos.counter.count()).toBe(4);
  } finally {
    await Promise.all([sqlite.close(), libsql.close()]);
  }
});
