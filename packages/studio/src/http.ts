import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * An answer the Studio gives on purpose: a status, a code for the browser to branch on, a
 * message for people, and (for refused writes) the message per field.
 *
 * @example
 * ```ts
 * throw new HttpError(404, 'NOT_FOUND', 'no table "nope" in database "app"');
 * ```
 */
export class HttpError extends Error {
  readonly status: number;
  readonly code: string;
  readonly fields: Readonly<Record<string, string>> | undefined;
  readonly kind: string | undefined;

  constructor(
    status: number,
    code: string,
    message: string,
    extra: { readonly fields?: Record<string, string>; readonly kind?: string } = {},
  ) {
    super(message);
    this.name = 'HttpError';
    this.status = status;
    this.code = code;
    this.fields = extra.fields;
    this.kind = extra.kind;
  }
}

/** Headers of every answer: nothing cached, framed, sniffed, or sent on as a referrer (the URL may hold the token). */
export const COMMON_HEADERS: Readonly<Record<string, string>> = {
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cross-origin-resource-policy': 'same-origin',
};

/**
 * Sends a JSON answer.
 *
 * @example
 * ```ts
 * sendJson(response, 200, { ok: true });
 * ```
 */
export function sendJson(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    ...COMMON_HEADERS,
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
  });
  response.end(text);
}

/**
 * Sends an error as `{ error: { code, message, fields?, kind? } }`.
 *
 * @example
 * ```ts
 * sendError(response, new HttpError(403, 'TOKEN_REQUIRED', 'open the URL printed by strata studio'));
 * ```
 */
export function sendError(response: ServerResponse, error: HttpError): void {
  sendJson(response, error.status, {
    error: { code: error.code, message: error.message, fields: error.fields, kind: error.kind },
  });
}

/** Bodies above this are refused: a row edit is small, and the server must not buffer without bound. */
const MAX_BODY_BYTES = 1024 * 1024;

/**
 * Reads a JSON object body. Anything but `application/json` is refused, which also keeps plain
 * HTML forms of other sites from posting here.
 *
 * @example
 * ```ts
 * const body = await readJsonBody(request); // Record<string, unknown>
 * ```
 */
export async function readJsonBody(request: IncomingMessage): Promise<Record<string, unknown>> {
  const type = request.headers['content-type'] ?? '';
  if (!/^application\/json\b/i.test(type)) {
    throw new HttpError(415, 'JSON_REQUIRED', 'send the body as application/json');
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new HttpError(413, 'BODY_TOO_LARGE', 'the body is larger than 1 MiB');
    chunks.push(chunk as Buffer);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
  } catch {
    throw new HttpError(400, 'JSON_INVALID', 'the body is not valid JSON');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new HttpError(400, 'JSON_INVALID', 'the body must be a JSON object');
  }
  return parsed as Record<string, unknown>;
}
