// connect() on libSQL through its registry entry: a file (its folders created, relative to the
// working directory) and memory, with the repository, typed as libSQL's database. A libsql://
// server is not obtainable here: only its URL form is tested (url.test.ts).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineTable, id, text } from '@strata/core';
import { afterAll, expect, expectTypeOf, test } from 'vitest';
import { connect } from '../src/index.js';

const schema = { note: defineTable('note', { id: id(), body: text().notNull() }) };
const dir = mkdtempSync(join(tmpdir(), 'strata-connect-libsql-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test('libsql:<file> opens a libSQL file, creating its folders; the data is there after reopening', async () => {
  const url = `libsql:${join(dir, 'nested', 'app.db')}` as const;
  const db = await connect(url, { schema });
  expectTypeOf(db.engine).toEqualTypeOf<'libsql'>();
  expect(db.engine).toBe('libsql');
  expect(db.dialect).toBe('sqlite');
  await db.createTables();
  await db.repos.note.create({ body: 'kept' });
  await db.close();
  const again = await connect(url, { schema });
  expect((await again.repos.note.findMany()).map((note) => note.body)).toEqual(['kept']);
  await again.close();
});

test('libsql::memory: opens at once, without waiting for a server', async () => {
  const db = await connect('libsql::memory:', { schema, retry: { attempts: 1 } });
  await db.createTables();
  expect(await db.repos.note.count()).toBe(0);
  await db.close();
});
