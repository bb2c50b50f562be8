import { realpathSync } from 'node:fs';
import { resolve } from 'node:path';
import { TransactionGate } from '@strata/sql';

/** One gate per database file in this process, shared by every connection to it. */
const gates = new Map<string, TransactionGate>();

/**
 * The gate of a database file, shared by every Strata database of this process opened on it.
 *
 * @example
 * ```ts
 * openSQLiteDatabase({ ..., gate: gateOfFile(client.name) });
 * ```
 */
export function gateOfFile(filename: string): TransactionGate {
  let key = resolve(filename);
  try {
    key = realpathSync(key);
  } catch {
    // Not on disk (yet): the resolved path is the key.
  }
  let gate = gates.get(key);
  if (!gate) {
    gate = new TransactionGate();
    gates.set(key, gate);
  }
  return gate;
}
