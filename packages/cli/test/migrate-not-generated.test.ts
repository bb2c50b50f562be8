// An app that migrates on start with no migrations generated (or not deployed) must not hear "up
// to date" and fail later on a missing table: `migrate` from `@strata/cli/migrate` (a folder) and
// from `@strata/sql` (a set) reject with MIGRATION_NOT_GENERATED on every engine selected by ENGINES.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrate as migrateFolder } from '@strata/cli/migrate';
import { defineTable, id, MigrationError, type SchemaModule, text } from '@strata/core';
import { migrate } from '@strata/sql';
import { engineCases, openTestDatabase, type TestDatabase } from '@strata/testing';
import { beforeAll, describe, expect, test } from 'vitest';

const schema = {
  member: defineTable('member', { id: id(), name: text().notNull() }),
  post: defineTable('post', { id: id(), title: text() }),
} satisfies SchemaModule;

describe.each(engineCases())('migrate with no migrations on $engine', ({ engine, skip }) => {
  let db: TestDatabase<typeof schema>;
  let dir: string;

  beforeAll(async () => {
    if (skip) return;
    db = await openTestDatabase(engine, schema);
    dir = await mkdtemp(join(tmpdir(), 'strata-no-migrations-'));
    return async () => {
      await db.close();
      await rm(dir, { recursive: true, force: true });
    };
  });

  test.skipIf(skip)('a folder that does not exist: the folder and `strata generate` are named', async () => {
    const folder = join(dir, 'migrations', 'app');
    const error = await migrateFolder(db, { folder }).catch((rejected: unknown) => rejected);
    expect(error).toBeInstanceOf(MigrationError);
    expect(error).toMatchObject({ code: 'MIGRATION_NOT_GENERATED', file: join(folder, db.dialect) });
    expect((error as Error).message).toBe(
      `No migrations in ${join(folder, db.dialect)}, but the schema has 2 tables (member, post) that nothing would create. Run \`strata generate\` first and ship the generated migrations with the app.`,
    );
  });

  test.skipIf(skip)('an empty set (bundled files that were not generated): the same error', async () => {
    const error = await migrate(db, { migrations: { dialect: db.dialect, migrations: [] } }).catch(
      (rejected: unknown) => rejected,
    );
    expect(error).toMatchObject({ code: 'MIGRATION_NOT_GENERATED' });
    expect((error as Error).message).toBe(
      'No migrations, but the schema has 2 tables (member, post) that nothing would create. Run `strata generate` first and ship the generated migrations with the app.',
    );
  });

  test.skipIf(skip)('a schema without tables has nothing to create: up to date', async () => {
    const empty = await openTestDatabase(engine, {});
    try {
      expect(await migrate(empty, { migrations: { dialect: empty.dialect, migrations: [] } })).toMatchObject({
        migrations: [],
      });
    } finally {
      await empty.close();
    }
  });
});
