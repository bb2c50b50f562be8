import { type DatabaseError, isDatabaseError } from '@strata/core';
import { createErrorMapper, type ErrorMapper } from './errors.js';
import type { Plan, PlanExecutor } from './plan.js';

const READ = /^\s*(select|with)\b/i;
/** A `with` query whose parts write (`with "inserted" as (insert …)`) is a write. */
const WRITES = /\b(insert|update|delete|merge)\b/i;

/** Whether a statement only reads, so that a replica may answer it. */
function readsOnly(text: string): boolean {
  if (!READ.test(text)) return false;
  return /^\s*select\b/i.test(text) || !WRITES.test(text);
}

/**
 * One read replica: how to run statements on it, and a name safe to log (a redacted url).
 *
 * @example
 * ```ts
 * const replica: ReadReplica = { name: redactUrl(url), executor: postgresExecutor(client, statements) };
 * ```
 */
export interface ReadReplica {
  readonly name: string;
  readonly executor: PlanExecutor;
}

/**
 * A replica going down or coming back, as `onReplica` hears of it: once per outage each way, not
 * once per failed read.
 *
 * @example
 * ```ts
 * const onReplica = (notice: ReplicaNotice) => metrics.gauge('replica_up', notice.state === 'up' ? 1 : 0, { replica: notice.replica });
 * ```
 */
export interface ReplicaNotice {
  /** The replica's redacted url. */
  readonly replica: string;
  /** `down`: a read failed to reach it; reads go elsewhere. `up`: a read reached it again. */
  readonly state: 'down' | 'up';
  /** Why it is down (a `DatabaseError` of kind `connection`); undefined when it came back. */
  readonly error: DatabaseError | undefined;
  /** When it came back: how long it was out, in ms. */
  readonly downForMs: number | undefined;
}

/**
 * Options of {@link routeReads}.
 *
 * @example
 * ```ts
 * const options: ReadRoutingOptions = { coolDownMs: 5000, onReplica: (notice) => console.warn(notice) };
 * ```
 */
export interface ReadRoutingOptions {
  /**
   * How long a replica that failed is left out before a read tries it again, in ms. Default
   * 2000: short, since a restarting standby is back in seconds, long enough that an outage
   * costs one failed connection attempt per period rather than one per read.
   */
  readonly coolDownMs?: number;
  /** Told when a replica goes down and when it is back (once per outage). */
  readonly onReplica?: (notice: ReplicaNotice) => void;
  /**
   * Reads the replicas' errors (the dialect's `mapError`). Default: socket and driver errors
   * only, which is what says a replica cannot be reached.
   */
  readonly mapError?: ErrorMapper;
}

/** Socket and driver errors, without a dialect's reader. */
const clientErrors = createErrorMapper({});

/** A replica's health as the router sees it. */
interface ReplicaState {
  readonly replica: ReadReplica;
  /** Since when it is down (`performance.now()`), or undefined while up. */
  downSince: number | undefined;
  /** Before this time no read tries it. */
  retryAt: number;
}

/** How a read that failed on a replica goes on. */
function failureOf(error: unknown, mapError: ErrorMapper): 'unavailable' | 'conflict' | undefined {
  const mapped = mapError(error);
  if (!isDatabaseError(mapped)) return undefined;
  // Refused, reset, shutting down (57P01), starting up (57P03): the replica is not there.
  if (mapped.kind === 'connection') return 'unavailable';
  // A hot standby cancels a read that conflicts with replay (40001): it may run on the primary.
  if (mapped.kind === 'serialization') return 'conflict';
  return undefined;
}

/** One statement, run on whichever executor the router picks; its answer as the executor gives it. */
type Call = (executor: PlanExecutor) => unknown;

/**
 * Sends reads (SELECT statements) to the replicas in turn and everything else to the primary.
 * Only for work outside transactions: a transaction runs on its own primary connection, so it
 * reads its own writes.
 *
 * A read whose replica cannot be reached (refused, shutting down, starting up) runs on the next
 * replica that is up, else on the primary; that replica is left out for `coolDownMs`, then tried
 * again. `onReplica` hears once when a replica goes down and once when it is back. A read that a
 * hot standby cancelled for conflicting with replay runs on the primary. Other errors (a missing
 * table, a timeout) are the read's own and are not retried elsewhere.
 *
 * @example
 * ```ts
 * const executor = routeReads(postgresExecutor(primary), [{ name: redactUrl(url), executor: postgresExecutor(replica) }], {
 *   onReplica: (notice) => logger.warn(notice, `read replica ${notice.state}`),
 * });
 * ```
 */
