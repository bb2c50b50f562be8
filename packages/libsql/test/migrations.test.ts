// Migrations on a libSQL file, from a folder as `strata generate` writes it: apply (a rename, a
// table rebuild under a parent with ON DELETE CASCADE children, an index), roll back, apply again,
// reopen; the schema dump must equal better-sqlite3's after the same migrations. Two databases of
// one process migrating at once apply each migration once; another connection holding the write
// lock makes migrate() fail with MIGRATION_LOCK_TIMEOUT.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from '@libsql/client';
import { JOURNAL_FILE, joinStatements, migrationChecksum, migrationFiles, migrationTag } from '@strata/core';
import { createDatabase } from '@strata/libsql';
import { dumpSchema, generateMigration } from '@strata/sql';
import { migrate, migrationStatus, rollback } from '@strata/sql/migrate';
import { sqliteGeneration } from '@strata/sql/sqlite';
import { createDatabase as createSqlite } from '@strata/sqlite';
import { caught } from '@strata/testing';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, test } from 'vitest';
import * as schemas from '../../sql/test/fixtures/migration-schemas.js';

// The schema versions the SQL package's migration tests use: one history, every engine.
const { v1, v2 } = schemas;

const dir = mkdtempSync(join(tmpdir(), 'strata-libsql-migrations-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const folder = join(dir, 'migrations', 'app');

/** Writes the two migrations into `folder/sqlite`, as `strata generate` would have. */
async function writeFolder(): Promise<string[]> {
  const first = await generateMigration({ dialect: sqliteGeneration, schema: v1 });
  const second = await generateMigration({ dialect: sqliteGeneration, schema: v2, previous: first.snapshot });
  const target = join(folder, 'sqlite');
  mkdirSync(join(target, 'meta'), { recursive: true });
  const entries: object[] = [];
  for (const [i, [name, migration]] of [['init', first] as const, ['author_details', second] as const].entries()) {
    const tag = migrationTag(i + 1, name);
    const names = migrationFiles(tag);
    const up = joinStatements(migration.up);
    const down = joinStatements(migration.down);
    writeFileSync(join(target, names.up), up);
    writeFileSync(join(target, names.down), down);
    const checksum = await migrationChecksum(up, down);
    entries.push({ index: i + 1, tag, checksum, custom: false, createdAt: new Date(0).toISOString() });
  }
  writeFileSync(join(target, JOURNAL_FILE), JSON.stringify({ version: 1, dialect: 'sqlite', entries }));
  return entries.map((entry) => (entry as { tag: string }).tag);
}

const ANN = '018f0000-0000-7000-8000-000000000001';

describe('migrations on a libSQL file', () => {
  let tags: string[] = [];

  test('migrate, roll back, migrate again, reopen: rows kept, dump equal to better-sqlite3', async () => {
    tags = await writeFolder();
    const url = `file:${join(dir, 'app.db')}`;
    const db = await createDatabase({ schema: v1, url });
    try {
      expect((await migrate(db, { folder, to: 1 })).migrations).toEqual([tags[0]]);
      await db.drizzle.run(sql`insert into author (id, name, bio) values (${ANN}, 'Ann', 'bio')`);
      for (let i = 0; i < 3; i++) {
        await db.drizzle.run(
          sql`insert into book (id, author_id, title) values (${`018f0000-0000-7000-8000-00000000010${i}`}, ${ANN}, ${`Book ${i}`})`,
        );
      }
      // Rebuilds `author` (NOT NULL with a default): its cascading children must survive.
      expect((await migrate(db, { folder })).migrations).toEqual([tags[1]]);
      expect(await db.drizzle.all(sql`select full_name, country, bio from author`)).toEqual([
        { full_name: 'Ann', country: 'NL', bio: 'bio' },
      ]);
      expect(await db.drizzle.all(sql`select count(*) as n from book`)).toEqual([{ n: 3n }]);
      const migrated = await dumpSchema(db);

      const reference = await createSqlite({ schema: v2 });
      try {
        await migrate(reference, { folder });
        expect(migrated).toEqual(await dumpSchema(reference));
      } finally {
        await reference.close();
      }

      expect((await rollback(db, { folder })).migrations).toEqual([tags[1]]);
      expect(await db.drizzle.all(sql`select name, bio from author`)).toEqual([{ name: 'Ann', bio: 'bio' }]);
      expect(await db.drizzle.all(sql`select count(*) as n from book`)).toEqual([{ n: 3n }]);
      expect((await migrate(db, { folder })).migrations).toEqual([tags[1]]);
      expect(await dumpSchema(db)).toEqual(migrated);
    } finally {
      await db.close();
    }

    const reopened = await createDatabase({ schema: v2, url });
    try {
      const status = await migrationStatus(reopened, { folder });
      expect(status.states.map((s) => s.state)).toEqual(['applied', 'applied']);
      expect(status.drift).toEqual([]);
      expect(await reopened.repos.book.count()).toBe(3);
      // Foreign keys are enforced again after the migrations turned them off.
      const orphan = await caught(() => reopened.repos.book.create({ authorId: crypto.randomUUID(), title: 'x' }));
      expect(orphan).toMatchObject({ kind: 'foreign_key_violation' });
    } finally {
      await reopened.close();
    }
  });

  test('two databases of one process migrating one file at once apply each migration once', async () => {
    const url = `file:${join(dir, 'twice.db')}`;
    const first = await createDatabase({ schema: v2, url });
    const second = await createDatabase({ schema: v2, url });
    try {
      const [a, b] = await Promise.all([migrate(first, { folder }), migrate(second, { folder })]);
      expect([...a.migrations, ...b.migrations].sort()).toEqual(tags);
      expect((await migrationStatus(second, { folder })).pending).toBe(0);
    } finally {
      await Promise.all([first.close(), second.close()]);
    }
  });

  test('a write lock held by another connection past lockTimeoutMs: MIGRATION_LOCK_TIMEOUT', async () => {
    const path = join(dir, 'locked.db');
    const db = await createDatabase({ schema: v2, url: `file:${path}` });
    // Another process's connection, as far as SQLite can tell.
    const other = createClient({ url: `file:${path}` });
    try {
      const holder = await other.transaction('write');
      try {
        const error = await caught(() => migrate(db, { folder, lockTimeoutMs: 200 }));
        expect(error).toMatchObject({ code: 'MIGRATION_LOCK_TIMEOUT' });
      } finally {
        await holder.rollback();
      }
      expect((await migrate(db, { folder })).migrations).toEqual(tags);
    } finally {
      other.close();
      await db.close();
    }
  });
});
