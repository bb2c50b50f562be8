/** Line endings differ between checkouts (git's autocrlf): the checksum must not. */
function normalize(text: string): string {
  return text.replace(/\r\n?/g, '\n');
}

/**
 * The checksum recorded for a migration: SHA-256 (hex) of its up and down files. Uses Web
 * Crypto, so it runs in Node and in browsers alike.
 *
 * @example
 * ```ts
 * const checksum = await migrationChecksum(upSql, downSql);
 * ```
 */
export async function migrationChecksum(up: string, down: string): Promise<string> {
  const bytes = new TextEncoder().encode(`${normalize(up)}\u0000${normalize(down)}`);
  const digest = await crypto.subtle.digest('SHA-256', bytes);
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('');
}
