import type { AnyTable } from '@strata/core';
import { sql } from 'drizzle-orm';
import type { PlanExecutor, SlotValues } from './plan.js';
import type { Bind, DrizzleSession, QueryBuilder } from './query-builder.js';
import { type QueryPlans, resultOfPlan, resultOfRows } from './query-plans.js';
import type { QuerySpec, ResultKind } from './query-spec.js';

/**
 * Runs one call's query and shapes its result. Two kinds: {@link PlannedQueryRunner} (the
 * shape's cached plan, on the driver directly) and {@link BuiltQueryRunner} (the query built and
 * run by Drizzle, as users' own queries are). Errors come out as `fail` made them.
 *
 * @example
 * ```ts
 * const rows = await runner.run<AdapterRow[]>(post, key, slots, spec, 'rows');
 * ```
 */
export interface QueryRunner {
  run<T>(table: AnyTable, key: string, slots: SlotValues, spec: QuerySpec, kind: ResultKind): Promise<T>;
}

/** Turns an engine error into Strata's (and marks the transaction it happened in as failed). */
export type FailureHandler = (table: AnyTable, error: unknown) => unknown;

/** Whether a driver call answered with a promise (postgres-js, PGlite) or at once (better-sqlite3). */
const isPromiseLike = (value: unknown): value is PromiseLike<unknown> =>
  typeof value === 'object' && value !== null && typeof (value as { then?: unknown }).then === 'function';

/**
 * Builds each call's query with Drizzle on a session and lets Drizzle run it: for an engine
 * without a plan executor, and for shapes that cannot be plans.
 *
 * @example
 * ```ts
 * const runner = new BuiltQueryRunner(builder, session, (result) => result.changes, fail);
 * ```
 */
export class BuiltQueryRunner implements QueryRunner {
  constructor(
    private readonly builder: QueryBuilder,
    private readonly session: DrizzleSession,
    private readonly affectedRows: (result: unknown) => number,
    private readonly fail: FailureHandler,
  ) {}

  async run<T>(table: AnyTable, _key: string, slots: SlotValues, spec: QuerySpec, kind: ResultKind): Promise<T> {
    try {
      // Bound as SQL so Drizzle takes it as given in values(), set() and limit() alike.
      const bind: Bind = (index) => {
        const value = slots.value(index);
        const column = slots.column(index);
        const encoder = column && value !== null ? this.builder.column(column) : undefined;
        return sql`${sql.param(value, encoder)}`;
      };
      const result = await this.builder.build(this.session, table, spec, bind);
      return (kind === 'affected' ? this.affectedRows(result) : resultOfRows(kind, result)) as T;
    } catch (error) {
      throw this.fail(table, error);
    }
  }
}

/**
 * Runs each call on its shape's plan with the engine's executor, falling back to `built` for a
 * shape that cannot be a plan.
 *
 * Not async: a synchronous driver's answer is decoded at once, and an asynchronous one's in a
 * single `then`, so a point read costs no extra turns of the microtask queue.
 *
 * @example
 * ```ts
 * const runner = new PlannedQueryRunner(plans, executor, new BuiltQueryRunner(...), fail);
 * ```
 */
export class PlannedQueryRunner implements QueryRunner {
  constructor(
    private readonly plans: QueryPlans,
    private readonly executor: PlanExecutor,
    private readonly built: QueryRunner,
    private readonly fail: FailureHandler,
  ) {}

  run<T>(table: AnyTable, key: string, slots: SlotValues, spec: QuerySpec, kind: ResultKind): Promise<T> {
    try {
      const plan = this.plans.planOf(table, key, spec, kind);
      if (!plan) return this.built.run<T>(table, key, slots, spec, kind);
      const params = this.plans.params(plan, slots);
      const executor = this.executor;
      // Reads only: a write stepped once by better-sqlite3's get() never lets SQLite checkpoint its log.
      const firstOnly = kind === 'first' && spec.type === 'read' && executor.first !== undefined;
      const answer =
        kind === 'affected'
          ? executor.run(plan, params)
          : firstOnly
            ? (executor.first as NonNullable<PlanExecutor['first']>)(plan, params)
            : executor.rows(plan, params);
      if (!isPromiseLike(answer)) return Promise.resolve(resultOfPlan(plan, kind, firstOnly, answer) as T);
      return Promise.resolve(
        answer.then(
          (value) => {
            try {
              return resultOfPlan(plan, kind, firstOnly, value) as T;
            } catch (error) {
              throw this.fail(table, error);
            }
          },
          (error) => {
            throw this.fail(table, error);
          },
        ),
      );
    } catch (error) {
      return Promise.reject(this.fail(table, error));
    }
  }
}
