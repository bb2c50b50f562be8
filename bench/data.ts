// The benchmark's data: a seeded 10,000-row table whose expected query answers are known in
// advance (so every read can be checked), and fresh rows for the insert workloads.
import { generateId } from '@strata/core';
import type { ItemValues } from './contract.js';

export const SEED_ROWS = 10_000;
/** 20 categories of 500 rows: workload 2 reads the first 20 (by rank) of 500 candidates. */
export const CATEGORIES = 20;
export const PAGE_SIZE = 20;
/** Categories the insert workloads write to: never read by the read workloads, cleared after each round. */
export const INSERTED = 'inserted';
export const BULK = 'bulk';

const BASE_TIME = Date.UTC(2024, 0, 1);

export const categoryName = (index: number): string => `c${String(index).padStart(2, '0')}`;

/** A small seeded PRNG (mulberry32): the same shuffle on every run. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The seeded rows and the answers the read workloads must return. */
export interface SeedData {
  readonly rows: readonly ItemValues[];
  /** Seeded rows in a fixed shuffled order: point reads and updates walk it. */
  readonly shuffled: readonly ItemValues[];
  /** Per category, the ids of the first PAGE_SIZE rows by rank. */
  readonly firstPage: ReadonlyMap<string, readonly string[]>;
  readonly categories: readonly string[];
}

/**
 * Builds the seed: row `i` has category `i % 20` and rank `i` (ranks are unique, so "order by
 * rank" has one right answer even where an implementation adds a tie-breaker).
 */
export function createSeed(): SeedData {
  const rows: ItemValues[] = [];
  for (let i = 0; i < SEED_ROWS; i++) {
    rows.push({
      id: generateId(),
      category: categoryName(i % CATEGORIES),
      rank: i,
      title: `item ${i}`,
      price: i % 7 === 0 ? null : Math.round(i * 137) / 100,
      createdAt: new Date(BASE_TIME + i * 1000),
    });
  }
  const next = random(42);
  const shuffled = [...rows];
  for (let i = shuffled.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [shuffled[i], shuffled[j]] = [shuffled[j] as ItemValues, shuffled[i] as ItemValues];
  }
  const categories = Array.from({ length: CATEGORIES }, (_, i) => categoryName(i));
  const firstPage = new Map(
    categories.map((category) => [
      category,
      rows
        .filter((row) => row.category === category)
        .sort((a, b) => a.rank - b.rank)
        .slice(0, PAGE_SIZE)
        .map((row) => row.id),
    ]),
  );
  return { rows, shuffled, firstPage, categories };
}

/** Fresh rows for the insert workloads: new ids, ranks above the seed's, distinct titles. */
export class RowFactory {
  #next = 0;

  row(category: string): ItemValues {
    const n = this.#next++;
    return {
      id: generateId(),
      category,
      rank: 1_000_000 + n,
      title: `new item ${n}`,
      price: (n % 1000) / 4,
      createdAt: new Date(BASE_TIME + n),
    };
  }

  rows(category: string, count: number): ItemValues[] {
    return Array.from({ length: count }, () => this.row(category));
  }
}
