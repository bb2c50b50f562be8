// @ts-check
// Talks to the Studio's own server. The token travels in an HTTP-only cookie set on the first
// visit, so no script here ever sees it.

/** An error answered by the server: `code`, a message, and per-field messages for refused writes. */
export class ApiError extends Error {
  /**
   * @param {number} status
   * @param {{ code?: string, message?: string, fields?: Record<string, string>, kind?: string }} body
   */
  constructor(status, body) {
    super(body.message ?? `HTTP ${status}`);
    this.status = status;
    this.code = body.code ?? 'ERROR';
    this.fields = body.fields ?? {};
    this.kind = body.kind;
  }
}

/**
 * Calls the API and returns its JSON, or throws an ApiError.
 * @param {string} method
 * @param {string} path
 * @param {unknown} [body]
 */
export async function api(method, path, body) {
  const response = await fetch(`/api/${path}`, {
    method,
    credentials: 'same-origin',
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = await response.json().catch(() => ({}));
  if (!response.ok) throw new ApiError(response.status, json.error ?? {});
  return json;
}

/** @param {string} name */
export const enc = (name) => encodeURIComponent(name);
