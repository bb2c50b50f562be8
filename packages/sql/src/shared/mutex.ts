/**
 * A first-come, first-served async lock. Single-connection engines (SQLite, PGlite) run every
 * operation and every transaction through one, so a query from another async caller can never
 * land inside someone else's open transaction.
 */
export class Mutex {
  #tail: Promise<void> = Promise.resolve();

  /** Runs `work` once every earlier holder is done; the lock is released however `work` ends. */
  run<T>(work: () => Promise<T> | T): Promise<T> {
    const result = this.#tail.then(work);
    this.#tail = result.then(
      () => undefined,
      () => undefined,
    );
    return result;
  }
}
