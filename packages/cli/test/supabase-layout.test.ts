// Strata and the Supabase CLI applying one project's migrations, on PostgreSQL and PGlite:
// `supabaseMigrations` makes `strata generate` copy each PostgreSQL migration to
// supabase/migrations/<version>_<tag>.sql, and `strata migrate`/`rollback` keep the Supabase CLI's
// record (supabase_migrations.schema_migrations) in step, so that neither applies one twice.
// The Supabase CLI itself cannot run here: `supabaseDbPush` below stands in for `supabase db push`
// (the same record table, one transaction per pending file in version order).
import { migrationFiles } from '@strata/core';
import { engineCases } from '@strata/testing';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { configSource, createProject, type Project, removeProjects, SCHEMAS } from './support/project.js';

afterAll(removeProjects);

const SUPABASE = 'supabase/migrations';
const COPY = /^(\d{14})_(\d{4}_\w+)\.sql$/;

function supabaseConfig(url: string, schemaFile = 'schema-v1.ts'): string {
  return configSource({ schemaFile, url }).replace(
    `connection: ${JSON.stringify(url)},`,
    `connection: ${JSON.stringify(url)},\n      supabaseMigrations: '${SUPABASE}',`,
  );
}

/**
 * What `supabase db push` does to a database: makes its record table when missing, then applies
 * each file of supabase/migrations whose version is not recorded, in version order, each with
 * its record in one transaction. Returns the versions it applied.
 */
async function supabaseDbPush(project: Project): Promise<string[]> {
  const files = (await project.list(SUPABASE)).filter((name) => /^\d+_.*\.sql$/.test(name));
  return project.withDatabase(async (db) => {
    await db.execute('create schema if not exists supabase_migrations');
    await db.execute(
      'create table if not exists supabase_migrations.schema_migrations (version text not null primary key)',
    );
    await db.execute('alter table supabase_migrations.schema_migrations add column if not exists statements text[]');
    await db.execute('alter table supabase_migrations.schema_migrations add column if not exists name text');
    const recorded = new Set(
      (await db.rows('select version from supabase_migrations.schema_migrations')).map((row) => String(row.version)),
    );
    const applied: string[] = [];
    for (const file of files) {
      const [, version = '', name = ''] = /^(\d+)_(.*)\.sql$/.exec(file) ?? [];
      if (recorded.has(version)) continue;
      const statements = (await project.read(`${SUPABASE}/${file}`))
        .split('--> statement-breakpoint')
        .map((statement) => statement.trim())
        .filter((statement) => statement.replace(/--.*$/gm, '').trim() !== '');
      await db.execute('begin');
      try {
        for (const statement of statements) await db.execute(statement);
        await db.execute(
          `insert into supabase_migrations.schema_migrations (version, name) values ('${version}', '${name}')`,
        );
        await db.execute('commit');
      } catch (error) {
        await db.execute('rollback');
        throw error;
      }
      applied.push(version);
    }
    return applied;
  });
}

async function recordedVersions(project: Project): Promise<string[]> {
  return project.withDatabase(async (db) =>
    (await db.rows('select version from supabase_migrations.schema_migrations order by version')).map((row) =>
      String(row.version),
    ),
  );
}

async function strataHistory(project: Project): Promise<string[]> {
  return project.withDatabase(async (db) =>
    (await db.rows('select id from strata_migrations order by id')).map((row) => String(row.id)),
  );
}

const pgEngines = engineCases().filter(({ engine }) => engine !== 'sqlite');

