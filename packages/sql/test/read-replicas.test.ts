// routeReads on stand-in executors: which executor a statement reaches, the fallback when a
// replica cannot be reached, its cool-down, and one notice per outage each way. (Real standbys:
// packages/postgres/test/replicas.test.ts.)
import { isDatabaseError } from '@strata/core';
import { mapDatabaseError, type Plan, type PlanExecutor, type ReplicaNotice, routeReads } from '@strata/sql';
import { afterEach, describe, expect, test, vi } from 'vitest';

const plan = (text: string): Plan => ({ text, params: [], fields: [] });
const refused = () => Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5433'), { code: 'ECONNREFUSED' });

/** An executor that answers with its name, or fails while `down`. */
function server(name: string) {
  const calls: string[] = [];
  const state = { down: false, error: refused as () => unknown };
  const executor: PlanExecutor = {
    rows: async (p) => {
      calls.push(p.text);
      if (state.down) throw state.error();
      return [[name]];
    },
    run: async (p) => {
      calls.push(p.text);
      return 1;
    },
  };
  return { executor, calls, state };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('routeReads', () => {
  test('reads go to the replicas in turn, writes to the primary', async () => {
    const primary = server('primary');
    const [a, b] = [server('a'), server('b')];
    const routed = routeReads(primary.executor, [a.executor, b.executor]);
    const answers = [];
    for (let i = 0; i < 4; i++) answers.push((await routed.rows(plan('select 1'), []))[0]?.[0]);
    expect(answers.sort()).toEqual(['a', 'a', 'b', 'b']);
    await routed.rows(plan('insert into t values (1) returning id'), []);
    await routed.run(plan('update t set x = 1'), []);
    expect(primary.calls).toEqual(['insert into t values (1) returning id', 'update t set x = 1']);
  });

  test('a with query that writes goes to the primary; one that only reads to a replica', async () => {
    const primary = server('primary');
    const replica = server('replica');
    const routed = routeReads(primary.executor, [replica.executor]);
    const writing =
      'with "strata_inserted" as (insert into "t" select * from unnest($1::text[]) returning 1) select count(*) from "strata_inserted"';
    expect(await routed.rows(plan(writing), [])).toEqual([['primary']]);
    expect(await routed.rows(plan('with recent as (select * from t) select * from recent'), [])).toEqual([['replica']]);
    // A column named like a keyword does not make a plain select a write.
    expect(await routed.rows(plan('select "update" from t'), [])).toEqual([['replica']]);
  });

  test('a replica that cannot be reached: reads go elsewhere, it is left out for the cool-down, one notice each way', async () => {
    vi.useFakeTimers({ toFake: ['performance'] });
    const primary = server('primary');
    const replica = server('replica');
    const notices: ReplicaNotice[] = [];
    const routed = routeReads(
      primary.executor,
      [{ name: 'postgres://app:***@replica/app', executor: replica.executor }],
      {
        coolDownMs: 1000,
        onReplica: (notice) => notices.push(notice),
      },
    );
    replica.state.down = true;
    for (let i = 0; i < 5; i++) expect(await routed.rows(plan('select 1'), [])).toEqual([['primary']]);
    // Tried once, then left out while cooling down.
    expect(replica.calls).toHaveLength(1);
    vi.advanceTimersByTime(1000);
    expect(await routed.rows(plan('select 1'), [])).toEqual([['primary']]);
    expect(replica.calls).toHaveLength(2);
    replica.state.down = false;
    vi.advanceTimersByTime(1000);
    expect(await routed.rows(plan('select 1'), [])).toEqual([['replica']]);
    expect(notices.map(({ state, replica: name }) => [state, name])).toEqual([
      ['down', 'postgres://app:***@replica/app'],
      ['up', 'postgres://app:***@replica/app'],
    ]);
    expect(isDatabaseError(notices[0]?.error) && notices[0]?.error.kind).toBe('connection');
    expect(notices[1]?.downForMs).toBe(2000);
  });

  test("a replica's own errors stay the read's; a replay conflict runs on the primary", async () => {
    const primary = server('primary');
    const replica = server('replica');
    const notices: ReplicaNotice[] = [];
    // The dialect's reader tells a replay conflict (40001) from the replica's own errors.
    const routed = routeReads(primary.executor, [replica.executor], {
      onReplica: (notice) => notices.push(notice),
      mapError: mapDatabaseError,
    });
    replica.state.down = true;
    replica.state.error = () =>
      Object.assign(new Error('relation "t" does not exist'), { code: '42P01', severity: 'ERROR' });
    await expect(routed.rows(plan('select * from t'), [])).rejects.toThrow('does not exist');
    replica.state.error = () =>
      Object.assign(new Error('canceling statement due to conflict with recovery'), {
        code: '40001',
        severity: 'ERROR',
      });
    expect(await routed.rows(plan('select 1'), [])).toEqual([['primary']]);
    expect(notices).toEqual([]);
  });
});
