import type { DatabaseAdapter } from '../interfaces/database.js';

/**
 * An adapter opened for the suite, with the auth side its user profiles belong to.
 *
 * @example
 * ```ts
 * const subject: AdapterUnderTest = {
 *   adapter: provider.createAdapter(),
 *   createUser: async (email) => (await auth.api.signUpEmail({ body: { email, name: email, password } })).user.id,
 *   deleteUser: async (id) => { await db.repos.user.delete(id); },
 *   close: () => db.close(),
 * };
 * ```
 */
export interface AdapterUnderTest {
  readonly adapter: DatabaseAdapter;
  /** Creates a user in the auth system (Better Auth's sign-up, say) and returns its id. */
  createUser(email: string): Promise<string>;
  /** Deletes a user from the auth system. */
  deleteUser(userId: string): Promise<void>;
  /** Closes (and, for a throwaway database, drops) what `open` opened. */
  close(): Promise<void>;
}

/** What each part of the suite gets: the adapter under test, once it is open. */
export interface SuiteContext {
  subject(): AdapterUnderTest;
}

/** Lets the clock move on, so that writes made one after the other get distinct timestamps. */
export function nextMillisecond(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 2));
}

/** A random id no row has. */
export function unknownId(): string {
  return globalThis.crypto.randomUUID();
}

/** A marker unique to one test, so tests sharing a database do not see each other's rows. */
export function uniqueTag(): string {
  return globalThis.crypto.randomUUID().slice(0, 8);
}
