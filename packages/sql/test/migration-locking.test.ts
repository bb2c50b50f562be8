// Two app instances migrating one database at once, on every engine: each migration is applied
// exactly once, both callers succeed, and the history shows each migration once. Also: edits
// after apply, migrations merged from another branch, and failures leave nothing half-applied.
import type { Migration, MigrationSet } from '@strata/core';
import { generateMigration, migrate, migrationStatus, rollback } from '@strata/sql';
import { pgGeneration } from '@strata/sql/postgres';
import { sqliteGeneration } from '@strata/sql/sqlite';
import { engineCases, openTestDatabasePair, rawExecute, rawRows, type TestDatabase } from '@strata/testing';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import * as schemas from './fixtures/migration-schemas.js';
import { MemoryFolder, migrationError } from './migration-support.js';

type Db = TestDatabase<typeof schemas.v1>;

describe.each(engineCases())('migration locking and integrity on $engine', ({ engine, skip }) => {
  let first: Db;
  let second: Db;
  let folder: MemoryFolder;
  let set: MigrationSet;

  beforeAll(async () => {
    if (skip) return;
    [first, second] = await openTestDatabasePair(engine, schemas.v1);
    const dialect = engine === 'sqlite' ? sqliteGeneration : pgGeneration;
    folder = new MemoryFolder(engine === 'sqlite' ? 'sqlite' : 'pg');
    const v1 = await generateMigration({ dialect, schema: schemas.v1 });
    const v2 = await generateMigration({ dialect, schema: schemas.v2, previous: v1.snapshot });
    const v3 = await generateMigration({ dialect, schema: schemas.v3, previous: v2.snapshot });
    await folder.add('init', v1);
    await folder.add('author_details', v2);
    await folder.add('drop_bio_rename_book', v3);
    set = await folder.set();
  });
  afterAll(async () => {
    await first?.close();
  });

  test.skipIf(skip)('two runners at once apply each migration exactly once', async () => {
    const [a, b] = await Promise.all([migrate(first, { migrations: set }), migrate(second, { migrations: set })]);
    // Between them, every migration ran once; a runner that waited for the lock skipped what the other applied.
    expect([...a.migrations, ...b.migrations].sort()).toEqual(set.migrations.map((m) => m.id));
    const history = await rawRows(first, sql`select id from strata_migrations order by id`);
    expect(history.map((row) => row.id)).toEqual(set.migrations.map((m) => m.id));
    expect((await migrationStatus(second, { migrations: set })).pending).toBe(0);
  });

  test.skipIf(skip)('two rollbacks at once undo the newest migration once each', async () => {
    const [a, b] = await Promise.all([rollback(first, { migrations: set }), rollback(second, { migrations: set })]);
    const undone = [...a.migrations, ...b.migrations];
    // A rollback undoes the newest migration as it finds it. Planned at once, both name the same
    // one: one undoes it, the other finds it gone (one undone). On a busy machine the second may
    // only plan once the first is done, and then rightly undoes the next (two). Never the same
    // migration twice, never out of order, and the history says exactly what is left.
    expect([['0003_drop_bio_rename_book'], ['0002_author_details', '0003_drop_bio_rename_book']]).toContainEqual(
      [...undone].sort(),
    );
    const history = await rawRows(first, sql`select id from strata_migrations order by id`);
    expect(history.map((row) => row.id)).toEqual(set.migrations.map((m) => m.id).filter((id) => !undone.includes(id)));
    await migrate(first, { migrations: set });
  });

  test.skipIf(skip)('a migration edited after it was applied is refused, and nothing runs', async () => {
    const edited = {
      ...set,
      migrations: set.migrations.map((m, i) => (i === 1 ? { ...m, checksum: '0'.repeat(64) } : m)),
    };
    const error = await migrationError(() => migrate(first, { migrations: edited }));
    expect(error.code).toBe('MIGRATION_CHANGED');
    expect(error.migration).toBe('0002_author_details');
    const rolledBack = await migrationError(() => rollback(first, { migrations: edited }));
    expect(rolledBack.code).toBe('MIGRATION_CHANGED');
    expect((await migrationStatus(first, { migrations: edited })).states.map((s) => s.state)).toEqual([
      'applied',
      'changed',
      'applied',
    ]);
  });

  test.skipIf(skip)('an applied migration missing from the folder is refused', async () => {
    const shorter = { ...set, migrations: set.migrations.slice(0, 2) };
    const error = await migrationError(() => migrate(first, { migrations: shorter }));
    expect(error.code).toBe('MIGRATION_MISSING');
    expect(error.message).toContain('0003_drop_bio_rename_book');
  });

  test.skipIf(skip)(
    'a migration merged from another branch with an older number is detected, not skipped',
    async () => {
      await rollback(first, { migrations: set, to: 0 });
      const [init, details, dropBio] = set.migrations as unknown as [Migration, Migration, Migration];
      // This database applied 0001, 0002 and 0004 …
      const main = new MemoryFolder(set.dialect);
      await main.add('init', init);
      await main.add('author_details', details);
      await main.add('drop_bio_rename_book', dropBio, false, 4);
      await migrate(first, { migrations: await main.set() });
      // … then a merge brings 0003 from another branch.
      const merged = new MemoryFolder(set.dialect);
      await merged.add('init', init);
      await merged.add('author_details', details);
      await merged.add(
        'from_branch',
        { up: ['create table branch_note (id integer primary key)'], down: ['drop table branch_note'] },
        true,
      );
      await merged.add('drop_bio_rename_book', dropBio, false, 4);
      const mergedSet = await merged.set();
      const error = await migrationError(() => migrate(first, { migrations: mergedSet }));
      expect(error.code).toBe('MIGRATION_OUT_OF_ORDER');
      expect(error.migration).toBe('0003_from_branch');
      expect(error.message).toContain('--allow-out-of-order');
      expect((await migrationStatus(first, { migrations: mergedSet })).states.map((s) => s.state)).toEqual([
        'applied',
        'applied',
        'out-of-order',
        'applied',
      ]);
      expect((await migrate(first, { migrations: mergedSet, allowOutOfOrder: true })).migrations).toEqual([
        '0003_from_branch',
      ]);
      expect(await rawRows(first, sql`select * from branch_note`)).toEqual([]);
      await rollback(first, { migrations: mergedSet, to: 0 });
      expect(await rawRows(first, sql`select id from strata_migrations`)).toEqual([]);
    },
  );

  test.skipIf(skip)('a failing statement rolls its whole migration back and names it', async () => {
    const broken = new MemoryFolder(set.dialect);
    await broken.add('half', {
      up: ['create table half_done (id integer primary key)', 'insert into no_such_table values (1)'],
      down: ['drop table half_done'],
    });
    const brokenSet = await broken.set();
    const error = await migrationError(() => migrate(first, { migrations: brokenSet }));
    expect(error.code).toBe('MIGRATION_FAILED');
    expect(error.message).toContain('0001_half: statement 2 of 2 failed');
    expect(error.statement?.index).toBe(2);
    const tables = await rawRows(
      first,
      engine === 'sqlite'
        ? sql`select name from sqlite_master where name = 'half_done'`
        : sql`select tablename from pg_tables where tablename = 'half_done'`,
    );
    expect(tables).toEqual([]);
    expect(await rawRows(first, sql`select id from strata_migrations`)).toEqual([]);
  });

  test.skipIf(skip || engine !== 'sqlite')(
    'SQLite: a rebuild of a parent table keeps every child row with ON DELETE CASCADE',
    async () => {
      await migrate(first, { migrations: { ...set, migrations: set.migrations.slice(0, 1) } });
      await rawExecute(
        first,
        sql`insert into author (id, name) values ('018f0000-0000-7000-8000-0000000000a1', 'Ann')`,
      );
      for (let i = 0; i < 20; i++) {
        await rawExecute(
          first,
          sql`insert into book (id, author_id, title) values (${`018f0000-0000-7000-8000-0000000001${String(i).padStart(2, '0')}`}, '018f0000-0000-7000-8000-0000000000a1', ${`t${i}`})`,
        );
      }
      // 0002 rebuilds `author` (country becomes NOT NULL): DROP TABLE author would cascade into book.
      await migrate(first, { migrations: set, to: 2 });
      expect(await rawRows(first, sql`select id from book`)).toHaveLength(20);
      expect(await rawRows(first, sql`pragma foreign_keys`)).toEqual([{ foreign_keys: 1n }]);
      // Enforcement is back on: a dangling reference is refused again.
      await expect(
        rawExecute(
          first,
          sql`insert into book (id, author_id, title) values ('018f0000-0000-7000-8000-0000000002ff', '018f0000-0000-7000-8000-0000000000ff', 'x')`,
        ),
      ).rejects.toThrow();
    },
  );

  test.skipIf(skip || engine !== 'sqlite')(
    'SQLite: a migration that would leave dangling references is rolled back',
    async () => {
      const dangling = new MemoryFolder('sqlite');
      const [init, details] = set.migrations as unknown as [Migration, Migration];
      await dangling.add('init', init);
      await dangling.add('author_details', details);
      await dangling.add('orphan', {
        up: [
          "insert into book (id, author_id, title) values ('018f0000-0000-7000-8000-0000000003ff', '018f0000-0000-7000-8000-0000000000ff', 'orphan')",
        ],
        down: [],
      });
      const before = await rawRows(first, sql`select id from book`);
      const danglingSet = await dangling.set();
      const error = await migrationError(() => migrate(first, { migrations: danglingSet }));
      expect(error.code).toBe('MIGRATION_FOREIGN_KEYS');
      expect(error.message).toContain('book → author');
      expect(await rawRows(first, sql`select id from book`)).toEqual(before);
    },
  );
});
