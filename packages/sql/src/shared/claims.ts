import { createDataScope, type DatabaseAdapter, type DataScope, type SchemaModule, StrataError } from '@strata/core';
import { type SQL, sql } from 'drizzle-orm';

/**
 * Who a `db.withClaims(...)` transaction runs as: a database role (`authenticated`, `anon`, …)
 * and the JWT claims policies read (`sub` is the user id that `currentUserId()` and Supabase's
 * `auth.uid()` return). `claims.role` defaults to `role`, as in a Supabase token.
 *
 * @example
 * ```ts
 * const alice: SessionClaims = { role: 'authenticated', claims: { sub: aliceId, org_id: orgId } };
 * ```
 */
export interface SessionClaims {
  readonly role: string;
  readonly claims?: Readonly<Record<string, unknown>>;
}

/**
 * What a `withClaims` callback receives: the transaction's repositories and its Drizzle
 * transaction, typed as the database's `db.drizzle` (a Drizzle transaction offers the same
 * queries). Both run as the role, with the claims.
 *
 * @example
 * ```ts
 * await db.withClaims(alice, async (tx) => tx.drizzle.select().from(db.tables.note));
 * ```
 */
export type ClaimsScope<S extends SchemaModule, TDrizzle> = DataScope<S> & { readonly drizzle: TDrizzle };

/**
 * Claims or a role `withClaims` cannot use (`CLAIMS_INVALID`), or `withClaims` on an engine
 * without row-level security (`ROW_LEVEL_SECURITY_UNSUPPORTED`, SQLite).
 *
 * @example
 * ```ts
 * await db.withClaims({ role: 'Robert"); drop table note;--' }, work); // rejects with ClaimsError
 * ```
 */
export class ClaimsError extends StrataError {
  constructor(
    code: 'CLAIMS_INVALID' | 'ROW_LEVEL_SECURITY_UNSUPPORTED',
    message: string,
    options?: { cause?: unknown },
  ) {
    super(code, message, options);
    this.name = 'ClaimsError';
  }
}

/** A role name as PostgreSQL keeps it: what policies name, at most 63 bytes. */
const ROLE_NAME = /^[a-z_][a-z0-9_$]{0,62}$/;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/** The settings of one `withClaims` transaction, checked before anything reaches the database. */
function settings(input: SessionClaims): { role: string; claims: string; sub: string; claimRole: string } {
  const role = (input as { role?: unknown } | undefined)?.role;
  if (typeof role !== 'string' || !ROLE_NAME.test(role)) {
    throw new ClaimsError(
      'CLAIMS_INVALID',
      `withClaims needs a role in lower case (letters, digits, _), such as 'authenticated'; got ${JSON.stringify(role)}`,
    );
  }
  const given = input.claims ?? {};
  if (!isPlainObject(given)) throw new ClaimsError('CLAIMS_INVALID', 'withClaims: claims must be a plain object');
  const claims: Record<string, unknown> = { role, ...given };
  let json: string;
  try {
    // A claim JSON cannot write (undefined, a function) would be dropped silently, and a policy
    // would read NULL where the caller meant a value: refused instead.
    json = JSON.stringify(claims, (_key, value: unknown) => {
      if (value === undefined || typeof value === 'function' || typeof value === 'symbol') {
        throw new TypeError('a claim is not a JSON value');
      }
      return value;
    });
  } catch (error) {
    throw new ClaimsError(
      'CLAIMS_INVALID',
      'withClaims: every claim must be a JSON value (no undefined, bigint, functions or cycles)',
      {
        cause: error,
      },
    );
  }
  const sub = claims.sub;
  if (sub !== undefined && typeof sub !== 'string') {
    throw new ClaimsError('CLAIMS_INVALID', 'withClaims: the sub claim (the user id) must be a string');
  }
  const claimRole = typeof claims.role === 'string' ? claims.role : role;
  return { role, claims: json, sub: sub ?? '', claimRole };
}

/**
 * One statement, so it costs one round trip: `set_config('role', …, true)` is `SET LOCAL ROLE`
 * with the name bound as a parameter (PostgreSQL checks that it exists and that the session may
 * take it). Every setting is transaction-local, so nothing outlives the transaction on a pooled
 * connection (PgBouncer in transaction mode). `request.jwt.claim.sub` / `.role` are the
 * per-claim settings older Supabase functions read.
 */
function settingsStatement(values: ReturnType<typeof settings>): SQL {
  return sql`select set_config('request.jwt.claims', ${values.claims}, true), set_config('request.jwt.claim.sub', ${values.sub}, true), set_config('request.jwt.claim.role', ${values.claimRole}, true), set_config('role', ${values.role}, true)`;
}

/**
 * The role name is the caller's own, not row data, so unlike engine errors (whose values Strata
 * redacts) the message names it and says what to do.
 */
function roleProblem(error: unknown, role: string): ClaimsError | undefined {
  const code =
    (error as { code?: unknown } | undefined)?.code ?? (error as { cause?: { code?: unknown } })?.cause?.code;
  if (code === '22023') {
    return new ClaimsError(
      'CLAIMS_INVALID',
      `withClaims: the role "${role}" does not exist on this database; create it (in tests installSupabaseAuthStandIn creates Supabase's roles)`,
      { cause: error },
    );
  }
  if (code === '42501') {
    return new ClaimsError(
      'CLAIMS_INVALID',
      `withClaims: the connecting role may not take the role "${role}"; grant it: GRANT "${role}" TO <connecting role>`,
      { cause: error },
    );
  }
  return undefined;
}

/** The Drizzle session behind an adapter, when it is one of Strata's SQL adapters. */
export type SessionOf = (adapter: DatabaseAdapter) => { execute(query: SQL): PromiseLike<unknown> } | undefined;

/**
 * Runs `work` in a transaction as `claims.role` with `claims.claims` set, for row-level security.
 *
 * @example
 * ```ts
 * runWithClaims(adapter, schema, sessionOf, { role: 'authenticated', claims: { sub } }, async (tx) => tx.repos.note.findMany());
 * ```
 */
export async function runWithClaims<S extends SchemaModule, TDrizzle, R>(
  adapter: DatabaseAdapter,
  schema: S,
  sessionOf: SessionOf,
  claims: SessionClaims,
  work: (tx: ClaimsScope<S, TDrizzle>) => Promise<R>,
): Promise<R> {
  const values = settings(claims);
  const statement = settingsStatement(values);
  return adapter.transaction(async (tx) => {
    const session = sessionOf(tx);
    if (!session) throw new ClaimsError('ROW_LEVEL_SECURITY_UNSUPPORTED', 'this database cannot switch roles');
    try {
      await session.execute(statement);
    } catch (error) {
      throw roleProblem(error, values.role) ?? error;
    }
    const scope = createDataScope(tx, schema);
    return work({ repo: scope.repo, repos: scope.repos, transaction: scope.transaction, drizzle: session as TDrizzle });
  });
}

/**
 * What `withClaims` does on SQLite: SQLite has neither roles nor row-level security, so running
 * the callback would show the "user" every row.
 *
 * @example
 * ```ts
 * await db.withClaims(alice, work); // on SQLite: rejects with ROW_LEVEL_SECURITY_UNSUPPORTED
 * ```
 */
export function refuseClaims(engine: string): Promise<never> {
  return Promise.reject(
    new ClaimsError(
      'ROW_LEVEL_SECURITY_UNSUPPORTED',
      `withClaims needs row-level security, which ${engine} does not have: filter rows in the application there (db.transaction), or use PostgreSQL`,
    ),
  );
}
