// Migrations end to end on every engine: generate with drizzle-kit, apply, change the schema
// (add column, add index, NOT NULL with default, rename with a hint, drop, table rename),
// apply, roll back, apply again — with the schema dump and the rows checked at each step.
import type { MigrationSet } from '@strata/core';
import {
  compareDumps,
  dumpSchema,
  type GenerationDialect,
  generateMigration,
  migrate,
  migrationStatus,
  rollback,
} from '@strata/sql';
import { pgGeneration } from '@strata/sql/postgres';
import { sqliteGeneration } from '@strata/sql/sqlite';
import { engineCases, openTestDatabase, rawExecute, rawRows, type TestDatabase } from '@strata/testing';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import * as schemas from './fixtures/migration-schemas.js';
import { MemoryFolder, migrationError } from './migration-support.js';

type Db = TestDatabase<typeof schemas.v1>;

describe.each(engineCases())('migrations on $engine', ({ engine, skip }) => {
  let db: Db;
  let dialect: GenerationDialect;
  const folder = new MemoryFolder(engine === 'sqlite' ? 'sqlite' : 'pg');
  let set: MigrationSet;
  const dumps: Awaited<ReturnType<typeof dumpSchema>>[] = [];

  beforeAll(async () => {
    if (skip) return;
    db = await openTestDatabase(engine, schemas.v1);
    dialect = engine === 'sqlite' ? sqliteGeneration : pgGeneration;
    dumps.push(await dumpSchema(db));
  });
  afterAll(async () => {
    await db?.close();
  });

  test.skipIf(skip)('the first migration creates the tables; status lists it applied', async () => {
    const first = await generateMigration({ dialect, schema: schemas.v1 });
    expect(first.up.some((statement) => /CREATE TABLE/i.test(statement))).toBe(true);
    expect(first.down.some((statement) => /DROP TABLE/i.test(statement))).toBe(true);
    await folder.add('init', first);
    set = await folder.set();
    expect((await migrationStatus(db, { migrations: set })).pending).toBe(1);
    const result = await migrate(db, { migrations: set });
    expect(result.migrations).toEqual(['0001_init']);
    const status = await migrationStatus(db, { migrations: set });
    expect(status.states.map((s) => s.state)).toEqual(['applied']);
    expect(status.drift).toEqual([]);
    expect(Object.keys((await dumpSchema(db)).tables).sort()).toEqual(['author', 'book']);
    dumps.push(await dumpSchema(db));

    await rawExecute(
      db,
      sql`insert into author (id, name, bio, country) values ('018f0000-0000-7000-8000-000000000001', 'Ann', 'bio', null)`,
    );
    for (let i = 0; i < 5; i++) {
      await rawExecute(
        db,
        sql`insert into book (id, author_id, title, pages) values (${`018f0000-0000-7000-8000-00000000010${i}`}, '018f0000-0000-7000-8000-000000000001', ${`Book ${i}`}, ${i})`,
      );
    }
  });

  test.skipIf(skip)('a second migration keeps every row, through renames and table rebuilds', async () => {
    const second = await generateMigration({
      dialect,
      schema: schemas.v2,
      previous: (await generateMigration({ dialect, schema: schemas.v1 })).snapshot,
    });
    expect(second.renames).toEqual([{ kind: 'column', table: 'author', from: 'name', to: 'full_name' }]);
    await folder.add('author_details', second);
    set = await folder.set();
    expect((await migrate(db, { migrations: set })).migrations).toEqual(['0002_author_details']);
    const [author] = await rawRows(db, sql`select full_name, country, bio from author`);
    // renamed with its data, NULL filled with the new default, untouched column kept
    expect(author).toEqual({ full_name: 'Ann', country: 'NL', bio: 'bio' });
    expect(await rawRows(db, sql`select id from book`)).toHaveLength(5);
    dumps.push(await dumpSchema(db));
    expect(compareDumps(dumps[1] as never, dumps[2] as never).join('\n')).toMatch(/book_title_idx/);
  });

  test.skipIf(skip)('without a hint, a drop next to an add is a question, never a guess', async () => {
    const previous = (await generateMigration({ dialect, schema: schemas.v2 })).snapshot;
    const error = await migrationError(() => generateMigration({ dialect, schema: schemas.v3Ambiguous, previous }));
    expect(error.code).toBe('MIGRATION_RENAME_AMBIGUOUS');
    expect(error.message).toContain('column "summary" is new and "bio" is gone');
    expect(error.message).toContain(".renamedFrom('<old name>')");
    const asked: string[] = [];
    const renamed = await generateMigration({
      dialect,
      schema: schemas.v3Ambiguous,
      previous,
      resolveRename: async (question) => {
        asked.push(`${question.table}.${question.added}?${question.candidates.join('|')}`);
        return 'bio';
      },
    });
    expect(asked).toEqual(['author.summary?bio']);
    expect(renamed.renames).toEqual([{ kind: 'column', table: 'author', from: 'bio', to: 'summary' }]);
    const dropped = await generateMigration({
      dialect,
      schema: schemas.v3Ambiguous,
      previous,
      resolveRename: async () => null,
    });
    expect(dropped.renames).toEqual([]);
    expect(dropped.up.join('\n')).toMatch(/DROP COLUMN [`"]bio[`"]/);
  });

  test.skipIf(skip)('a third migration drops a column and renames a table', async () => {
    const previous = (await generateMigration({ dialect, schema: schemas.v2 })).snapshot;
    const third = await generateMigration({ dialect, schema: schemas.v3, previous });
    expect(third.renames).toEqual([{ kind: 'table', from: 'book', to: 'volume' }]);
    await folder.add('drop_bio_rename_book', third);
    set = await folder.set();
    await migrate(db, { migrations: set });
    expect(Object.keys((await dumpSchema(db)).tables).sort()).toEqual(['author', 'volume']);
    expect(await rawRows(db, sql`select title from volume order by title`)).toHaveLength(5);
    dumps.push(await dumpSchema(db));
  });

  test.skipIf(skip)('rollback undoes migrations one by one, back to the exact schema before each', async () => {
    expect((await rollback(db, { migrations: set })).migrations).toEqual(['0003_drop_bio_rename_book']);
    expect(compareDumps(dumps[2] as never, await dumpSchema(db))).toEqual([]);
    expect(await rawRows(db, sql`select title from book`)).toHaveLength(5);
    expect((await rollback(db, { migrations: set })).migrations).toEqual(['0002_author_details']);
    expect(compareDumps(dumps[1] as never, await dumpSchema(db))).toEqual([]);
    expect(await rawRows(db, sql`select name, country from author`)).toEqual([{ name: 'Ann', country: 'NL' }]);
    expect(await rawRows(db, sql`select title from book`)).toHaveLength(5);
    expect((await rollback(db, { migrations: set, to: 0 })).migrations).toEqual(['0001_init']);
    expect(compareDumps(dumps[0] as never, await dumpSchema(db))).toEqual([]);
    expect((await migrationStatus(db, { migrations: set })).pending).toBe(3);
  });

  test.skipIf(skip)('migrate again applies everything; --to stops at a number', async () => {
    expect((await migrate(db, { migrations: set, to: 2 })).migrations).toEqual(['0001_init', '0002_author_details']);
    expect(compareDumps(dumps[2] as never, await dumpSchema(db))).toEqual([]);
    const progress: string[] = [];
    await migrate(db, { migrations: set, onProgress: (event) => progress.push(`${event.phase} ${event.migration}`) });
    expect(progress).toEqual(['start 0003_drop_bio_rename_book', 'done 0003_drop_bio_rename_book']);
    expect(compareDumps(dumps[3] as never, await dumpSchema(db))).toEqual([]);
    expect((await migrate(db, { migrations: set })).migrations).toEqual([]);
  });

  test.skipIf(skip)('changes made by hand outside migrations show as drift', async () => {
    await rawExecute(db, sql`create index volume_pages_idx on volume (pages)`);
    const status = await migrationStatus(db, { migrations: set });
    expect(status.drift.join('\n')).toContain('volume_pages_idx');
    await rawExecute(db, sql`drop index volume_pages_idx`);
    expect((await migrationStatus(db, { migrations: set })).drift).toEqual([]);
  });
});
