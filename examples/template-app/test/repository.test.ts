// The seed's "different data types / capabilities" table, as behaviour: on every engine the same
// writes through the one repository read back as the same rows — uuid ids, a bigint version past
// 2^53, timestamps with milliseconds, booleans, JSON, enumerations, defaults, cascading deletes.
import { isUniqueViolation } from '@strata/core';
import { engineCases } from '@strata/testing';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { AppDatabase } from '../src/database.js';
import { type OpenedEngine, openEngine } from './open-engine.js';

const userId = '0190f5a4-7c1e-7000-8000-00000000a11c';
const habitId = '0190f5a4-7c1e-7000-8000-000000000001';
const createdAt = new Date('2024-03-01T08:30:00.123Z');
const beyondDoublePrecision = 2n ** 53n + 1n;

/** The row every engine must return for the fully specified create below. */
const expectedHabit = {
  id: habitId,
  userId,
  name: 'Read 20 pages 📚',
  status: 'paused',
  isEnabled: false,
  settings: { color: '#22c55e', reminders: ['07:30', '21:00'] },
  version: beyondDoublePrecision,
  createdAt,
  updatedAt: createdAt,
  deletedAt: null,
} as const;

for (const { engine, skip } of engineCases()) {
  describe.skipIf(skip !== undefined)(`repository on ${engine}${skip ? ` (${skip})` : ''}`, () => {
    let opened: OpenedEngine | undefined;
    let db: AppDatabase;

    beforeAll(async () => {
      opened = await openEngine(engine);
      db = opened.db;
    });
    afterAll(() => opened?.close());

    test('stores and reads back every column kind unchanged', async () => {
      const created = await db.repos.primaryEntity.create({ ...expectedHabit });
      expect(created).toEqual(expectedHabit);
      expect(await db.repos.primaryEntity.findById(habitId)).toEqual(expectedHabit);
    });

    test('fills the same defaults on every engine', async () => {
      const habit = await db.repos.primaryEntity.create({ userId, name: 'Stretch' });
      expect(habit).toMatchObject({
        status: 'active',
        isEnabled: true,
        settings: { color: '#3b82f6', reminders: [] },
        version: 1n,
        deletedAt: null,
      });
      expect(habit.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(habit.createdAt).toBeInstanceOf(Date);
    });

    test('filters and orders on booleans, enumerations and text alike', async () => {
      const paused = await db.repos.primaryEntity.findMany({
        where: { userId, isEnabled: false, status: { in: ['paused', 'archived'] } },
        orderBy: { name: 'asc' },
        select: ['name', 'status'],
      });
      expect(paused).toEqual([{ name: 'Read 20 pages 📚', status: 'paused' }]);
      await expect(db.repos.primaryEntity.count({ userId, isEnabled: true })).resolves.toBe(1);
    });

    test('refuses a value outside the enumeration', async () => {
      await expect(
        db.repos.primaryEntity.create({ userId, name: 'Bad', status: 'deleted' as 'active' }),
      ).rejects.toThrow(/status/);
    });

    test('version counter: a stale write changes nothing', async () => {
      const next = beyondDoublePrecision + 1n;
      const fresh = await db.repos.primaryEntity.updateMany(
        { id: habitId, version: beyondDoublePrecision },
        { version: next, isEnabled: true },
      );
      const stale = await db.repos.primaryEntity.updateMany(
        { id: habitId, version: beyondDoublePrecision },
        { version: next + 1n },
      );
      expect([fresh, stale]).toEqual([1, 0]);
      const habit = await db.repos.primaryEntity.findById(habitId);
      expect(habit).toMatchObject({ version: next, isEnabled: true });
      expect(habit?.updatedAt.getTime()).toBeGreaterThan(createdAt.getTime());
    });

    test('entries: dates, doubles and one entry per habit and day', async () => {
      const entries = db.repos.entityEntry;
      const first = await entries.create({ primaryId: habitId, userId, occurredOn: '2024-03-01', amount: 20.5 });
      expect(first).toMatchObject({ primaryId: habitId, occurredOn: '2024-03-01', amount: 20.5, note: null });
      const duplicate = await entries
        .create({ primaryId: habitId, userId, occurredOn: '2024-03-01' })
        .catch((error: unknown) => error);
      expect(isUniqueViolation(duplicate)).toBe(true);
      await entries.create({ primaryId: habitId, userId, occurredOn: '2024-03-02', note: 'on the train' });
      const days = await entries.findMany({ where: { primaryId: habitId }, orderBy: { occurredOn: 'desc' } });
      expect(days.map((day) => [day.occurredOn, day.amount, day.note])).toEqual([
        ['2024-03-02', null, 'on the train'],
        ['2024-03-01', 20.5, null],
      ]);
    });

    test('soft delete hides the habit; a hard delete cascades to its entries', async () => {
      await db.repos.primaryEntity.delete(habitId);
      expect(await db.repos.primaryEntity.findById(habitId)).toBeUndefined();
      expect((await db.repos.primaryEntity.findById(habitId, { withDeleted: true }))?.deletedAt).toBeInstanceOf(Date);
      expect(await db.repos.entityEntry.count({ primaryId: habitId })).toBe(2);

      await db.repos.primaryEntity.hardDelete(habitId);
      expect(await db.repos.entityEntry.count({ primaryId: habitId })).toBe(0);
    });
  });
}
