// Transactions: commit, rollback, savepoints, isolation from work outside them, and concurrent
// read-modify-write transactions that must not lose updates.
import { isTransientError } from '@strata/core';
import { expect } from 'vitest';
import { type ConformanceContext, caught, fixedId, sleep } from './harness.js';

const ACCOUNTS = [1, 2, 3, 4].map((n) => ({ id: fixedId(n), name: `account ${n}`, balance: 1000 }));

export function defineTransactionTests(context: ConformanceContext): void {
  const { it } = context;
  const db = () => context.db();
  const labels = async () => (await db().repos.item.findMany({ select: ['label'] })).map((row) => row.label);

  it('commits when the work resolves, and returns its value', async () => {
    const value = await db().transaction(async (tx) => {
      await tx.repos.item.create({ id: fixedId(1), label: 'a' });
      await tx.repo(db().repos.item.table).create({ id: fixedId(2), label: 'b' });
      await tx.repos.item.update(fixedId(1), { note: 'seen inside' });
      expect(await tx.repos.item.count()).toBe(2);
      expect((await tx.repos.item.findById(fixedId(1)))?.note).toBe('seen inside');
      return 'done';
    });
    expect(value).toBe('done');
    expect(await labels()).toEqual(['a', 'b']);
    expect((await db().repos.item.findById(fixedId(1)))?.note).toBe('seen inside');
  });

  it('rolls back every write when the work throws, and rejects with the thrown error', async () => {
    const kept = await db().repos.item.create({ id: fixedId(1), label: 'kept', rank: 1 });
    await db().repos.item.create({ id: fixedId(2), label: 'doomed' });
    const failure = new Error('roll it back');
    const error = await caught(() =>
      db().transaction(async (tx) => {
        await tx.repos.item.create({ id: fixedId(3), label: 'new' });
        await tx.repos.item.update(fixedId(1), { rank: 2 });
        await tx.repos.item.delete(fixedId(2));
        await tx.repos.item.updateMany({}, { note: 'everything' });
        await tx.repos.setting.upsert({ target: ['key'], create: { key: 'k', value: 'v' }, update: { value: 'w' } });
        throw failure;
      }),
    );
    expect(error).toBe(failure);
    expect(await labels()).toEqual(['kept', 'doomed']);
    expect(await db().repos.item.findById(fixedId(1))).toEqual(kept);
    expect(await db().repos.setting.count()).toBe(0);
  });

  it('rolls back a nested transaction (savepoint) that throws and keeps the outer work', async () => {
    const innerFailure = new Error('inner');
    await db().transaction(async (tx) => {
      await tx.repos.item.create({ id: fixedId(1), label: 'outer before' });
      const error = await caught(() =>
        tx.transaction(async (inner) => {
          await inner.repos.item.create({ id: fixedId(2), label: 'inner' });
          await inner.repos.item.update(fixedId(1), { note: 'changed by inner' });
          expect(await inner.repos.item.count()).toBe(2);
          throw innerFailure;
        }),
      );
      expect(error).toBe(innerFailure);
      expect(await tx.repos.item.count()).toBe(1);
      expect((await tx.repos.item.findById(fixedId(1)))?.note).toBeNull();
      await tx.repos.item.create({ id: fixedId(3), label: 'outer after' });
    });
    expect(await labels()).toEqual(['outer before', 'outer after']);
    expect((await db().repos.item.findById(fixedId(1)))?.note).toBeNull();
  });

  it('keeps a nested transaction that resolves, two levels deep, and loses it when the outer one throws', async () => {
    const value = await db().transaction(async (tx) => {
      await tx.repos.item.create({ id: fixedId(1), label: 'outer' });
      const inner = await tx.transaction(async (level1) => {
        await level1.repos.item.create({ id: fixedId(2), label: 'level 1' });
        await caught(() =>
          level1.transaction(async (level2) => {
            await level2.repos.item.create({ id: fixedId(3), label: 'level 2' });
            throw new Error('level 2 fails');
          }),
        );
        await level1.transaction(async (level2) => {
          await level2.repos.item.create({ id: fixedId(4), label: 'level 2 again' });
        });
        return 'inner value';
      });
      return inner;
    });
    expect(value).toBe('inner value');
    expect(await labels()).toEqual(['outer', 'level 1', 'level 2 again']);

    await db().repos.item.deleteMany({});
    const failure = new Error('outer fails');
    const error = await caught(() =>
      db().transaction(async (tx) => {
        await tx.transaction(async (inner) => {
          await inner.repos.item.create({ id: fixedId(5), label: 'committed savepoint' });
        });
        throw failure;
      }),
    );
    expect(error).toBe(failure);
    expect(await db().repos.item.count()).toBe(0);
  });

  it('work issued outside an open transaction does not join it: it survives the rollback', async () => {
    const failure = new Error('roll back the transaction only');
    let outside: Promise<unknown> | undefined;
    let outsideRead: Promise<unknown> | undefined;
    const error = await caught(() =>
      db().transaction(async (tx) => {
        await tx.repos.item.create({ id: fixedId(1), label: 'inside' });
        // Issued from outside while the transaction is open; not awaited here (a single-connection
        // engine runs it only once the transaction has ended).
        outside = db().repos.item.create({ id: fixedId(2), label: 'outside' });
        outsideRead = db().repos.item.findById(fixedId(1));
        await sleep(50);
        await tx.repos.item.create({ id: fixedId(3), label: 'inside later' });
        throw failure;
      }),
    );
    expect(error).toBe(failure);
    await outside;
    // Never sees the transaction's uncommitted row.
    expect(await outsideRead).toBeUndefined();
    expect(await labels()).toEqual(['outside']);
  });

  it('a transaction that resolves keeps every write that succeeded in it, even after a caught failure', async () => {
    await db().repos.tag.create({ id: fixedId(1), name: 'taken' });
    const reported: string[] = [];
    const outcome = await db()
      .transaction(async (tx) => {
        await tx.repos.tag.create({ id: fixedId(2), name: 'first' });
        reported.push('first');
        await caught(() => tx.repos.tag.create({ id: fixedId(3), name: 'taken' }));
        await tx.repos.tag.create({ id: fixedId(4), name: 'after the failure' }).then(
          () => reported.push('after the failure'),
          () => undefined,
        );
        return 'resolved';
      })
      .catch(() => 'rejected');
    const stored = (await db().repos.tag.findMany()).map((row) => row.name);
    // Either the transaction fails as a whole, or it commits what it reported as written.
    if (outcome === 'rejected') expect(stored).toEqual(['taken']);
    else expect(stored).toEqual(['taken', ...reported]);
  });

  it('twenty concurrent read-modify-write transfers lose no update and keep the total', async () => {
    await db().repos.account.createMany(ACCOUNTS);
    const transfers = Array.from({ length: 20 }, (_, i) => ({
      from: fixedId((i % 4) + 1),
      to: fixedId(((3 * i + 1) % 4) + 1),
      amount: 10 + i,
    }));
    const results = await Promise.allSettled(
      transfers.map(({ from, to, amount }) =>
        db().transaction(async (tx) => {
          const source = await tx.repos.account.findById(from);
          const target = await tx.repos.account.findById(to);
          if (!source || !target) throw new Error('account missing');
          await sleep(2);
          await tx.repos.account.update(from, { balance: source.balance - amount });
          await tx.repos.account.update(to, { balance: target.balance + amount });
        }),
      ),
    );
    // A transfer may fail only with an error that says to retry it (serialization, deadlock).
    const expected = new Map(ACCOUNTS.map((account) => [account.id, account.balance]));
    results.forEach((result, i) => {
      if (result.status === 'rejected') {
        expect(isTransientError(result.reason), String(result.reason)).toBe(true);
        return;
      }
      const { from, to, amount } = transfers[i] as (typeof transfers)[number];
      expected.set(from, (expected.get(from) ?? 0) - amount);
      expected.set(to, (expected.get(to) ?? 0) + amount);
    });
    expect(results.some((result) => result.status === 'fulfilled')).toBe(true);
    const accounts = await db().repos.account.findMany();
    expect(accounts.reduce((sum, account) => sum + account.balance, 0)).toBe(4000);
    expect(Object.fromEntries(accounts.map((account) => [account.id, account.balance]))).toEqual(
      Object.fromEntries(expected),
    );
  });

  it('runs transactions one after another when their work is awaited in turn', async () => {
    await db().repos.account.createMany(ACCOUNTS);
    for (let i = 0; i < 5; i++) {
      await db().transaction(async (tx) => {
        const account = await tx.repos.account.findById(fixedId(1));
        await tx.repos.account.update(fixedId(1), { balance: (account?.balance ?? 0) + 1 });
      });
    }
    expect((await db().repos.account.findById(fixedId(1)))?.balance).toBe(1005);
  });
}
