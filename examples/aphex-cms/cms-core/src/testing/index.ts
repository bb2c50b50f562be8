/**
 * `@aphex/cms-core/testing`: the behaviour every database adapter must show, as one vitest suite.
 * Each adapter package runs it against its real engine.
 *
 * @example
 * ```ts
 * import { runAdapterSuite } from '@aphex/cms-core/testing';
 * runAdapterSuite('SQLite', async () => ({ adapter, createUser, deleteUser, close }));
 * ```
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { defineAssetTests } from './assets.js';
import type { AdapterUnderTest, SuiteContext } from './context.js';
import { defineDocumentTests } from './documents.js';
import { defineSchemaTypeTests } from './schema-types.js';
import { defineUserProfileTests } from './user-profiles.js';

export type { AdapterUnderTest } from './context.js';

/** Options of {@link runAdapterSuite}. */
export interface AdapterSuiteOptions {
  /** Why the suite cannot run here (no server, say): reported as a named skip. */
  readonly skip?: string;
}

/**
 * Registers the adapter suite: documents (drafts, publishing with a content hash, unpublishing,
 * lists, counts), assets, schema types and user profiles linked to auth users. `open` is called
 * once, before the first test, and must return an adapter on an empty, migrated database.
 *
 * @example
 * ```ts
 * runAdapterSuite('PostgreSQL', async () => {
 *   const db = await openPostgreSQLDatabase(url);
 *   const auth = createAuth({ database: db, emailAndPassword: { enabled: true } });
 *   return {
 *     adapter: createPostgreSQLProvider({ db }).createAdapter(),
 *     createUser: async (email) => (await auth.api.signUpEmail({ body: { email, name: email, password } })).user.id,
 *     deleteUser: async (id) => { await db.repos.user.delete(id); },
 *     close: () => db.close(),
 *   };
 * });
 * ```
 */
export function runAdapterSuite(
  name: string,
  open: () => Promise<AdapterUnderTest>,
  options: AdapterSuiteOptions = {},
): void {
  describe(`DatabaseAdapter on ${name}`, () => {
    if (options.skip !== undefined) {
      test.skip(`${name}: ${options.skip}`, () => {});
      return;
    }
    let opened: AdapterUnderTest | undefined;
    beforeAll(async () => {
      opened = await open();
    });
    afterAll(async () => {
      await opened?.close();
    });
    const context: SuiteContext = {
      subject: () => {
        if (!opened) throw new Error(`the ${name} adapter is not open`);
        return opened;
      },
    };

    test('answers a health check', async () => {
      expect(await context.subject().adapter.isHealthy()).toBe(true);
    });
    describe('documents', () => defineDocumentTests(context));
    describe('assets', () => defineAssetTests(context));
    describe('schema types', () => defineSchemaTypeTests(context));
    describe('user profiles', () => defineUserProfileTests(context));
  });
}
