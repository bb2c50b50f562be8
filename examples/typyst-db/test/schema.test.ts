// Acceptance: the schema is split correctly between auth and app tables, app rows cannot point
// at the user table across databases, and the migration folders are what the schema generates.
import { fileURLToPath } from 'node:url';
import { checkProject, loadConfig } from '@strata/cli';
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
    const result = await checkProject(await loadConfig(packageDir), { offline: true });
    // No notes: both folders were replayed into PGlite, not skipped.
    expect(result).toMatchObject({ ok: true, findings: [], notes: [] });
  });
});
