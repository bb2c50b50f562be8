import type { PlanExecutor } from './plan.js';

const READ = /^\s*(select|with)\b/i;

/**
 * Sends reads (SELECT statements) to the replicas in turn and everything else to the primary.
 * Only for work outside transactions: a transaction runs on its own primary connection, so it
 * reads its own writes.
 *
 * @example
 * ```ts
 * const executor = routeReads(postgresExecutor(primary), replicas.map(postgresExecutor));
 * ```
 */
export function routeReads(primary: PlanExecutor, replicas: readonly PlanExecutor[]): PlanExecutor {
  let next = 0;
  const pick = (text: string): PlanExecutor => {
    if (!READ.test(text)) return primary;
    next = (next + 1) % replicas.length;
    return replicas[next] as PlanExecutor;
  };
  const routed: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(primary)) {
    routed[name] =
      typeof value === 'function'
        ? (plan: { readonly text: string }, ...rest: unknown[]) => {
            const target = pick(plan.text) as unknown as Record<string, (...args: unknown[]) => unknown>;
            const method =
              target[name] ?? (primary as unknown as Record<string, (...args: unknown[]) => unknown>)[name];
            return (method as (...args: unknown[]) => unknown).call(target[name] ? target : primary, plan, ...rest);
          }
        : value;
  }
  return routed as unknown as PlanExecutor;
}
