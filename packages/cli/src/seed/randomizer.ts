import type { Randomizer } from '@faker-js/faker';

/** murmur3's 32-bit finaliser: spreads every input bit over the output. */
function mix32(value: number): number {
  let x = value >>> 0;
  x ^= x >>> 16;
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  x ^= x >>> 16;
  return x >>> 0;
}

/**
 * A 32-bit FNV-1a hash of a string: turns table and column names into seed parts.
 *
 * @example
 * ```ts
 * hashString('post') === hashString('post'); // true, on every run and machine
 * ```
 */
export function hashString(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return hash >>> 0;
}

/**
 * A Faker randomizer (sfc32) that is cheap to reseed. Faker's default Mersenne Twister takes about
 * 50 µs per `seed()`, and fake rows reseed once per column of every row, so that each value depends
 * only on (seed, table, row index, column) and adding a column leaves the others unchanged.
 *
 * @example
 * ```ts
 * const faker = new Faker({ locale: [en, base], randomizer: createRandomizer() });
 * faker.seed([1, 2, 3]);
 * ```
 */
export function createRandomizer(): Randomizer {
  let a = 0;
  let b = 0;
  let c = 0;
  let d = 0;
  const next32 = (): number => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 0;
  };
  return {
    next: () => next32() / 4_294_967_296,
    seed(seed: number | number[]): void {
      const parts = Array.isArray(seed) ? seed : [seed];
      // Two independent 32-bit hashes of the parts, so distinct streams rarely share a state.
      let h1 = 0x9e3779b9 ^ parts.length;
      let h2 = 0x85a308d3 ^ Math.imul(parts.length, 0x27d4eb2f);
      for (const part of parts) {
        const word = Number.isFinite(part) ? part >>> 0 : 0;
        h1 = mix32(h1 ^ mix32(word));
        h2 = mix32((h2 + Math.imul(word, 0x9e3779b1)) | 0);
      }
      a = h1;
      b = h2;
      c = mix32(h1 ^ h2);
      d = 1;
      for (let i = 0; i < 12; i++) next32(); // sfc32's recommended warm-up
    },
  };
}
