import { StrataError } from '@strata/core';
import { type SQL, sql } from 'drizzle-orm';

/**
 * What the stand-in needs of a Strata database: its dialect and its Drizzle database. Any
 * Strata database is one.
 *
 * @example
 * ```ts
 * const target: SupabaseStandInTarget = await openTestDatabase('pglite', schema);
 * ```
 */
export interface SupabaseStandInTarget {
  readonly dialect: 'pg' | 'sqlite';
  readonly drizzle: unknown;
}

/**
 * Supabase's API roles: `service_role` bypasses row-level security, the other two do not.
 *
 * @example
 * ```ts
 * for (const role of SUPABASE_ROLES) await db.withClaims({ role }, (tx) => tx.repos.note.count());
 * ```
 */
export const SUPABASE_ROLES = ['anon', 'authenticated', 'service_role'] as const;

/** A PostgreSQL Drizzle database of any driver: postgres-js returns rows, PGlite `{ rows }`. */
interface Executing {
  execute(query: SQL): PromiseLike<unknown>;
}

async function rows(db: Executing, query: SQL): Promise<Record<string, unknown>[]> {
  const result = await db.execute(query);
  return (Array.isArray(result) ? result : (result as { rows: Record<string, unknown>[] }).rows) ?? [];
}

/**
 * Roles live in the whole server, and test files create them from parallel connections: a
 * second `CREATE ROLE` fails with duplicate_object (42710) or, when both pass the catalog check
 * at once, unique_violation (23505). Either means it exists now, which is all that is needed.
 */
function alreadyThere(error: unknown): boolean {
  for (let current = error, depth = 0; current && depth < 5; depth++) {
    const code = (current as { code?: unknown }).code;
    if (code === '42710' || code === '23505' || code === '42P06') return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}

async function tolerant(db: Executing, query: SQL): Promise<void> {
  try {
    await db.execute(query);
  } catch (error) {
    if (!alreadyThere(error)) throw error;
  }
}

/**
 * Supabase's own definitions (from its `auth` schema migrations): a claim from the per-claim
 * setting older PostgREST versions set, else from `request.jwt.claims`; `nullif` because a
 * setting a finished transaction set reads as '' afterwards.
 */
const FUNCTIONS = [
  sql`create or replace function auth.uid() returns uuid language sql stable as $$
    select coalesce(nullif(current_setting('request.jwt.claim.sub', true), ''),
      (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'sub'))::uuid $$`,
  sql`create or replace function auth.role() returns text language sql stable as $$
    select coalesce(nullif(current_setting('request.jwt.claim.role', true), ''),
      (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'role'))::text $$`,
  sql`create or replace function auth.jwt() returns jsonb language sql stable as $$
    select coalesce(nullif(current_setting('request.jwt.claim', true), ''),
      nullif(current_setting('request.jwt.claims', true), ''))::jsonb $$`,
];

const roleList = sql.join(
  SUPABASE_ROLES.map((role) => sql.identifier(role)),
  sql`, `,
);

/**
 * Grants Supabase's roles what Supabase grants them on `public`: its tables now and tables
 * created later (default privileges of the role running this), so that policies, not missing
 * privileges, decide what each role sees. Run again after creating tables as another role.
 *
 * @example
 * ```ts
 * await db.createTables();
 * await grantSupabaseRoles(db);
 * ```
 */
export async function grantSupabaseRoles(db: SupabaseStandInTarget): Promise<void> {
  const target = pgDrizzle(db);
  await target.execute(sql`grant usage on schema public to ${roleList}`);
  await target.execute(sql`grant all on all tables in schema public to ${roleList}`);
  await target.execute(sql`grant all on all sequences in schema public to ${roleList}`);
  await target.execute(sql`alter default privileges in schema public grant all on tables to ${roleList}`);
  await target.execute(sql`alter default privileges in schema public grant all on sequences to ${roleList}`);
}

function pgDrizzle(db: SupabaseStandInTarget): Executing {
  if (db.dialect !== 'pg') {
    throw new StrataError(
      'ROW_LEVEL_SECURITY_UNSUPPORTED',
      'the Supabase auth stand-in needs PostgreSQL (a server or PGlite); SQLite has no roles',
    );
  }
  return db.drizzle as Executing;
}

/**
 * A stand-in for Supabase's `auth` schema, for tests on a plain PostgreSQL server or PGlite: it
 * is not Supabase and has no users table, sign-in or tokens. It creates the roles `anon`,
 * `authenticated` and `service_role` (NOLOGIN; `service_role` has BYPASSRLS) unless they exist,
 * the schema `auth` with `auth.uid()`, `auth.role()` and `auth.jwt()` reading
 * `request.jwt.claims` as Supabase's do, and grants the roles access to `public`
 * ({@link grantSupabaseRoles}). Idempotent, and safe from test files running in parallel against
 * one server (roles are server-wide). The connecting role must be allowed to create roles and to
 * take them (`db.withClaims`): a superuser is.
 *
 * @example
 * ```ts
 * const db = await openTestDatabase('postgres', schema);
 * await installSupabaseAuthStandIn(db);
 * await db.createTables();
 * const mine = await db.withClaims({ role: 'authenticated', claims: { sub: userId } }, (tx) => tx.repos.note.findMany());
 * ```
 */
export async function installSupabaseAuthStandIn(db: SupabaseStandInTarget): Promise<void> {
  const target = pgDrizzle(db);
  const existing = new Set(
    (
      await rows(target, sql`select rolname from pg_roles where rolname in (${sql.join([...SUPABASE_ROLES], sql`, `)})`)
    ).map((row) => row.rolname),
  );
  for (const role of SUPABASE_ROLES) {
    if (existing.has(role)) continue;
    const bypass = role === 'service_role' ? sql` bypassrls` : sql``;
    await tolerant(target, sql`create role ${sql.identifier(role)} nologin noinherit${bypass}`);
  }
  const hasAuth = await rows(target, sql`select 1 as found from pg_namespace where nspname = 'auth'`);
  if (hasAuth.length === 0) await tolerant(target, sql`create schema if not exists auth`);
  for (const definition of FUNCTIONS) await target.execute(definition);
  await target.execute(sql`grant usage on schema auth to ${roleList}`);
  await target.execute(sql`grant execute on all functions in schema auth to ${roleList}`);
  await grantSupabaseRoles(db);
}
