// Migrations on D1 from a folder as `strata generate` writes it (migrations/app/sqlite): each
// migration's statements and its history row are one D1 batch. Apply, roll back, apply again;
// the schema dump equals better-sqlite3's after the same migrations and drift is empty. A
// migration whose statement fails leaves nothing applied and no history row. A table rebuild
// under a parent whose ON DELETE CASCADE children have rows is refused (D1 cannot turn foreign
// keys off, so the rebuild would delete them); with no such rows it runs.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JOURNAL_FILE, joinStatements, migrationChecksum, migrationFiles, migrationTag } from '@strata/core';
import { createDatabase } from '@strata/d1';
import { dumpSchema, generateMigration } from '@strata/sql';
import { migrate, migrationStatus, rollback } from '@strata/sql/migrate';
import { sqliteGeneration } from '@strata/sql/sqlite';
import { createDatabase as createSqlite } from '@strata/sqlite';
import { caught } from '@strata/testing';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, test } from 'vitest';
import * as schemas from '../../sql/test/fixtures/migration-schemas.js';
import { startLocalD1 } from './miniflare.js';

const { v1, v2 } = schemas;

const dir = mkdtempSync(join(tmpdir(), 'strata-d1-migrations-'));
const d1 = startLocalD1(8);
afterAll(async () => {
  await d1.dispose();
  rmSync(dir, { recursive: true, force: true });
});

/** Writes migrations (name, up, down statements) into `<folder>/sqlite`, as `strata generate` would have. */
async function writeFolder(
  folder: string,
  migrations: readonly (readonly [string, readonly string[], readonly string[]])[],
): Promise<string[]> {
  const target = join(folder, 'sqlite');
  mkdirSync(join(target, 'meta'), { recursive: true });
  const entries: { index: number; tag: string; checksum: string; custom: boolean; createdAt: string }[] = [];
  for (const [i, [name, upStatements, downStatements]] of migrations.entries()) {
    const tag = migrationTag(i + 1, name);
    const names = migrationFiles(tag);
    const up = joinStatements(upStatements);
    const down = joinStatements(downStatements);
    writeFileSync(join(target, names.up), up);
    writeFileSync(join(target, names.down), down);
    const checksum = await migrationChecksum(up, down);
    entries.push({ index: i + 1, tag, checksum, custom: false, createdAt: new Date(0).toISOString() });
  }
  writeFileSync(join(target, JOURNAL_FILE), JSON.stringify({ version: 1, dialect: 'sqlite', entries }));
  return entries.map((entry) => entry.tag);
}

const first = await generateMigration({ dialect: sqliteGeneration, schema: v1 });
const second = await generateMigration({ dialect: sqliteGeneration, schema: v2, previous: first.snapshot });
const folder = join(dir, 'app');
const tags = await writeFolder(folder, [
  ['init', first.up, first.down],
  ['author_details', second.up, second.down],
]);

const ANN = '018f0000-0000-7000-8000-000000000001';

