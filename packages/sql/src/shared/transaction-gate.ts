/**
 * Keeps single-connection engines (SQLite, PGlite) from mixing transactions with other work.
 * A transaction holds the gate alone; operations run at once while no transaction holds or awaits
 * it, and otherwise queue behind it, in arrival order. Operations need not exclude each other:
 * each is one statement, and the driver runs statements in the order they were sent.
 */
export class TransactionGate {
  /** True while a transaction holds the gate. */
  #held = false;
  /** Work waiting for the gate, first come first served. */
  readonly #waiting: { exclusive: boolean; start: () => void }[] = [];
  /** Operations running (not waiting), so that `idle()` knows when all work has settled. */
  #running = 0;
  /** Called when the gate becomes idle. */
  #onIdle: (() => void)[] = [];

  /**
   * Runs one statement's work: at once, unless a transaction holds or awaits the gate. Not
   * counted for `idle()` (that would cost every call a promise step): a single statement is the
   * driver's to finish, and drivers drain their own queue on close.
   */
  shared<T>(work: () => Promise<T>): Promise<T> {
    if (!this.#held && this.#waiting.length === 0) return work();
    return new Promise<T>((resolve, reject) => {
      this.#waiting.push({ exclusive: false, start: () => work().then(resolve, reject) });
    });
  }

  /**
   * Runs work at once, without queueing, but counted until it settles (for `idle()`): how a
   * connection pool's transactions, which never wait for the gate, are drained on close.
   */
  track<T>(work: () => Promise<T>): Promise<T> {
    return this.#track(work);
  }

  /**
   * Resolves once no transaction runs or waits (and no tracked work runs). `close()` waits for
   * it before closing the connection.
   */
  idle(): Promise<void> {
    if (this.#isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.#onIdle.push(resolve));
  }

  #isIdle(): boolean {
    return !this.#held && this.#running === 0 && this.#waiting.length === 0;
  }

  #track<T>(work: () => Promise<T>): Promise<T> {
    this.#running++;
    let result: Promise<T>;
    try {
      result = work();
    } catch (error) {
      result = Promise.reject(error);
    }
    return result.finally(() => {
      this.#running--;
      this.#settle();
    });
  }

  #settle(): void {
    if (!this.#isIdle()) return;
    const waiters = this.#onIdle;
    this.#onIdle = [];
    for (const resolve of waiters) resolve();
  }

  /** Runs a transaction alone; the gate opens again however it ends. */
  exclusive<T>(work: () => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const start = () => {
        this.#held = true;
        work()
          .then(resolve, reject)
          .finally(() => {
            this.#held = false;
            this.#drain();
            this.#settle();
          });
      };
      if (!this.#held && this.#waiting.length === 0) start();
      else this.#waiting.push({ exclusive: true, start });
    });
  }

  /** Starts waiting operations up to the next transaction, or that transaction. */
  #drain(): void {
    while (!this.#held && this.#waiting.length > 0) {
      const next = this.#waiting.shift() as { exclusive: boolean; start: () => void };
      next.start();
    }
  }
}

/**
 * Waits for `work` to settle, or `timeoutMs`, whichever comes first; never rejects.
 *
 * @example
 * ```ts
 * await settledWithin(gate.idle(), 5000);
 * ```
 */
export async function settledWithin(work: Promise<unknown>, timeoutMs: number): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  await Promise.race([
    work.catch(() => undefined),
    new Promise<void>((resolve) => {
      timer = setTimeout(resolve, timeoutMs);
    }),
  ]);
  clearTimeout(timer);
}
