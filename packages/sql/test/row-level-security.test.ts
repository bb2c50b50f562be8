// Row-level security end to end on PostgreSQL (server and PGlite), through the public API: policies
// declared in the neutral schema are created by createTables() and by generated migrations (and
// dropped by rollbacks), `db.withClaims` runs a transaction as a role with JWT claims, so a user
// reads and writes only their own rows through the repository and `tx.drizzle`, another user's
// insert is refused with a typed error, anon sees nothing; a policy changed by hand is drift.
// The tests connect as a superuser, which bypasses row-level security: only the role switch of
// withClaims makes the policies apply.
import { and, defineTable, id, isDatabaseError, isStrataError, type MigrationSet, policy, text } from '@strata/core';
import {
  compareDumps,
  dumpSchema,
  generateMigration,
  migrate,
  migrationStatus,
  pushSchema,
  rollback,
} from '@strata/sql';
import { pgGeneration } from '@strata/sql/postgres';
import {
  engineCases,
  installSupabaseAuthStandIn,
  openTestDatabase,
  rawExecute,
  rawRows,
  type TestDatabase,
} from '@strata/testing';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { MemoryFolder } from './migration-support.js';
import { alice, as, bob, rejection, schema, v2 } from './rls-support.js';

/** PGlite or the server: `tx.drizzle` is a PostgreSQL Drizzle database on both. */
type PgTestDatabase = Exclude<TestDatabase<typeof schema>, { engine: 'sqlite' }>;

