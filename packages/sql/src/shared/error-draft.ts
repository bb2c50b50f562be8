import type { DatabaseErrorKind } from '@strata/core';

// The parts every dialect's error reader shares: what it returns and how it keeps values out.

/** An error's own fields, read without trusting their types. */
export type Fields = Readonly<Record<string, unknown>>;

/** What a mapper found, before the context and the schema fill the gaps. */
export interface Draft {
  kind: DatabaseErrorKind;
  table?: string | undefined;
  columns?: string[] | undefined;
  constraint?: string | undefined;
  detail?: string | undefined;
  engineCode?: string | undefined;
  reason?: string | undefined;
  transient?: boolean | undefined;
  /** PostgreSQL's `varchar(n)` limit from a "value too long" message. */
  lengthLimit?: number | undefined;
  /** SQLite said PRIMARYKEY rather than UNIQUE. */
  primaryKey?: boolean | undefined;
}

export const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value !== '' ? value : undefined;

export const unquote = (name: string): string => name.replace(/""/g, '"');

export const listed = (value: string | undefined): string[] => (value === undefined ? [] : [value]);

/**
 * An engine message without the values it may quote: quoted strings become `…`, and with
 * `cutAtColon` everything from the first `: ` goes (PostgreSQL puts the value there).
 *
 * @example
 * ```ts
 * safeMessage('invalid input syntax for type uuid: "abc"', true); // 'invalid input syntax for type uuid'
 * ```
 */
export function safeMessage(message: string | undefined, cutAtColon = false): string | undefined {
  if (message === undefined) return undefined;
  let safe = (message.split('\n')[0] ?? '').replace(/"(?:[^"]|"")*"|'(?:[^']|'')*'/g, '…');
  if (cutAtColon) safe = safe.split(': ')[0] ?? '';
  safe = safe.trim();
  return safe === '' ? undefined : safe;
}
