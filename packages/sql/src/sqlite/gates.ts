import { realpathSync } from 'node:fs';
import { resolve } from 'node:path';
import { TransactionGate } from '../shared/transaction-gate.js';

/**
 * One gate per database file in this process, shared by every connection to it, whichever engine
 * opened it: better-sqlite3 and libSQL both wait for a lock by blocking the thread, so two
 * connections of one process to one file must take turns in JavaScript instead, or the waiting
 * one would block the holder from ever finishing.
 */
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
