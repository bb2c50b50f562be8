// Acceptance: the schema is split correctly between auth and app tables, app rows cannot point
// at the user table across databases, and the migration folders are what the schema generates.
import { fileURLToPath } from 'node:url';
import { main } from '@strata/cli';
import { collectSchema, defineTable, id, SchemaError, text } from '@strata/core';
import { describe, expect, test } from 'vitest';
import { appSchema } from '../src/schema/app.js';
import { authSchema, user } from '../src/schema/auth.js';

const packageDir = fileURLToPath(new URL('..', import.meta.url));

describe('the schema split', () => {
  test('auth holds Better Auth’s four tables, app the three app tables', () => {
    expect([...collectSchema(authSchema).tables.keys()].sort()).toEqual(['account', 'session', 'user', 'verification']);
    expect([...collectSchema(appSchema).tables.keys()].sort()).toEqual(['collection', 'collectionSettings', 'entry']);
  });

  test('a foreign key from app data to the user table is refused: it would cross databases', () => {
    const note = defineTable('note', { id: id(), userId: text().references(() => user.id) });
    expect(() => collectSchema({ ...appSchema, note })).toThrow(SchemaError);
  });

  test('migrations/auth and migrations/app hold every change of the schemas (strata check)', async () => {
    let stdout = '';
    const io = {
      stdout: { write: (text: string) => (stdout += text) },
      stderr: process.stderr,
      interactive: false,
      cwd: packageDir,
      env: {},
    };
    expect(await main(['check', '--offline', '--json'], io)).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ findings: [] });
  });
});
