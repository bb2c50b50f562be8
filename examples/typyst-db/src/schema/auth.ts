// Better Auth's tables for the auth database (PostgreSQL: Supabase, Neon or your own), taken
// from @strata/auth so that they match what Better Auth reads and writes. Typyst uses no
// Better Auth plugin, so the API-key plugin's `apikey` table is left out.
import { defineAuthTables } from '@strata/auth/schema';
import type { NewRow, Row } from '@strata/core';

/**
 * The auth database's schema module: Better Auth's four tables and their relations.
 *
 * @example
 * ```ts
 * const db = await createDatabase({ schema: authSchema, url: process.env.AUTH_DATABASE_URL });
 * ```
 */
export const authSchema = defineAuthTables({ apiKey: false });

export const { user, session, account, verification, userRelations, sessionRelations, accountRelations } = authSchema;
/** A user row. @example `const name: User['name'] = 'Ada';` */
export type User = Row<typeof user>;
/** A user to insert. @example `const input: NewUser = { id, name, email };` */
export type NewUser = NewRow<typeof user>;
/** A session row. @example `const expires: Session['expiresAt'] = new Date();` */
export type Session = Row<typeof session>;
/** A session to insert. @example `const input: NewSession = { id, token, userId, expiresAt };` */
export type NewSession = NewRow<typeof session>;
/** An account row (a provider login). @example `const provider: Account['providerId'] = 'credential';` */
export type Account = Row<typeof account>;
/** An account to insert. @example `const input: NewAccount = { id, accountId, providerId, userId };` */
export type NewAccount = NewRow<typeof account>;
/** A verification row. @example `const value: Verification['value'] = 'token';` */
export type Verification = Row<typeof verification>;
/** A verification to insert. @example `const input: NewVerification = { id, identifier, value, expiresAt };` */
export type NewVerification = NewRow<typeof verification>;
