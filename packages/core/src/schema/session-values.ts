const SESSION_VALUE: unique symbol = Symbol.for('strata.sessionValue') as never;

/**
 * A value the database reads from the session at the time a row is checked, not a constant: a
 * claim of the JSON Web Token the request runs with. Only row-level security policies may compare
 * a column with it (`eq(t.ownerId, currentUserId())`); a CHECK, an index or a query refuses it.
 *
 * @example
 * ```ts
 * const owner: SessionValue = currentUserId();
 * owner.claim; // 'sub'
 * ```
 */
export interface SessionValue {
  readonly [SESSION_VALUE]: true;
  /** The top-level claim of `request.jwt.claims` it reads (`sub` for the user id). */
  readonly claim: string;
}

/**
 * True when `value` is a {@link SessionValue} (from any copy of the package).
 *
 * @example
 * ```ts
 * isSessionValue(currentUserId()); // true
 * isSessionValue('sub'); // false
 * ```
 */
export function isSessionValue(value: unknown): value is SessionValue {
  return typeof value === 'object' && value !== null && SESSION_VALUE in value;
}

/** Claim names are written into policy DDL as escaped literals; control characters have no place there. */
const CLAIM_NAME = /^[^\p{Cc}]{1,200}$/u;

/**
 * A top-level claim of the JWT the session runs with, as text cast to the compared column's type:
 * on PostgreSQL `(nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'org_id')`.
 * That setting is what Supabase's API (PostgREST) sets for each request and what
 * `db.withClaims(...)` sets in its transaction. A missing claim is SQL `NULL`: nothing equals it.
 *
 * @example
 * ```ts
 * policy('org_members_read', { for: 'select', to: 'authenticated', using: eq(t.orgId, jwtClaim('org_id')) })
 * ```
 */
export function jwtClaim(name: string): SessionValue {
  if (typeof name !== 'string' || !CLAIM_NAME.test(name)) {
    throw new TypeError(`jwtClaim() needs a claim name of 1 to 200 characters without control characters`);
  }
  return { [SESSION_VALUE]: true, claim: name };
}

/**
 * The id of the user the session runs as: the JWT's `sub` claim. The same value as Supabase's
 * `auth.uid()` (which reads the same setting), written without calling it, so a policy using it
 * works on any PostgreSQL server, PGlite and Supabase alike.
 *
 * @example
 * ```ts
 * policy('own_notes', { for: 'all', to: 'authenticated', using: eq(t.ownerId, currentUserId()) })
 * ```
 */
export function currentUserId(): SessionValue {
  return jwtClaim('sub');
}
