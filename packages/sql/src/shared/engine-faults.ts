// Finding the engine error inside an error (itself, or a cause of a Drizzle wrapper) and reading
// the errors every driver shares — sockets, postgres-js, closed drivers — which need no dialect.
import { type DatabaseErrorKind, isStrataError } from '@strata/core';
import { type Draft, type Fields, text } from './error-draft.js';

/** A recognised engine error: who raised it and its fields. */
export interface EngineFault {
  readonly source: 'postgres' | 'sqlite' | 'client';
  readonly fields: Fields;
}

// ---------------------------------------------------------------------------------------------
// Recognising engine errors

const SQLSTATE = /^[0-9A-Z]{5}$/;

/** Error codes of Node sockets and of the postgres-js client that mean a connection problem. */
const CLIENT_CODES: Readonly<Record<string, { kind: DatabaseErrorKind; reason: string; transient?: boolean }>> = {
  ECONNREFUSED: { kind: 'connection', reason: 'connection refused' },
  ECONNRESET: { kind: 'connection', reason: 'connection reset' },
  ECONNABORTED: { kind: 'connection', reason: 'connection aborted' },
  EPIPE: { kind: 'connection', reason: 'connection broken' },
  EHOSTUNREACH: { kind: 'connection', reason: 'host unreachable' },
  ENETUNREACH: { kind: 'connection', reason: 'network unreachable' },
  EAI_AGAIN: { kind: 'connection', reason: 'host name lookup failed temporarily' },
  ENOTFOUND: { kind: 'connection', reason: 'host name not found', transient: false },
  ETIMEDOUT: { kind: 'timeout', reason: 'timed out connecting', transient: true },
  CONNECT_TIMEOUT: { kind: 'timeout', reason: 'timed out connecting', transient: true },
  CONNECTION_CLOSED: { kind: 'connection', reason: 'the server closed the connection' },
  CONNECTION_DESTROYED: { kind: 'connection', reason: 'the connection was destroyed' },
  CONNECTION_ENDED: { kind: 'closed', reason: 'the client was closed' },
  // libSQL's client, after `close()`.
  CLIENT_CLOSED: { kind: 'closed', reason: 'the libSQL client was closed' },
  SASL_SIGNATURE_MISMATCH: { kind: 'authentication', reason: 'the server signature did not match' },
  AUTH_TYPE_NOT_IMPLEMENTED: { kind: 'authentication', reason: 'authentication method not supported' },
};

/** Driver errors without a code, recognised by their exact message. */
const CLIENT_MESSAGES: readonly { pattern: RegExp; kind: DatabaseErrorKind; reason: string; transient?: boolean }[] = [
  // better-sqlite3, after `close()`.
  { pattern: /^The database connection is not open$/, kind: 'closed', reason: 'the SQLite connection was closed' },
  // PGlite, after `close()`.
  { pattern: /^PGlite is closed$/, kind: 'closed', reason: 'the PGlite instance was closed' },
  // better-sqlite3 checks the directory itself before SQLite would say SQLITE_CANTOPEN.
  {
    pattern: /^Cannot open database because the directory does not exist$/,
    kind: 'connection',
    reason: 'cannot open the database file: its directory does not exist',
    transient: false,
  },
];

function clientCode(fields: Fields): string | undefined {
  const code = text(fields.code);
  if (code !== undefined) return Object.hasOwn(CLIENT_CODES, code) ? code : undefined;
  // Node reports a failed connection to several addresses as an AggregateError.
  const inner = Array.isArray(fields.errors) ? (fields.errors as unknown[]) : [];
  for (const error of inner) {
    const innerCode = typeof error === 'object' && error !== null ? text((error as Fields).code) : undefined;
    if (innerCode !== undefined && Object.hasOwn(CLIENT_CODES, innerCode)) return innerCode;
  }
  return undefined;
}

function classify(fields: Fields): EngineFault['source'] | undefined {
  const code = text(fields.code);
  if (code?.startsWith('SQLITE_')) return 'sqlite';
  // A SQLSTATE: PostgreSQL and PGlite errors carry a severity; postgres-js makes a few itself
  // (57014 on cancel) without one. Node's `EPIPE` has five letters too, hence the digits.
  if (code !== undefined && SQLSTATE.test(code) && ('severity' in fields || /^\d\d/.test(code))) return 'postgres';
  if (clientCode(fields) !== undefined) return 'client';
  const message = text(fields.message);
  if (message !== undefined && CLIENT_MESSAGES.some((m) => m.pattern.test(message))) return 'client';
  return undefined;
}

/**
 * The engine error inside `error`: itself, or a cause of a Drizzle wrapper (`DrizzleQueryError`,
 * `DrizzleError`). Undefined for anything else, and for Strata's own errors.
 */
export function findEngineFault(error: unknown): EngineFault | undefined {
  const seen = new Set<unknown>();
  let current = error;
  while (typeof current === 'object' && current !== null && !seen.has(current) && seen.size < 32) {
    if (isStrataError(current)) return undefined;
    seen.add(current);
    const fields = current as Fields;
    const source = classify(fields);
    if (source) return { source, fields };
    // Neon's HTTP driver keeps the failed fetch (and its socket error) as `sourceError`.
    current = fields.cause ?? fields.sourceError;
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Client errors (sockets, postgres-js, closed drivers)

export function mapClient(fields: Fields): Draft {
  const code = clientCode(fields);
  const known = code === undefined ? undefined : CLIENT_CODES[code];
  if (known) {
    const host = [fields.address, fields.port].map((part) => (Array.isArray(part) ? part.join(',') : part));
    const where =
      typeof host[0] === 'string' ? ` (${host[0]}${host[1] === undefined ? '' : `:${String(host[1])}`})` : '';
    return { kind: known.kind, engineCode: code, reason: `${known.reason}${where}`, transient: known.transient };
  }
  const message = text(fields.message) ?? '';
  const byMessage = CLIENT_MESSAGES.find((m) => m.pattern.test(message));
  return { kind: byMessage?.kind ?? 'unknown', reason: byMessage?.reason, transient: byMessage?.transient };
}
