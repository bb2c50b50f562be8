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

  /** Runs one statement's work: at once, unless a transaction holds or awaits the gate. */
  shared<T>(work: () => Promise<T>): Promise<T> {
    if (!this.#held && this.#waiting.length === 0) return work();
    return new Promise<T>((resolve, reject) => {
      this.#waiting.push({ exclusive: false, start: () => work().then(resolve, reject) });
    });
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