describe.each(pgEngines)('Strata beside the Supabase CLI on $engine', ({ engine, skip }) => {
  let project: Project;
  let versions: Map<string, string>;

  const copies = async () => {
    versions = new Map();
    for (const name of await project.list(SUPABASE)) {
      const [, version = '', tag = ''] = COPY.exec(name) ?? [];
      versions.set(tag, version);
    }
    return versions;
  };

  beforeAll(async () => {
    if (skip) return;
    project = await createProject(engine, { 'schema-v1.ts': SCHEMAS.v1, 'schema-v2.ts': SCHEMAS.v2 });
    await project.write('strata.config.ts', supabaseConfig(project.url));
    // A config file per schema version: a module once loaded stays loaded.
    await project.write('v2.config.ts', supabaseConfig(project.url, 'schema-v2.ts'));
  });

  test.skipIf(skip)('generate copies the migration where the Supabase CLI reads it', async () => {
    const { code, stdout } = await project.run('generate');
    expect(code).toBe(0);
    expect(stdout).toMatch(/supabase\/migrations\/\d{14}_0001_init\.sql/);
    expect([...(await copies()).keys()]).toEqual(['0001_init']);
    // Strata's journal, down file and snapshot stay in Strata's folder.
    expect(await project.list(SUPABASE)).toHaveLength(1);
    const copy = await project.read(`${SUPABASE}/${versions.get('0001_init')}_0001_init.sql`);
    const up = await project.read(`${project.migrations}/${migrationFiles('0001_init').up}`);
    expect(copy).toBe(
      `-- Copy of ${project.migrations}/0001_init.sql, written by strata: change that file (then run strata hash), not this one.\n${up}`,
    );
  });

  test.skipIf(skip)('a migration supabase db push applied is recorded by strata migrate, not run again', async () => {
    expect(await supabaseDbPush(project)).toEqual([versions.get('0001_init')]);
    const { code, stdout } = await project.run('--config', 'v2.config.ts', 'migrate');
    expect(code).toBe(0);
    expect(stdout).toContain('0001_init was applied by supabase db push; recorded');
    expect(await strataHistory(project)).toEqual(['0001_init']);
    expect(await recordedVersions(project)).toEqual([versions.get('0001_init')]);
  });

  test.skipIf(skip)('one strata migrate applies is recorded for the Supabase CLI, which then skips it', async () => {
    const generated = await project.run('--config', 'v2.config.ts', 'generate', '--name', 'contact', '--no-renames');
    expect(generated.stderr).toBe('');
    expect(generated.code).toBe(0);
    await copies();
    const first = versions.get('0001_init') ?? '';
    const second = versions.get('0002_contact') ?? '';
    expect(second > first).toBe(true);
    const { code, stdout } = await project.run('--config', 'v2.config.ts', 'migrate');
    expect(code).toBe(0);
    expect(stdout).toContain('applied 0002_contact');
    expect(await recordedVersions(project)).toEqual([first, second]);
    expect(await supabaseDbPush(project)).toEqual([]);
    expect(await strataHistory(project)).toEqual(['0001_init', '0002_contact']);
  });

  test.skipIf(skip)('strata check reports a copy edited by hand', async () => {
    expect((await project.run('--config', 'v2.config.ts', 'check')).code).toBe(0);
    const file = `${SUPABASE}/${versions.get('0002_contact')}_0002_contact.sql`;
    const original = await project.read(file);
    await project.write(file, `${original}\nalter table "author" add column "nickname" text;\n`);
    const { code, stdout, stderr } = await project.run('--config', 'v2.config.ts', 'check');
    expect(code).toBe(1);
    expect(`${stdout}${stderr}`).toContain(`${file} differs from ${project.migrations}/0002_contact.sql`);
    await project.write(file, original);
    expect((await project.run('--config', 'v2.config.ts', 'check')).code).toBe(0);
  });

  test.skipIf(skip)(
    'rollback removes the record too; a later push applies the copy and migrate adopts it',
    async () => {
      const second = versions.get('0002_contact') ?? '';
      expect((await project.run('--config', 'v2.config.ts', 'rollback')).code).toBe(0);
      expect(await strataHistory(project)).toEqual(['0001_init']);
      expect(await recordedVersions(project)).toEqual([versions.get('0001_init')]);
      expect(await supabaseDbPush(project)).toEqual([second]);
      const { code, stdout } = await project.run('--config', 'v2.config.ts', 'migrate');
      expect(code).toBe(0);
      expect(stdout).toContain('0002_contact was applied by supabase db push; recorded');
      expect(await strataHistory(project)).toEqual(['0001_init', '0002_contact']);
      const columns = await project.withDatabase((db) => db.columns('author'));
      expect(columns).toContain('email');
    },
  );
});

describe('supabaseMigrations in the configuration', () => {
  test('is refused for a database that generates no PostgreSQL migrations', async () => {
    const project = await createProject('sqlite', { 'schema-v1.ts': SCHEMAS.v1 });
    await project.write(
      'strata.config.ts',
      supabaseConfig(project.url).replace('supabaseMigrations', "dialects: ['sqlite'],\n      supabaseMigrations"),
    );
    const { code, stderr } = await project.run('generate');
    expect(code).not.toBe(0);
    expect(stderr).toContain('supabaseMigrations: the Supabase CLI applies PostgreSQL migrations');
    expect(stderr).toContain("add 'pg' to its dialects");
  });
});
