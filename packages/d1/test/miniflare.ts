// A real local D1 (workerd's, through miniflare) for each test database: never a mock.
import { Miniflare } from 'miniflare';
import type { D1Binding } from '../src/index.js';

/** A Miniflare instance with one Worker and D1 databases; `dispose()` ends it. */
export interface LocalD1 {
  /** A new, empty D1 database's binding. */
  database(): Promise<D1Binding>;
  dispose(): Promise<void>;
}

/**
 * Starts workerd with `count` D1 databases (bindings `DB0`, `DB1`, …), handed out one by one.
 *
 * @example
 * ```ts
 * const d1 = startLocalD1(4);
 * const binding = await d1.database();
 * ```
 */
export function startLocalD1(count: number): LocalD1 {
  const names = Array.from({ length: count }, (_, i) => `DB${i}`);
  const miniflare = new Miniflare({
    modules: true,
    script: 'export default { fetch() { return new Response("") } }',
    d1Databases: names,
  });
  let next = 0;
  return {
    async database() {
      const name = names[next++];
      if (name === undefined) throw new Error(`only ${count} D1 databases were started`);
      return (await miniflare.getD1Database(name)) as unknown as D1Binding;
    },
    dispose: () => miniflare.dispose(),
  };
}
