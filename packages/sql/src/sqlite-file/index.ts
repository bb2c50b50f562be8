/**
 * Node only: what SQLite database files share within a process. Kept apart from
 * `@strata/sql/sqlite`, which runs anywhere (a Worker on D1 included) and imports no Node
 * built-in.
 */
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
 * The gate of a database file, shared by every Strata database of this process opened on it
 * (keyed by its real path, so `./app.db`, an absolute path and a symlink to it are one file).
 *
 * @example
 * ```ts
 * import { gateOfFile } from '@strata/sql/sqlite-file';
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