export function routeReads(
  primary: PlanExecutor,
  replicas: readonly (PlanExecutor | ReadReplica)[],
  options: ReadRoutingOptions = {},
): PlanExecutor {
  const coolDownMs = options.coolDownMs ?? 2000;
  const mapError = options.mapError ?? clientErrors;
  const states: ReplicaState[] = replicas.map((each, index) => ({
    replica: 'executor' in each ? each : { name: `replica ${index + 1}`, executor: each },
    downSince: undefined,
    retryAt: 0,
  }));
  let next = 0;
  const notify = (notice: ReplicaNotice) => {
    try {
      options.onReplica?.(notice);
    } catch {
      // A throwing hook must not change where the read goes.
    }
  };
  const wentDown = (state: ReplicaState, error: unknown) => {
    state.retryAt = performance.now() + coolDownMs;
    if (state.downSince !== undefined) return; // the same outage: already reported
    state.downSince = performance.now();
    const mapped = mapError(error) as DatabaseError; // failureOf saw a DatabaseError
    notify({ replica: state.replica.name, state: 'down', error: mapped, downForMs: undefined });
  };
  /** A read that reached the replica; only one sent after the outage began says it is back. */
  const cameBack = (state: ReplicaState, sentAt: number) => {
    if (state.downSince === undefined || sentAt < state.downSince) return;
    const downForMs = Math.round(performance.now() - state.downSince);
    state.downSince = undefined;
    notify({ replica: state.replica.name, state: 'up', error: undefined, downForMs });
  };

  /** The replicas to try for one read, in turn from the next one; those cooling down left out. */
  const candidates = (): ReplicaState[] => {
    const now = performance.now();
    const order: ReplicaState[] = [];
    next = (next + 1) % states.length;
    for (let i = 0; i < states.length; i++) {
      const state = states[(next + i) % states.length] as ReplicaState;
      if (state.downSince === undefined || now >= state.retryAt) order.push(state);
    }
    return order;
  };

  const read = (call: Call): unknown => {
    const order = candidates();
    const attempt = (index: number): unknown => {
      const state = order[index];
      if (!state) return call(primary);
      const failed = (error: unknown): unknown => {
        const failure = failureOf(error, mapError);
        if (failure === undefined) throw error;
        if (failure === 'conflict') return call(primary);
        wentDown(state, error);
        return attempt(index + 1);
      };
      let result: unknown;
      const sentAt = performance.now();
      try {
        result = call(state.replica.executor);
      } catch (error) {
        return failed(error);
      }
      if (!(result instanceof Promise)) {
        cameBack(state, sentAt);
        return result;
      }
      return result.then((value) => {
        cameBack(state, sentAt);
        return value;
      }, failed);
    };
    return attempt(0);
  };

  const isRead = (plan: Plan) => states.length > 0 && readsOnly(plan.text);
  const routed: PlanExecutor = {
    rows: (plan, params) =>
      isRead(plan)
        ? (read((executor) => executor.rows(plan, params)) as ReturnType<PlanExecutor['rows']>)
        : primary.rows(plan, params),
    run: (plan, params) =>
      isRead(plan)
        ? (read((executor) => executor.run(plan, params)) as ReturnType<PlanExecutor['run']>)
        : primary.run(plan, params),
  };
  const first = primary.first;
  if (first) {
    // A replica without `first` answers with its rows' first row.
    routed.first = (plan, params) =>
      isRead(plan)
        ? (read((executor) =>
            executor.first ? executor.first(plan, params) : firstRow(executor.rows(plan, params)),
          ) as ReturnType<NonNullable<PlanExecutor['first']>>)
        : first.call(primary, plan, params);
  }
  return routed;
}

function firstRow(rows: ReturnType<PlanExecutor['rows']>) {
  return rows instanceof Promise ? rows.then((all) => all[0]) : rows[0];
}
