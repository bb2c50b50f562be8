// Timing. Every implementation of a workload is measured in the same run, round-robin: round r
// runs them all, starting one further along each time, so drift (thermal, GC pressure, autovacuum,
// a noisy neighbour) lands on all of them alike. The reported rate is the median of the rounds.
import type { Implementation } from './contract.js';
import type { Workload, WorkloadContext } from './workloads.js';

export interface MeasureOptions {
  readonly rounds: number;
  /** Length of one implementation's turn in one round. */
  readonly roundMs: number;
  /** Untimed warm-up per implementation (JIT, statement caches, connections) before round 0, where the workload wants one. */
  readonly warmupMs: number;
}

/** One implementation's result on one workload. */
export interface CellMeasurement {
  readonly implementation: Implementation['name'];
  /** Rate of each round, in the workload's unit, in round order. */
  readonly rounds: number[];
  readonly median: number;
  /** Set when a check failed: the cell is reported as failed, not as a number. */
  readonly error?: string;
}

/** A timed stretch: how many operations ran and how many seconds they took. */
export interface Timing {
  ops: number;
  seconds: number;
}

/**
 * Runs `op` back to back for about `budgetMs` (at least once) and times the whole stretch.
 * Awaiting one at a time is what an application's request path does.
 */
export async function timeLoop(budgetMs: number, op: (index: number) => Promise<unknown>): Promise<Timing> {
  const start = performance.now();
  const end = start + budgetMs;
  let ops = 0;
  let now = start;
  do {
    await op(ops++);
    now = performance.now();
  } while (now < end);
  return { ops, seconds: (now - start) / 1000 };
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** Collects the garbage of the previous turn outside the timed part (the run uses --expose-gc). */
const collect = () => globalThis.gc?.();

/**
 * Measures one workload for every implementation of an engine: check each once (a wrong answer
 * fails the cell before any timing), warm each up, then the interleaved rounds.
 */
export async function measureWorkload(
  workload: Workload,
  implementations: readonly Implementation[],
  context: WorkloadContext,
  options: MeasureOptions,
): Promise<CellMeasurement[]> {
  const rounds = new Map<Implementation, number[]>();
  const errors = new Map<Implementation, string>();
  for (const implementation of implementations) {
    try {
      await workload.verify(implementation.ops, context);
      if (workload.warmUp && options.warmupMs > 0) await workload.round(implementation.ops, context, options.warmupMs);
      rounds.set(implementation, []);
    } catch (error) {
      errors.set(implementation, message(error));
    }
  }
  for (let round = 0; round < options.rounds; round++) {
    const order = implementations.map(
      (_, i) => implementations[(i + round) % implementations.length] as Implementation,
    );
    for (const implementation of order) {
      const rates = rounds.get(implementation);
      if (!rates) continue;
      collect();
      try {
        await context.probe.settle();
        rates.push(await workload.round(implementation.ops, context, options.roundMs));
      } catch (error) {
        rounds.delete(implementation);
        errors.set(implementation, message(error));
      }
    }
  }
  return implementations.map((implementation) => {
    const rates = rounds.get(implementation) ?? [];
    const error = errors.get(implementation);
    return {
      implementation: implementation.name,
      rounds: rates,
      median: error ? Number.NaN : median(rates),
      ...(error !== undefined && { error }),
    };
  });
}
