// Shared by the tests: a migrated Codex database on any test engine, and rows to start from.
import { openTestDatabase, type TestDatabase, type TestEngineName } from '@strata/testing';
import { migrateCodexDatabase } from '../src/migrations.js';
import * as schema from '../src/schema/index.js';

export type CodexTestDatabase = TestDatabase<typeof schema>;

/** A fresh database on `engine` with every Codex migration (tables, then the trigger) applied. */
export async function openCodex(engine: TestEngineName): Promise<CodexTestDatabase> {
  const db = await openTestDatabase(engine, schema);
  await migrateCodexDatabase(db);
  return db;
}

let users = 0;

/** A user as Better Auth would create it (Better Auth picks text ids itself). */
export function newUser(db: CodexTestDatabase, name = 'creator') {
  users++;
  return db.repos.user.create({ id: `user-${users}`, name, email: `${name}-${users}@example.com` });
}

/** A published content row of `creatorId`, optionally under an organization. */
export function publishedContent(
  db: CodexTestDatabase,
  values: { creatorId: string; organizationId?: string; title: string; publishedAt?: Date },
) {
  return db.repos.content.create({
    slug: values.title.toLowerCase().replaceAll(' ', '-'),
    contentType: 'video',
    status: 'published',
    publishedAt: new Date('2025-01-01T00:00:00Z'),
    ...values,
  });
}
