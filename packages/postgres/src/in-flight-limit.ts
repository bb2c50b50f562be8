import type { Sql } from 'postgres';

/**
 * At most `max` units of work at once, the rest waiting in order. Behind a transaction pooler a
 * database keeps its queries and transactions in flight at or below its pool size: postgres-js
 * pipelines a query behind a busy connection's once every connection is busy, and PgBouncer
 * before 1.21 releases the server connection at the first query's end while the second one's
 * answer is still due, so that query never completes (pgbouncer/pgbouncer#759).
 *
 * @example
 * ```ts
 * const limit = inFlightLimit(10);
 * const rows = await limit.run(() => client.unsafe('select 1'));
 * ```
 */
export interface InFlightLimit {
  /** Runs `work` once fewer than `max` units are running. */
  run<T>(work: () => PromiseLike<T>): Promise<T>;
}

/**
 * A FIFO limit of `max` concurrent units (see {@link InFlightLimit}).
 *
 * @example
 * ```ts
 * const limit = inFlightLimit(options.maxConnections ?? 10);
 * ```
 */
export function inFlightLimit(max: number): InFlightLimit {
  let running = 0;
  const waiting: (() => void)[] = [];
  const release = () => {
    const next = waiting.shift();
    if (next) next();
    else running--;
  };
  return {
    async run(work) {
      if (running < max) running++;
      // A finished unit hands its place straight to the next waiter, so the count never dips.
      else await new Promise<void>((resolve) => waiting.push(resolve));
      try {
        return await work();
      } finally {
        release();
      }
    },
  };
}

/** The part of a postgres-js query Drizzle and Strata's executor use: awaited, or `.values()`. */
interface DeferredQuery<T> extends PromiseLike<T> {
  values(): DeferredQuery<T>;
  catch(onRejected: (reason: unknown) => unknown): Promise<unknown>;
  finally(onFinally: () => void): Promise<T>;
}

function deferredQuery<T>(limit: InFlightLimit, start: (values: boolean) => PromiseLike<T>): DeferredQuery<T> {
  let values = false;
  let running: Promise<T> | undefined;
  // Queries are lazy, as postgres-js's own are: nothing is sent before the first `then`.
  const result = () => {
    running ??= limit.run(() => start(values));
    return running;
  };
  const query: DeferredQuery<T> = {
    values() {
      values = true;
      return query;
    },
    // biome-ignore lint/suspicious/noThenProperty: a thenable query, like the driver's own
    then: (onFulfilled, onRejected) => result().then(onFulfilled, onRejected),
    catch: (onRejected) => result().catch(onRejected),
    finally: (onFinally) => result().finally(onFinally),
  };
  return query;
}

/**
 * `client` with its queries (`unsafe`) and transactions (`begin`) held to `limit` while
 * `limited()` says so (behind a pooler). Queries inside a transaction run on its reserved
 * connection, which the transaction's unit already holds. Everything else is the client itself.
 *
 * @example
 * ```ts
 * const pooled = limitedClient(client, inFlightLimit(10), () => !statements.named);
 * const db = drizzle(pooled, config);
 * ```
 */
export function limitedClient(client: Sql, limit: InFlightLimit, limited: () => boolean): Sql {
  const unsafe = ((...args: Parameters<Sql['unsafe']>) => {
    if (!limited()) return client.unsafe(...args);
    return deferredQuery(limit, (values) => {
      const real = client.unsafe(...args);
      return values ? real.values() : real;
    });
  }) as Sql['unsafe'];
  const begin = ((...args: Parameters<Sql['begin']>) =>
    limited() ? limit.run(() => client.begin(...args)) : client.begin(...args)) as Sql['begin'];
  return new Proxy(client, {
    get: (target, property, receiver) =>
      property === 'unsafe' ? unsafe : property === 'begin' ? begin : Reflect.get(target, property, receiver),
  });
}
