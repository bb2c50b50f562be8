// `@strata/auth/schema` gives the auth tables without loading Better Auth: what a schema module,
// the CLI's config or the studio imports. Measured in a fresh Node process that records every
// module it resolves; the main entry, by the same measure, does load Better Auth.
import { authSchema } from '@strata/auth';
import { authSchema as fromSchemaEntry } from '@strata/auth/schema';
import { describe, expect, test } from 'vitest';
import { modulesLoadedBy } from '../../cli/test/support/record-modules/loaded-modules.js';

const betterAuthIn = (urls: readonly string[]) =>
  urls.filter((url) => /\/node_modules\/(better-auth|@better-auth)\//.test(url)).length;

describe('@strata/auth/schema', () => {
  test('is the same schema as the main entry gives', () => {
    expect(fromSchemaEntry).toBe(authSchema);
  });

  test('loads the tables and none of Better Auth', async () => {
    const urls = await modulesLoadedBy('@strata/auth/schema', 'authSchema');
    expect(urls.some((url) => url.endsWith('/packages/auth/src/tables.ts'))).toBe(true);
    expect(betterAuthIn(urls)).toBe(0);
  });

  test('the main entry, by the same measure, loads Better Auth (the measure sees it)', async () => {
    expect(betterAuthIn(await modulesLoadedBy('@strata/auth', 'authSchema'))).toBeGreaterThan(0);
  });
});