describe('migrations on D1', () => {
  test('migrate, roll back, migrate again: rows kept, dump equal to better-sqlite3, no drift', async () => {
    const db = await createDatabase({ schema: v2, binding: await d1.database() });
    expect((await migrate(db, { folder, to: 1 })).migrations).toEqual([tags[0]]);
    await db.drizzle.run(sql`insert into author (id, name, bio) values (${ANN}, 'Ann', 'bio')`);
    // Rebuilds `author` (NOT NULL with a default); its cascading child `book` has no rows.
    expect((await migrate(db, { folder })).migrations).toEqual([tags[1]]);
    expect(await db.drizzle.all(sql`select full_name, country, bio from author`)).toEqual([
      { full_name: 'Ann', country: 'NL', bio: 'bio' },
    ]);
    const migrated = await dumpSchema(db);
    const reference = await createSqlite({ schema: v2 });
    try {
      await migrate(reference, { folder });
      expect(migrated).toEqual(await dumpSchema(reference));
    } finally {
      await reference.close();
    }
    const status = await migrationStatus(db, { folder });
    expect(status.states.map((state) => state.state)).toEqual(['applied', 'applied']);
    expect(status.drift).toEqual([]);

    expect((await rollback(db, { folder })).migrations).toEqual([tags[1]]);
    expect(await db.drizzle.all(sql`select name, bio from author`)).toEqual([{ name: 'Ann', bio: 'bio' }]);
    expect((await migrate(db, { folder })).migrations).toEqual([tags[1]]);
    expect(await dumpSchema(db)).toEqual(migrated);
    // Foreign keys are enforced after the migrations, as always on D1.
    const orphan = await caught(() => db.repos.book.create({ authorId: crypto.randomUUID(), title: 'x' }));
    expect(orphan).toMatchObject({ kind: 'foreign_key_violation' });
    await db.close();
  });

  test('a rebuild that would cascade into rows of a child table is refused; nothing is applied', async () => {
    const db = await createDatabase({ schema: v2, binding: await d1.database() });
    await migrate(db, { folder, to: 1 });
    await db.drizzle.run(sql`insert into author (id, name) values (${ANN}, 'Ann')`);
    await db.drizzle.run(sql`insert into book (id, author_id, title) values (${crypto.randomUUID()}, ${ANN}, 'Kept')`);
    const error = await caught(() => migrate(db, { folder }));
    expect(error).toMatchObject({ code: 'MIGRATION_DATA_LOSS', migration: tags[1] });
    expect(String((error as Error).message)).toContain('book (CASCADE)');
    expect((await migrationStatus(db, { folder })).pending).toBe(1);
    expect(await db.drizzle.all(sql`select title from book`)).toEqual([{ title: 'Kept' }]);
    expect(await db.drizzle.all(sql`select name from author`)).toEqual([{ name: 'Ann' }]);
    await db.close();
  });

  test('a migration whose last statement fails leaves nothing applied and no history row', async () => {
    const broken = join(dir, 'broken');
    const brokenTags = await writeFolder(broken, [
      ['init', first.up, first.down],
      [
        'half',
        ['CREATE TABLE `shelf` (`id` text PRIMARY KEY NOT NULL);', 'ALTER TABLE `nowhere` ADD `x` integer;'],
        ['DROP TABLE `shelf`;'],
      ],
    ]);
    const db = await createDatabase({ schema: v1, binding: await d1.database() });
    const error = await caught(() => migrate(db, { folder: broken }));
    expect(error).toMatchObject({ code: 'MIGRATION_FAILED', migration: brokenTags[1] });
    expect(String((error as Error).message)).toContain('no such table: nowhere');
    const status = await migrationStatus(db, { folder: broken });
    expect(status.states.map((state) => state.state)).toEqual(['applied', 'pending']);
    const tables = await db.drizzle.all<{ name: string }>(
      sql`select name from sqlite_master where type = 'table' and name = 'shelf'`,
    );
    expect(tables).toEqual([]);
    await db.close();
  });

  test('a migration that would leave dangling foreign keys is rolled back: MIGRATION_FOREIGN_KEYS', async () => {
    const dangling = join(dir, 'dangling');
    const danglingTags = await writeFolder(dangling, [
      ['init', first.up, first.down],
      [
        'orphan',
        [`INSERT INTO \`book\` (\`id\`, \`author_id\`, \`title\`) VALUES ('${ANN}', '${ANN}', 'Orphan');`],
        ['DELETE FROM `book`;'],
      ],
    ]);
    const db = await createDatabase({ schema: v1, binding: await d1.database() });
    const error = await caught(() => migrate(db, { folder: dangling }));
    expect(error).toMatchObject({ code: 'MIGRATION_FOREIGN_KEYS', migration: danglingTags[1] });
    expect(await db.repos.book.count()).toBe(0);
    expect((await migrationStatus(db, { folder: dangling })).pending).toBe(1);
    await db.close();
  });
});
