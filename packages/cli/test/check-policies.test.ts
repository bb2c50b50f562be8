// `strata check` and row-level security: generated migrations carry the schema's policies, the
// in-memory replay has the roles they name (it checks migrations, not the server's roles), and a
// policy changed by hand on the live database is reported as changed outside migrations.
import { engineCases } from '@strata/testing';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { configSource, createProject, dialectOf, type Project, removeProjects } from './support/project.js';

afterAll(removeProjects);

const SCHEMA = `import { currentUserId, defineTable, eq, id, policy, text, uuid } from '@strata/core';

export const note = defineTable('note', { id: id(), ownerId: uuid().notNull(), body: text().notNull() }, (t) => [
  policy('note_read_own', { for: 'select', to: ['anon', 'authenticated'], using: eq(t.ownerId, currentUserId()) }),
]);
`;

// Roles are server-wide and test files run in parallel: a role another file just created is fine.
const ROLES = ['anon', 'authenticated'].map(
  (role) =>
    `do $$ begin create role "${role}" nologin; exception when duplicate_object or unique_violation then null; end $$`,
);

describe.each(engineCases({ only: ['pglite', 'postgres'] }))(
  'strata check and policies on $engine',
  ({ engine, skip }) => {
    let project: Project;

    beforeAll(async () => {
      if (skip) return;
      project = await createProject(engine, { 'schema.ts': SCHEMA });
      await project.write('strata.config.ts', configSource({ schemaFile: 'schema.ts', url: project.url }));
      await project.withDatabase(async (db) => {
        for (const statement of ROLES) await db.execute(statement);
      });
    });

    test.skipIf(skip)(
      'generate writes the policies; check agrees after migrate; a policy edited by hand is found',
      async () => {
        expect((await project.run('generate', '--name', 'init')).code).toBe(0);
        const folder = project.migrations;
        const [up] = (await project.list(folder)).filter((file) => /^0001_.*(?<!\.down)\.sql$/.test(file));
        const upSql = await project.read(`${folder}/${up}`);
        expect(upSql).toContain('ALTER TABLE "note" ENABLE ROW LEVEL SECURITY');
        expect(upSql).toContain(
          'CREATE POLICY "note_read_own" ON "note" AS PERMISSIVE FOR SELECT TO "anon", "authenticated"',
        );
        expect((await project.run('migrate')).code).toBe(0);

        const clean = await project.json('check');
        expect(clean.document).toMatchObject({ ok: true, findings: [] });
        expect(clean.code).toBe(0);

        await project.withDatabase((db) =>
          db.execute(`ALTER POLICY "note_read_own" ON "note" TO authenticated USING (true)`),
        );
        const drifted = await project.json('check');
        expect(drifted.code).toBe(1);
        expect(drifted.document).toMatchObject({
          ok: false,
          findings: [
            {
              database: 'app',
              dialect: dialectOf(engine),
              kind: 'database',
              problem: expect.stringMatching(
                /^changed outside migrations: - note\.note_read_own: permissive for select to anon, authenticated using/,
              ),
            },
            {
              kind: 'database',
              problem:
                'changed outside migrations: + note.note_read_own: permissive for select to authenticated using true',
            },
          ],
        });
      },
    );
  },
);
