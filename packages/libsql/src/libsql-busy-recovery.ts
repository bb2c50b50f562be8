import type { Client, Transaction } from '@libsql/client';

/** SQLite's "database is locked" family: `SQLITE_BUSY`, `SQLITE_BUSY_SNAPSHOT`, … anywhere in the cause chain. */
function isBusy(error: unknown): boolean {
  for (let current = error, depth = 0; typeof current === 'object' && current !== null && depth < 5; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && code.startsWith('SQLITE_BUSY')) return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}

/** The client calls that borrow a connection for themselves (a transaction keeps it until it ends). */
const BORROWING = new Set<PropertyKey>(['execute', 'batch', 'migrate', 'executeMultiple', 'transaction']);

/**
 * libSQL's client (with libsql 0.5) leaves a statement that failed with SQLITE_BUSY unreset until
 * the garbage collector finalizes it, and while it lives every COMMIT on that connection fails
 * with "cannot commit transaction - SQL statements in progress". So after a busy error the local
 * client's connections are replaced (`reconnect()`), as soon as no call and no transaction holds
 * one: before the next one starts, a file database is as good as new (its settings are the
 * client's own and the file's). The returned client is `client` with this added; everything else
 * passes through unchanged.
 *
 * @example
 * ```ts
 * const client = recoveringFromBusy(createClient({ url: 'file:./app.db', concurrency: 1 }));
 * ```
 */
export function recoveringFromBusy(client: Client): Client {
  let holding = 0;
  let poisoned = false;
  const settled = () => {
    holding--;
    if (poisoned && holding === 0 && !client.closed) {
      poisoned = false;
      client.reconnect();
    }
  };
  /** Marks the connection for replacement after a busy error (before it is given back), then rethrows. */
  const failed = (error: unknown): never => {
    if (isBusy(error)) poisoned = true;
    throw error;
  };
  const failedAndSettled = (error: unknown): never => {
    if (isBusy(error)) poisoned = true;
    settled();
    throw error;
  };
  const transactionReleasing = (tx: Transaction): Transaction => {
    let open = true;
    const release = () => {
      if (!open) return;
      open = false;
      settled();
    };
    return new Proxy(tx, {
      get(target, property) {
        const value = Reflect.get(target, property, target);
        if (typeof value !== 'function') return value;
        if (property === 'commit' || property === 'rollback') {
          return (...args: unknown[]) =>
            (value as (...a: unknown[]) => Promise<unknown>).apply(target, args).catch(failed).finally(release);
        }
        if (property === 'close') {
          return (...args: unknown[]) => {
            try {
              return (value as (...a: unknown[]) => unknown).apply(target, args);
            } finally {
              release();
            }
          };
        }
        // A statement of the transaction: a busy one poisons the connection the transaction returns.
        return (...args: unknown[]) => {
          const result = (value as (...a: unknown[]) => unknown).apply(target, args);
          return result instanceof Promise ? result.catch(failed) : result;
        };
      },
    });
  };
  const wrapped = new Map<PropertyKey, unknown>();
  return new Proxy(client, {
    get(target, property) {
      const value = Reflect.get(target, property, target);
      if (typeof value !== 'function') return value;
      let wrapper = wrapped.get(property);
      if (wrapper === undefined) {
        wrapper = wrap(target, property, value as (...a: unknown[]) => Promise<unknown>);
        wrapped.set(property, wrapper);
      }
      return wrapper;
    },
  });

  function wrap(target: Client, property: PropertyKey, value: (...a: unknown[]) => Promise<unknown>): unknown {
    // Bound to the client itself: its methods read private fields a proxy does not have.
    if (!BORROWING.has(property)) return value.bind(target);
    return (...args: unknown[]) => {
      holding++;
      let result: Promise<unknown>;
      try {
        result = value.apply(target, args);
      } catch (error) {
        settled();
        throw error;
      }
      if (property === 'transaction') {
        // The transaction holds its connection until it ends: it settles then.
        return result.then((tx) => transactionReleasing(tx as Transaction), failedAndSettled);
      }
      // Watched on a side chain, so the caller awaits the client's own promise (no extra turn of
      // the microtask queue per statement); these reactions run before the caller's.
      result.then(settled, (error: unknown) => {
        if (isBusy(error)) poisoned = true;
        settled();
      });
      return result;
    };
  }
}
