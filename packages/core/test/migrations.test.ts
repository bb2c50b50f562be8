// The engine-neutral half of migrations: files, journals, checksums and plans.
import { describe, expect, test } from 'vitest';
import {
  type AppliedMigration,
  JOURNAL_FILE,
  joinStatements,
  type MigrationError,
  type MigrationSet,
  migrationChecksum,
  migrationSetFromFiles,
  parseJournal,
  planMigrations,
  splitStatements,
} from '../src/index.js';

async function folderWith(migrations: { tag: string; up: string; down: string }[]) {
  const files: Record<string, string> = {};
  const entries = [];
  for (const { tag, up, down } of migrations) {
    files[`./migrations/app/pg/${tag}.sql`] = up;
    files[`./migrations/app/pg/${tag}.down.sql`] = down;
    entries.push({
      index: Number(tag.slice(0, 4)),
      tag,
      checksum: await migrationChecksum(up, down),
      custom: false,
      createdAt: 'x',
    });
  }
  files[`./migrations/app/pg/${JOURNAL_FILE}`] = JSON.stringify({ version: 1, dialect: 'pg', entries });
  return files;
}

async function rejection(promise: Promise<unknown>): Promise<MigrationError> {
  try {
    await promise;
  } catch (error) {
    return error as MigrationError;
  }
  throw new Error('expected a rejection');
}

describe('statements', () => {
  test('split at breakpoint lines; comment-only pieces are dropped; CRLF is the same', () => {
    const file =
      '-- header\ncreate table a (x int);\r\n--> statement-breakpoint\r\ncreate function f() returns int as $$ select 1; $$ language sql;\n--> statement-breakpoint\n-- only a comment\n';
    expect(splitStatements(file)).toEqual([
      '-- header\ncreate table a (x int);',
      'create function f() returns int as $$ select 1; $$ language sql;',
    ]);
    expect(splitStatements(joinStatements(['a;', 'b;']))).toEqual(['a;', 'b;']);
    expect(splitStatements('-- nothing here\n')).toEqual([]);
  });

  test('checksums ignore line endings and cover both files', async () => {
    expect(await migrationChecksum('a;\n', 'b;\n')).toBe(await migrationChecksum('a;\r\n', 'b;\r\n'));
    expect(await migrationChecksum('a;', 'b;')).not.toBe(await migrationChecksum('a;', 'c;'));
    expect(await migrationChecksum('a;', '')).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('journal', () => {
  test.each([
    ['not json', '{', 'is not valid JSON'],
    ['wrong version', { version: 2, dialect: 'pg', entries: [] }, 'has version 2'],
    ['no dialect', { version: 1, entries: [] }, 'needs "dialect"'],
    ['bad tag', { version: 1, dialect: 'pg', entries: [{ tag: 'init', index: 1 }] }, 'valid "tag"'],
    [
      'index not matching tag',
      { version: 1, dialect: 'pg', entries: [{ tag: '0002_a', index: 1 }] },
      'does not match its tag',
    ],
    [
      'bad checksum',
      { version: 1, dialect: 'pg', entries: [{ tag: '0001_a', index: 1, checksum: 'x' }] },
      'valid "checksum"',
    ],
  ])('%s is refused, naming the file and the fix', (_, input, problem) => {
    let error: MigrationError | undefined;
    try {
      parseJournal(input, 'migrations/app/pg/meta/_journal.json');
    } catch (caught) {
      error = caught as MigrationError;
    }
    expect(error?.code).toBe('MIGRATION_JOURNAL_INVALID');
    expect(error?.message).toContain('migrations/app/pg/meta/_journal.json');
    expect(error?.message).toContain(problem);
    expect(error?.message).toContain('strata hash');
  });

  test('two migrations with one number (a merge of two branches) are named', () => {
    const entry = (tag: string) => ({ tag, index: 3, checksum: '0'.repeat(64), custom: false, createdAt: 'x' });
    expect(() =>
      parseJournal({ version: 1, dialect: 'pg', entries: [entry('0003_a'), entry('0003_b')] }, 'j.json'),
    ).toThrow(/"0003_a" and "0003_b" have the same number/);
  });
});

describe('migration sets from files (a folder, or a bundle in a browser)', () => {
  test('keys may carry any folder prefix; statements are split; order is the journal order', async () => {
    const files = await folderWith([
      {
        tag: '0001_init',
        up: 'create table a (x int);\n--> statement-breakpoint\ncreate index a_x on a (x);\n',
        down: 'drop table a;\n',
      },
      { tag: '0002_more', up: 'alter table a add y int;\n', down: 'alter table a drop y;\n' },
    ]);
    const set = await migrationSetFromFiles(files);
    expect(set.dialect).toBe('pg');
    expect(set.migrations.map((m) => [m.id, m.index, m.up.length, m.down.length])).toEqual([
      ['0001_init', 1, 2, 1],
      ['0002_more', 2, 1, 1],
    ]);
  });

  test('an edited file, a missing file and an unlisted file are each refused with the fix', async () => {
    const files = await folderWith([{ tag: '0001_init', up: 'create table a (x int);\n', down: 'drop table a;\n' }]);
    const tampered = await rejection(
      migrationSetFromFiles(
        { ...files, './migrations/app/pg/0001_init.sql': 'create table a (x bigint);\n' },
        'migrations/app/pg',
      ),
    );
    expect(tampered.code).toBe('MIGRATION_TAMPERED');
    expect(tampered.file).toBe('migrations/app/pg/0001_init.sql');
    expect(tampered.message).toContain('strata hash');

    const withoutDown = { ...files };
    delete withoutDown['./migrations/app/pg/0001_init.down.sql'];
    expect((await rejection(migrationSetFromFiles(withoutDown))).code).toBe('MIGRATION_FILE_MISSING');

    const unlisted = await rejection(migrationSetFromFiles({ ...files, '0002_extra.sql': 'select 1;' }));
    expect(unlisted.code).toBe('MIGRATION_UNLISTED');
    expect(unlisted.migration).toBe('0002_extra');

    const noJournal = { ...files };
    delete noJournal[`./migrations/app/pg/${JOURNAL_FILE}`];
    expect((await rejection(migrationSetFromFiles(noJournal))).message).toContain('strata generate');
  });
});

describe('plans', () => {
  const migration = (index: number, checksum = 'c') => ({
    id: `000${index}_m${index}`,
    index,
    up: [],
    down: [],
    checksum,
    custom: false,
  });
  const set: MigrationSet = { dialect: 'pg', migrations: [migration(1), migration(2), migration(3)] };
  const applied = (id: string, checksum = 'c'): AppliedMigration => ({
    id,
    checksum,
    appliedAt: 'then',
    schemaDump: null,
  });

  test('applied, pending, changed, missing and out-of-order', () => {
    expect(planMigrations(set, []).pending.map((m) => m.id)).toEqual(['0001_m1', '0002_m2', '0003_m3']);
    const plan = planMigrations(set, [applied('0001_m1'), applied('0003_m3', 'other'), applied('0009_gone')]);
    expect(plan.states.map((s) => `${s.id}:${s.state}`)).toEqual([
      '0001_m1:applied',
      '0002_m2:out-of-order',
      '0003_m3:changed',
      '0009_gone:missing',
    ]);
    expect(plan.problems.map((p) => p.code)).toEqual([
      'MIGRATION_MISSING',
      'MIGRATION_CHANGED',
      'MIGRATION_OUT_OF_ORDER',
    ]);
    expect(plan.applied.map((m) => m.id)).toEqual(['0001_m1', '0003_m3']);
  });
});
