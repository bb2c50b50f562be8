import { StrataError } from '@strata/core';
import { redactUrl } from '@strata/sql';

/** How a URL check names the database in its errors: `PostgreSQL`, `Neon database`. */
interface UrlSubject {
  readonly name: string;
  /** A well-formed example for the "is required" error. */
  readonly example: string;
}

/**
 * Checks a `postgres://` / `postgresql://` URL before a driver sees it, and parses it. Drivers'
 * own errors for a malformed URL quote it whole, password included; these errors redact it.
 *
 * @example
 * ```ts
 * const url = parsePostgresUrl(options.url, { name: 'PostgreSQL', example: 'postgres://user:secret@host:5432/database' });
 * ```
 */
export function parsePostgresUrl(url: string | undefined, subject: UrlSubject): URL {
  if (!url) throw new StrataError('CONFIG_INVALID', `A ${subject.name} url is required, e.g. ${subject.example}`);
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new StrataError('CONFIG_INVALID', `The ${subject.name} url is malformed: ${redactUrl(url)}`);
  }
  if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:') {
    throw new StrataError(
      'CONFIG_INVALID',
      `A ${subject.name} url starts with postgres:// or postgresql://, got ${redactUrl(url)}`,
    );
  }
  return parsed;
}
