/**
 * A connection URL safe to print: the password (and any `password` query parameter) replaced by
 * `***`. Unparseable input is not echoed at all, since it may hold a secret in any position.
 *
 * @example
 * ```ts
 * redactUrl('postgres://app:s3cret@db:5432/app'); // 'postgres://app:***@db:5432/app'
 * ```
 */
export function redactUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return '<unparseable url>';
  }
  if (parsed.password) parsed.password = '***';
  for (const key of [...parsed.searchParams.keys()]) {
    if (/pass|secret|token|key/i.test(key)) parsed.searchParams.set(key, '***');
  }
  return parsed.toString();
}

/** `scheme://user:password@` inside any text. */
const URL_CREDENTIALS = /([a-z][a-z0-9+.-]*:\/\/[^:/?#\s@]+):([^@\s/]+)@/gi;

/**
 * A message safe to log: passwords inside any connection URL it contains replaced by `***`.
 *
 * @example
 * ```ts
 * redactSecrets('connect to postgres://app:s3cret@db/app failed'); // '… postgres://app:***@db/app …'
 * ```
 */
export function redactSecrets(text: string): string {
  return text.replace(URL_CREDENTIALS, '$1:***@');
}