describe.each(engineCases({ only: ['pglite', 'postgres'] }))('row-level security on $engine', ({ engine, skip }) => {
  let db: PgTestDatabase;

  beforeAll(async () => {
    if (skip) return;
    db = (await openTestDatabase(engine, schema)) as PgTestDatabase;
    await installSupabaseAuthStandIn(db);
    await installSupabaseAuthStandIn(db); // idempotent
    await db.createTables();
    // As the owner (a superuser here): row-level security does not apply.
    await db.repos.note.createMany([
      { ownerId: alice, body: 'alice 1' },
      { ownerId: alice, body: 'alice 2' },
      { ownerId: bob, body: 'bob 1' },
    ]);
    await db.repos.board.createMany([
      { orgId: 'acme', title: 'Acme roadmap' },
      { orgId: 'globex', title: 'Globex plans' },
    ]);
  });
  afterAll(async () => {
    await db?.close();
  });

  test.skipIf(skip)('a user reads only their rows, through the repository and tx.drizzle', async () => {
    const viaRepo = await db.withClaims(as(alice), (tx) => tx.repos.note.findMany({ orderBy: { body: 'asc' } }));
    expect(viaRepo.map((row) => row.body)).toEqual(['alice 1', 'alice 2']);
    const viaDrizzle = await db.withClaims(as(bob), async (tx) =>
      tx.drizzle.select({ body: db.tables.note.body }).from(db.tables.note),
    );
    expect(viaDrizzle).toEqual([{ body: 'bob 1' }]);
    expect(await db.withClaims(as(bob), (tx) => tx.repos.note.count())).toBe(1);
    // The owner's connection is untouched afterwards: every setting was transaction-local.
    expect(await db.repos.note.count()).toBe(3);
  });

  test.skipIf(skip)("a user writes their own rows; someone else's is refused with a typed error", async () => {
    const created = await db.withClaims(as(alice), (tx) => tx.repos.note.create({ ownerId: alice, body: 'alice 3' }));
    expect(created.ownerId).toBe(alice);

    const refused = await rejection(
      db.withClaims(as(alice), (tx) => tx.repos.note.create({ ownerId: bob, body: 'forged' })),
    );
    expect(isDatabaseError(refused)).toBe(true);
    expect(refused).toMatchObject({ kind: 'permission_denied', engineCode: '42501' });
    expect(String((refused as Error).message)).toMatch(/row-level security/);

    // Bob's rows are invisible to Alice's update and delete: nothing changes.
    expect(await db.withClaims(as(alice), (tx) => tx.repos.note.updateMany({ ownerId: bob }, { body: 'x' }))).toBe(0);
    expect(await db.withClaims(as(alice), (tx) => tx.repos.note.deleteMany({ ownerId: bob }))).toBe(0);
    // Moving her own row to Bob fails the update's WITH CHECK.
    const moved = await rejection(
      db.withClaims(as(alice), (tx) => tx.repos.note.updateMany({ id: created.id }, { ownerId: bob })),
    );
    expect(moved).toMatchObject({ kind: 'permission_denied' });
    expect(await db.repos.note.count({ ownerId: bob })).toBe(1);
    await db.withClaims(as(alice), (tx) => tx.repos.note.delete(created.id));
    expect(await db.repos.note.count()).toBe(3);
  });

  test.skipIf(skip)('anon sees nothing; service_role bypasses the policies; claims reach auth.*()', async () => {
    expect(await db.withClaims({ role: 'anon' }, (tx) => tx.repos.note.findMany())).toEqual([]);
    expect(await db.withClaims({ role: 'service_role' }, (tx) => tx.repos.note.count())).toBe(3);
    const [session] = await db.withClaims(as(alice, { org_id: 'acme' }), async (tx) => {
      const result = await tx.drizzle.execute(
        sql`select auth.uid()::text as uid, auth.role() as role, auth.jwt() ->> 'org_id' as org, current_user as "user"`,
      );
      return Array.isArray(result) ? result : (result as { rows: unknown[] }).rows;
    });
    expect(session).toEqual({ uid: alice, role: 'authenticated', org: 'acme', user: 'authenticated' });
  });

  test.skipIf(skip)('jwtClaim(...) compares a column with any claim', async () => {
    const titles = await db.withClaims(as(alice, { org_id: 'acme' }), (tx) => tx.repos.board.findMany());
    expect(titles.map((row) => row.title)).toEqual(['Acme roadmap']);
    expect(await db.withClaims(as(alice), (tx) => tx.repos.board.count())).toBe(0); // no claim: NULL
  });

  test.skipIf(skip)('bad roles and claims are typed errors before anything runs', async () => {
    for (const role of ['Bad"Role', '', 'authenticated; drop table note']) {
      expect(await rejection(db.withClaims({ role }, async () => 1))).toMatchObject({ code: 'CLAIMS_INVALID' });
    }
    for (const claims of [{ sub: 1n }, { sub: 42 }, { sub: alice, when: undefined }]) {
      const error = await rejection(db.withClaims({ role: 'authenticated', claims }, async () => 1));
      expect(error).toMatchObject({ code: 'CLAIMS_INVALID' });
    }
    const unknownRole = await rejection(db.withClaims({ role: 'no_such_role' }, async () => 1));
    expect(isStrataError(unknownRole)).toBe(true);
    expect(unknownRole).toMatchObject({
      code: 'CLAIMS_INVALID',
      message: expect.stringMatching(/"no_such_role" does not exist/),
    });
  });

  test.skipIf(skip)('createTables() says which policy names a role the database lacks', async () => {
    const lacking = {
      secret: defineTable('secret', { id: id(), body: text() }, () => [
        policy('secret_read', { for: 'select', to: 'strata_role_nobody_created', using: and() }),
      ]),
    };
    const fresh = await openTestDatabase(engine, lacking);
    try {
      const error = await rejection(fresh.createTables());
      expect(error).toMatchObject({
        code: 'POLICY_ROLE_MISSING',
        message: expect.stringMatching(
          /^table "secret": policy "secret_read" cannot be created: role "strata_role_nobody_created" does not exist\. Create the roles/,
        ),
      });
    } finally {
      await fresh.close();
    }
  });

  test.skipIf(skip)('migrations create the policies, roll them back, and report a policy changed by hand', async () => {
    const first = await generateMigration({ dialect: pgGeneration, schema });
    const up = first.up.join('\n');
    expect(up).toMatch(/ALTER TABLE "note" ENABLE ROW LEVEL SECURITY/);
    expect(up).toMatch(
      /CREATE POLICY "note_insert_own" ON "note" AS PERMISSIVE FOR INSERT TO "authenticated" WITH CHECK/,
    );
    expect(up).toMatch(/request\.jwt\.claims/);
    expect(first.down.join('\n')).toMatch(/DROP POLICY "note_read_own"/);
    const second = await generateMigration({ dialect: pgGeneration, schema: v2, previous: first.snapshot });
    expect(second.up.join('\n')).toMatch(/POLICY "board_org_members"/);

    const folder = new MemoryFolder('pg');
    await folder.add('init', first);
    await folder.add('board_policy', second);
    const migrations: MigrationSet = await folder.set();
    const migrated = await openTestDatabase(engine, v2);
    try {
      await installSupabaseAuthStandIn(migrated);
      await migrate(migrated, { migrations, to: 1 });
      // Migrated exactly as createTables() built it: no drift, policies included.
      const built = await dumpSchema(db);
      expect(compareDumps(built, await dumpSchema(migrated))).toEqual([]);
      expect(Object.keys(built.tables.note?.policies ?? {}).sort()).toEqual([
        '(row level security)',
        'note_delete_own',
        'note_insert_own',
        'note_read_own',
        'note_update_own',
      ]);

      await migrate(migrated, { migrations });
      const changed = await dumpSchema(migrated);
      expect(changed.tables.board?.policies?.board_org_members).toMatch(
        /^permissive for select to anon, authenticated/,
      );
      await rollback(migrated, { migrations, to: 1 });
      expect(compareDumps(built, await dumpSchema(migrated))).toEqual([]);

      // A policy changed by hand is drift, as `strata check` reports it.
      await rawExecute(migrated, sql.raw(`ALTER POLICY "note_read_own" ON "note" USING (true)`));
      const drift = (await migrationStatus(migrated, { migrations })).drift;
      expect(drift.some((line) => line.startsWith('- note.note_read_own:'))).toBe(true);
      expect(drift).toContain('+ note.note_read_own: permissive for select to authenticated using true');
      await rawExecute(migrated, sql.raw(`ALTER TABLE "board" DISABLE ROW LEVEL SECURITY`));
      expect((await migrationStatus(migrated, { migrations })).drift).toContain(
        '- board.(row level security): enabled',
      );

      await rollback(migrated, { migrations, to: 0 });
      expect(
        await rawRows(migrated, sql`select policyname from pg_policies where schemaname = current_schema()`),
      ).toEqual([]);
    } finally {
      await migrated.close();
    }
  });

  test.skipIf(skip)('strata push creates the policies too, and changes them', async () => {
    const pushed = await openTestDatabase(engine, v2);
    try {
      await installSupabaseAuthStandIn(pushed);
      const first = await pushSchema(pushed, { schema });
      expect(first.statements.filter((statement) => /CREATE POLICY/.test(statement))).toHaveLength(5);
      expect(compareDumps(await dumpSchema(db), await dumpSchema(pushed))).toEqual([]);
      const second = await pushSchema(pushed, { schema: v2 });
      expect(second.statements.join('\n')).toMatch(/POLICY "board_org_members"/);
      const policies = (await dumpSchema(pushed)).tables.board?.policies ?? {};
      expect(policies.board_org_members).toMatch(/^permissive for select to anon, authenticated/);
    } finally {
      await pushed.close();
    }
  });
});
