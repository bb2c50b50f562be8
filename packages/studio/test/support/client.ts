// A small HTTP client for the Studio tests, on node:http so that Host and Origin can be set
// (fetch fixes the Host header).
import { request } from 'node:http';

export interface Answer {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly text: string;
  // biome-ignore lint/suspicious/noExplicitAny: test answers are read field by field
  readonly json: any;
}

export interface RequestOptions {
  readonly method?: string;
  readonly body?: unknown;
  readonly headers?: Record<string, string>;
}

/** Sends one request to the Studio at `port`. */
export function call(port: number, path: string, options: RequestOptions = {}): Promise<Answer> {
  const body = options.body === undefined ? undefined : JSON.stringify(options.body);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path,
        method: options.method ?? 'GET',
        headers: {
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...options.headers,
        },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let json: unknown;
          try {
            json = JSON.parse(text);
          } catch {
            json = undefined;
          }
          resolve({ status: response.statusCode ?? 0, headers: response.headers, text, json });
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** A client that sends the token in the `Authorization` header. */
export function authorized(port: number, token: string) {
  return (path: string, options: RequestOptions = {}) =>
    call(port, path, { ...options, headers: { authorization: `token ${token}`, ...options.headers } });
}
