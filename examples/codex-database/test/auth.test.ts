// Better Auth over the Codex schema on every engine: sign-up writes the user (soft-delete column
// included, which clients cannot set), sessions resolve, and content can point at the user.
import { engineCases } from '@strata/testing';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createCodexAuth } from '../src/auth.js';
import { type CodexTestDatabase, openCodex } from './codex.js';

const options = { secret: 'codex-test-secret-codex-test-secret', baseURL: 'http://localhost:8787' };

describe.each(engineCases())('on $engine', ({ engine, skip }) => {
  let db: CodexTestDatabase;
  beforeAll(async () => {
    if (!skip) db = await openCodex(engine);
  });
  afterAll(async () => {
    await db?.close();
  });
  const it = test.skipIf(skip !== undefined);
  if (skip) test.skip(`${engine}: ${skip}`, () => {});

  it('signs a creator up, keeps deletedAt out of their hands, and resolves their session', async () => {
    const auth = createCodexAuth(db, options);
    const { response, headers } = await auth.api.signUpEmail({
      body: { name: 'Ada', email: 'ada@example.com', password: 'correct horse battery staple' },
      returnHeaders: true,
    });
    const { user } = response;
    expect(await db.repos.user.findById(user.id)).toMatchObject({ email: 'ada@example.com', deletedAt: null });
    await expect(
      auth.api.signUpEmail({
        body: {
          name: 'Eve',
          email: 'eve@example.com',
          password: 'correct horse battery staple',
          deletedAt: new Date(),
        },
      }),
    ).rejects.toThrow(/deletedAt/);

    const cookie = headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    const session = await auth.api.getSession({ headers: new Headers({ cookie }) });
    expect(session?.user).toMatchObject({ id: user.id, deletedAt: null });
    const content = await db.repos.content.create({
      creatorId: user.id,
      title: 'First',
      slug: 'first',
      contentType: 'written',
    });
    expect(content.creatorId).toBe(user.id);
  });
});
