// Every DbService operation, with the same assertions on SQLite (development: NODE_ENV unset,
// SQLITE_PATH a temp file) and on the real PostgreSQL server (production: NODE_ENV=production,
// NEON_DATABASE_URL), both selected through the environment as the apps select them.
import { DatabaseError, isUniqueViolation, QueryError } from '@strata/core';
import { engineCases } from '@strata/testing';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type DbRecord, DbService, db, dbType, findBy, findById } from '../src/index.js';
import { useTestDatabase } from '../src/testing.js';

const cases = engineCases({ only: ['sqlite', 'postgres'] });

describe.each(cases)('DbService on $engine', ({ engine, skip }) => {
  const it = test.skipIf(skip !== undefined);
  if (skip) test.skip(`${engine}: ${skip}`, () => {});

  let cleanUp: (() => Promise<void>) | undefined;
  let ada: DbRecord<'users'>;
  beforeAll(async () => {
    if (skip) return;
    cleanUp = await useTestDatabase(engine);
  });
  afterAll(async () => {
    await cleanUp?.();
  });

  it('selects the engine from the environment', async () => {
    expect(dbType()).toBe(engine === 'sqlite' ? 'sqlite' : 'postgresql');
    expect((await db.get()).engine).toBe(engine);
  });

  it('creates, finds by id and finds by field', async () => {
    ada = await DbService.create('users', { email: 'ada@example.com', name: 'Ada' });
    expect(ada).toMatchObject({ email: 'ada@example.com', name: 'Ada' });
    expect(ada.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7/);
    expect(ada.createdAt).toBeInstanceOf(Date);

    expect(await DbService.findById('users', ada.id)).toEqual(ada);
    expect(await findById('users', '01900000-0000-7000-8000-000000000000')).toBeUndefined();
    expect(await findBy('users', 'email', 'ada@example.com')).toEqual([ada]);
    expect(await findBy('users', 'email', 'nobody@example.com')).toEqual([]);
    expect(await DbService.findOne('users', { email: { endsWith: '@EXAMPLE.COM', ignoreCase: true } })).toEqual(ada);
  });

  it('refuses a duplicate email with a typed error', async () => {
    const duplicate = await DbService.create('users', { email: 'ada@example.com', name: 'Ada again' }).catch(
      (error: unknown) => error,
    );
    expect(isUniqueViolation(duplicate)).toBe(true);
    expect(duplicate).toMatchObject({ table: 'users', constraint: 'users_email_key' });
  });

  it('lists with filters, order, limit, offset, select and pages', async () => {
    const created = await DbService.createMany(
      'assessments',
      ['Intro', 'Midterm', 'Final', 'Bonus', 'Retake'].map((title, i) => ({
        userId: ada.id,
        title,
        score: i * 10,
        status: i < 2 ? ('completed' as const) : ('draft' as const),
      })),
    );
    expect(created.map((a) => a.status)).toEqual(['completed', 'completed', 'draft', 'draft', 'draft']);

    const titles = await DbService.findMany('assessments', {
      where: { userId: ada.id, score: { gte: 10 } },
      orderBy: { title: 'asc' },
      limit: 2,
      offset: 1,
      select: ['title'],
    });
    expect(titles).toEqual([{ title: 'Final' }, { title: 'Midterm' }]);

    const page = await DbService.paginate('assessments', { orderBy: { score: 'desc' }, page: 2, pageSize: 2 });
    expect(page).toMatchObject({ total: 5, page: 2, pageSize: 2, pageCount: 3 });
    expect(page.items.map((a) => a.title)).toEqual(['Final', 'Midterm']);

    const first = await DbService.findPage('assessments', { orderBy: { title: 'asc' }, limit: 3 });
    const rest = await DbService.findPage('assessments', {
      orderBy: { title: 'asc' },
      limit: 3,
      after: first.nextCursor ?? undefined,
    });
    expect([...first.items, ...rest.items].map((a) => a.title)).toEqual([
      'Bonus',
      'Final',
      'Intro',
      'Midterm',
      'Retake',
    ]);
    expect(rest.nextCursor).toBeNull();

    expect(await DbService.count('assessments')).toBe(5);
    expect(await DbService.count('assessments', { status: 'draft' })).toBe(3);
    expect(await DbService.exists('assessments', { title: 'Final' })).toBe(true);
    expect(await DbService.exists('assessments', { title: 'Oral' })).toBe(false);
  });

  it('updates one row, many rows and upserts', async () => {
    const renamed = await DbService.update('users', ada.id, { name: 'Ada Lovelace' });
    expect(renamed?.name).toBe('Ada Lovelace');
    expect(renamed?.updatedAt.getTime()).toBeGreaterThanOrEqual(ada.updatedAt.getTime());
    expect(await DbService.update('users', '01900000-0000-7000-8000-000000000000', { name: 'x' })).toBeUndefined();

    expect(await DbService.updateMany('assessments', { status: 'draft' }, { status: 'in_progress' })).toBe(3);
    expect(await DbService.count('assessments', { status: 'in_progress' })).toBe(3);

    const grace = { email: 'grace@example.com', name: 'Grace' };
    const inserted = await DbService.upsert('users', { target: ['email'], create: grace, update: { name: 'Grace' } });
    const updated = await DbService.upsert('users', {
      target: ['email'],
      create: grace,
      update: { name: 'Grace Hopper' },
    });
    expect(updated).toMatchObject({ id: inserted.id, name: 'Grace Hopper' });
  });

  it('rejects untyped input that does not fit the table before it reaches the database', async () => {
    const body: unknown = JSON.parse('{"userId":"x","title":"Quiz","status":"graded"}');
    await expect(DbService.create('assessments', body as never)).rejects.toBeInstanceOf(QueryError);
    expect(await DbService.count('assessments', { title: 'Quiz' })).toBe(0);
  });

  it('runs transactions all or nothing', async () => {
    const failed = DbService.transaction(async (tx) => {
      const user = await tx.repos.users.create({ email: 'tx@example.com', name: 'Rolled back' });
      await tx.repos.assessments.create({ userId: user.id, title: 'Lost' });
      throw new Error('abort');
    });
    await expect(failed).rejects.toThrow('abort');
    expect(await DbService.exists('users', { email: 'tx@example.com' })).toBe(false);
  });

  it('deletes one row (cascading to its assessments) and many rows', async () => {
    const grace = await DbService.findOne('users', { email: 'grace@example.com' });
    expect(await DbService.createMany('assessments', [{ userId: grace?.id ?? '', title: 'Oral' }])).toHaveLength(1);

    expect(await DbService.deleteMany('assessments', { title: { in: ['Bonus', 'Retake'] } })).toBe(2);
    const deleted = await DbService.delete('users', ada.id);
    expect(deleted?.email).toBe('ada@example.com');
    expect(await DbService.findById('users', ada.id)).toBeUndefined();
    expect(await DbService.count('assessments', { userId: ada.id })).toBe(0);
    expect(await DbService.count('assessments')).toBe(1);
    expect(await DbService.delete('users', ada.id)).toBeUndefined();

    const orphan = await DbService.create('assessments', { userId: ada.id, title: 'Orphan' }).catch(
      (error: unknown) => error,
    );
    expect(orphan).toBeInstanceOf(DatabaseError);
    expect(orphan).toMatchObject({ kind: 'foreign_key_violation', table: 'assessments' });
  });
});
