import type { Logger as DrizzleLogger } from 'drizzle-orm';
import type { PlanExecutor } from './plan.js';

/** One statement, as the query log sees it: what an OpenTelemetry span or a metric needs. */
export interface QueryEvent {
  readonly engine: string;
  /** The SQL text, with `$1`/`?` placeholders: values are never part of it. */
  readonly sql: string;
  readonly durationMs: number;
  /** Rows returned (reads) or touched (writes), when the driver says. */
  readonly rowCount: number | undefined;
  /** The bound values only with `logParameters: true`; otherwise how many there were. */
  readonly parameters: readonly unknown[] | { readonly redacted: number };
  /** At or above `slowQueryMs`. */
  readonly slow: boolean;
  /** The error, when the statement failed. */
  readonly error: unknown;
}

/** A pino-compatible logger: an object first, a message second. */
export interface QueryLogger {
  debug(fields: object, message?: string): void;
  warn(fields: object, message?: string): void;
}

/** Query logging of a database (`log` option of every engine's `createDatabase`). */
export interface QueryLogOptions {
  /** Where statements go: `debug` for each, `warn` for slow or failed ones. Pino fits as is. */
  readonly logger?: QueryLogger;
  /** From this duration on a statement is slow (logged at `warn`). Default 200 ms. */
  readonly slowQueryMs?: number;
  /**
   * Log bound values. Off by default: values are user data (emails, tokens) that do not belong
   * in logs; the log then says how many there were.
   */
  readonly logParameters?: boolean;
  /** Called for every statement, for metrics and tracing (an OpenTelemetry span per event). */
  readonly onQuery?: (event: QueryEvent) => void;
}

function countOf(result: unknown): number | undefined {
  if (typeof result === 'number') return result;
  if (Array.isArray(result)) return result.length;
  return result === undefined ? 0 : undefined;
}

/**
 * Reports one statement to the logger and the hook; a throwing logger or hook never breaks the
 * query it reports on.
 */
function report(
  engine: string,
  options: QueryLogOptions,
  sql: string,
  params: readonly unknown[],
  started: number,
  outcome: { result?: unknown; error?: unknown },
) {
  const durationMs = Math.round((performance.now() - started) * 1000) / 1000;
  const slow = durationMs >= (options.slowQueryMs ?? 200);
  const event: QueryEvent = {
    engine,
    sql,
    durationMs,
    rowCount: 'error' in outcome ? undefined : countOf(outcome.result),
    parameters: options.logParameters ? params : { redacted: params.length },
    slow,
    error: outcome.error,
  };
  try {
    options.onQuery?.(event);
    if (options.logger) {
      const fields = { engine, sql, durationMs, rowCount: event.rowCount, parameters: event.parameters };
      if (outcome.error !== undefined) {
        options.logger.warn(
          { ...fields, error: outcome.error instanceof Error ? outcome.error.message : String(outcome.error) },
          'query failed',
        );
      } else if (slow) options.logger.warn(fields, 'slow query');
      else options.logger.debug(fields, 'query');
    }
  } catch {
    // Logging must not change what the query does.
  }
}

type ExecutorMethod = (plan: { readonly text: string }, params: unknown[], ...rest: unknown[]) => unknown;

/**
 * An executor that reports each statement (SQL text, duration, row count, slow flag; values
 * redacted unless asked for) to a logger and a hook. Synchronous drivers stay synchronous.
 *
 * @example
 * ```ts
 * const executor = loggedExecutor(sqliteExecutor(client), 'sqlite', { logger: pino(), slowQueryMs: 50 });
 * ```
 */
export function loggedExecutor(executor: PlanExecutor, engine: string, options: QueryLogOptions): PlanExecutor {
  const wrapped: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(executor)) {
    if (typeof value !== 'function') {
      wrapped[name] = value;
      continue;
    }
    const method = value.bind(executor) as ExecutorMethod;
    wrapped[name] = (plan: { readonly text: string }, params: unknown[], ...rest: unknown[]) => {
      const started = performance.now();
      let result: unknown;
      try {
        result = method(plan, params, ...rest);
      } catch (error) {
        report(engine, options, plan.text, params, started, { error });
        throw error;
      }
      if (result instanceof Promise) {
        return result.then(
          (value) => {
            report(engine, options, plan.text, params, started, { result: value });
            return value;
          },
          (error: unknown) => {
            report(engine, options, plan.text, params, started, { error });
            throw error;
          },
        );
      }
      report(engine, options, plan.text, params, started, { result });
      return result;
    };
  }
  return wrapped as unknown as PlanExecutor;
}

/**
 * A Drizzle logger for the statements that go through Drizzle itself (`db.drizzle`, DDL,
 * transaction control): SQL text at `debug`, values redacted unless asked for.
 *
 * @example
 * ```ts
 * drizzle(client, { schema, logger: drizzleQueryLogger('sqlite', options.log) });
 * ```
 */
export function drizzleQueryLogger(engine: string, options: QueryLogOptions | undefined): DrizzleLogger | undefined {
  if (!options?.logger && !options?.onQuery) return undefined;
  return {
    logQuery(sql, params) {
      // Drizzle reports before running: no duration or row count here.
      const parameters = options.logParameters ? params : { redacted: params.length };
      try {
        options.logger?.debug({ engine, sql, parameters }, 'query');
      } catch {
        // Logging must not change what the query does.
      }
    },
  };
}
