// `strata push`, `reset`, `seed` and `health` through `main(argv, io)` on every engine selected by
// ENGINES: push creates and alters a development database but never drops data without --force,
// reset is idempotent and seeds, seed --fake inserts deterministic rows.
import { engineCases } from '@strata/testing';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createV1Project, type Project, removeProjects, useSchema } from './support/project.js';

afterAll(removeProjects);

/** The config's seed function: two authors, one book each. */
const SEED = `        const [ann, bob] = await db.drizzle
          .insert(db.tables.author)
          .values([{ name: 'Seeded Ann' }, { name: 'Seeded Bob' }])
          .returning();
        await db.drizzle.insert(db.tables.book).values([
          { authorId: ann.id, title: 'First' },
          { authorId: bob.id, title: 'Second' },
        ]);`;

describe.each(engineCases())('strata push, reset and seed on $engine', ({ engine, skip }) => {
  let project: Project;

  beforeAll(async () => {
    if (skip) return;
    project = await createV1Project(engine, { seed: SEED });
  });

  test.skipIf(skip)('push on a fresh database creates the tables; a second push has nothing to do', async () => {
    const pushed = await project.json('push');
    expect(pushed.stderr).toBe('');
    expect(pushed.code).toBe(0);
    expect(pushed.document).toMatchObject({
      ok: true,
      command: 'push',
      databases: [{ database: 'app', engine, statements: expect.any(Array), drops: [] }],
    });
    await project.withDatabase(async (db) => {
      expect(await db.tables()).toEqual(['author', 'book', 'strata_migrations', 'strata_push']);
      await db.execute(
        `insert into author (id, name, bio) values ('018f0000-0000-7000-8000-000000000001', 'Ann', 'kept')`,
      );
    });
    const again = await project.run('push');
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('already matches the schema');
  });

  test.skipIf(skip)('push refuses to drop a column (MIGRATION_DATA_LOSS) unless --force', async () => {
    const config = await useSchema(project, 'v1WithoutBio', 'without-bio.config.ts');
    const refused = await project.json('--config', config, 'push');
    expect(refused.code).toBe(1);
    expect(refused.document).toMatchObject({ ok: false, command: 'push', error: { code: 'MIGRATION_DATA_LOSS' } });
    expect(refused.stderr).toContain('Pushing would drop column "author"."bio"');
    expect(refused.stderr).toContain('--force');
    await project.withDatabase(async (db) => {
      expect(await db.columns('author')).toContain('bio');
      expect(await db.rows('select bio from author')).toEqual([{ bio: 'kept' }]);
    });

    const forced = await project.run('--config', config, 'push', '--force');
    expect(forced.stderr).toBe('');
    expect(forced.code).toBe(0);
    expect(forced.stdout).toContain('dropped column "author"."bio"');
    await project.withDatabase(async (db) => {
      expect(await db.columns('author')).toEqual(['country', 'id', 'name']);
      expect(await db.rows('select name from author')).toEqual([{ name: 'Ann' }]);
    });
  });

  test.skipIf(skip)('reset --force twice leaves the same tables and runs the seed function each time', async () => {
    const first = await project.json('reset', '--force');
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.document).toMatchObject({
      ok: true,
      command: 'reset',
      databases: [{ database: 'app', engine, dropped: ['author', 'book'], seeded: true }],
    });
    const afterFirst = await project.withDatabase(async (db) => ({
      tables: await db.tables(),
      bio: (await db.columns('author')).includes('bio'),
      authors: await db.rows('select name from author order by name'),
    }));
    // strata.config.ts has schema v1: the column dropped by the forced push is back, the rows are the seed's.
    expect(afterFirst).toEqual({
      tables: ['author', 'book', 'strata_migrations', 'strata_push'],
      bio: true,
      authors: [{ name: 'Seeded Ann' }, { name: 'Seeded Bob' }],
    });

    const second = await project.run('reset', '--force');
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('dropped 2 tables, pushed the schema, seeded');
    const afterSecond = await project.withDatabase(async (db) => ({
      tables: await db.tables(),
      bio: (await db.columns('author')).includes('bio'),
      authors: await db.rows('select name from author order by name'),
    }));
    expect(afterSecond).toEqual(afterFirst);
  });

  test.skipIf(skip)('seed runs the config seed function; seed --fake inserts deterministic rows', async () => {
    const noSeed = await project.run('reset', '--force', '--no-seed');
    expect(noSeed.code).toBe(0);
    expect(noSeed.stdout).not.toContain('seeded');
    const seeded = await project.run('seed');
    expect(seeded.code).toBe(0);
    expect(seeded.stdout).toContain('seeded');

    const fake = await project.json('seed', '--fake', 'author=3', 'book=5', '--seed', '1');
    expect(fake.stderr).toBe('');
    expect(fake.code).toBe(0);
    expect(fake.document).toMatchObject({
      ok: true,
      command: 'seed',
      databases: [{ database: 'app', inserted: { author: 3, book: 5 } }],
    });
    const fakeNames = await project.withDatabase(async (db) => {
      expect(await db.rows('select cast(count(*) as integer) as n from author')).toEqual([{ n: 5 }]);
      expect(await db.rows('select cast(count(*) as integer) as n from book')).toEqual([{ n: 7 }]);
      return db.rows("select name from author where name not like 'Seeded %' order by name");
    });

    // Same seed, same rows.
    expect((await project.run('reset', '--force', '--no-seed')).code).toBe(0);
    expect((await project.run('seed', '--fake', 'author=3', 'book=5', '--seed', '1')).code).toBe(0);
    await project.withDatabase(async (db) => {
      expect(await db.rows('select name from author order by name')).toEqual(fakeNames);
    });

    const badPair = await project.run('seed', '--fake', 'author');
    expect(badPair.code).toBe(2);
    expect(badPair.stderr).toContain('--fake "author" must look like table=count');
  });

  test.skipIf(skip)(
    'reset --force on a project with migrations applies them, twice alike; health reports',
    async () => {
      expect((await project.run('generate')).code).toBe(0);
      for (let round = 0; round < 2; round++) {
        const reset = await project.run('reset', '--force');
        expect(reset.stderr).toBe('');
        expect(reset.code).toBe(0);
        expect(reset.stdout).toContain('applied 1 migrations, seeded');
        await project.withDatabase(async (db) => {
          expect(await db.tables()).toEqual(['author', 'book', 'strata_migrations']);
          expect(await db.rows('select id from strata_migrations')).toEqual([{ id: '0001_init' }]);
          expect(await db.rows('select cast(count(*) as integer) as n from author')).toEqual([{ n: 2 }]);
        });
      }
      const health = await project.json('health');
      expect(health.code).toBe(0);
      expect(health.document).toMatchObject({
        ok: true,
        command: 'health',
        databases: [{ engine, serverVersion: expect.any(String), latencyMs: expect.any(Number), pendingMigrations: 0 }],
      });
      expect((await project.run('check')).code).toBe(0);
    },
  );
});
