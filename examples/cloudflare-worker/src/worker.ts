/**
 * A small content API served from a Cloudflare Worker, on Neon through `@strata/postgres/neon`:
 * reads and single writes over Neon's HTTP driver (one `fetch` per statement, nothing to keep
 * open), a create that needs a transaction over Neon's WebSocket driver (a `Pool` opened for the
 * request and closed after it: a Worker may not share sockets between requests).
 *
 *   GET    /articles            live articles, newest first (`?status=published` filters)
 *   GET    /articles/:id        one live article, 404 when missing or deleted
 *   POST   /articles            `{ author, title, slug, body?, publish? }`: the author (found or
 *                               created) and the article in one transaction; 409 when the slug
 *                               is taken by a live article
 *   DELETE /articles/:id        soft delete: the row stays, with `deletedAt` set
 *   POST   /articles/:id/restore  brings a soft-deleted article back
 */
import { type DatabaseError, findDatabaseError, isStrataError, isUniqueViolation, type NewRow } from '@strata/core';
import {
  createNeonDatabase,
  type NeonHttpStrataDatabase,
  type NeonWebSocketOptions,
  type NeonWebSocketStrataDatabase,
} from '@strata/postgres/neon';
import { ARTICLE_STATUSES, article, author } from './schema.js';

const schema = { author, article };
type Schema = typeof schema;

/**
 * The Worker's bindings (`wrangler.toml` vars and secrets).
 *
 * @example
 * ```ts
 * const env: Env = { DATABASE_URL: 'postgresql://app:secret@ep-example.neon.tech/app' };
 * ```
 */
export interface Env {
  /** The Neon connection string, `postgresql://user:password@ep-….neon.tech/db` (a secret). */
  readonly DATABASE_URL: string;
  /** Local development only: where the HTTP driver posts queries instead of Neon's `https://api.<host>/sql`. */
  readonly NEON_FETCH_ENDPOINT?: string;
  /** Local development only: a WebSocket proxy's `host:port/path` instead of Neon's. */
  readonly NEON_WS_PROXY?: string;
  /**
   * Local development only, `'true'` for a proxy on loopback: `ws:` instead of `wss:`, and wait
   * for the server to ask for the password (a plain PostgreSQL server uses SCRAM).
   */
  readonly NEON_WS_LOOPBACK?: string;
}

/**
 * The part of a Worker's `ExecutionContext` this Worker uses: work to finish after the response.
 *
 * @example
 * ```ts
 * ctx.waitUntil(db.close());
 * ```
 */
export interface WorkerContext {
  waitUntil(promise: Promise<unknown>): void;
}

// The HTTP database holds no socket (each statement is one fetch), so one per isolate is reused
// across requests; the Worker runtime keeps `env` the same object for the isolate's life.
const httpDatabases = new WeakMap<Env, Promise<NeonHttpStrataDatabase<Schema>>>();

function httpDatabase(env: Env): Promise<NeonHttpStrataDatabase<Schema>> {
  let db = httpDatabases.get(env);
  if (!db) {
    db = createNeonDatabase({
      schema,
      url: env.DATABASE_URL,
      driver: 'http',
      ...(env.NEON_FETCH_ENDPOINT ? { fetchEndpoint: env.NEON_FETCH_ENDPOINT } : {}),
    });
    // A failed open (a malformed url) must not stick for the isolate's life.
    db.catch(() => httpDatabases.delete(env));
    httpDatabases.set(env, db);
  }
  return db;
}

/** A WebSocket database for one request; the caller closes it (in `waitUntil`). */
function webSocketDatabase(env: Env): Promise<NeonWebSocketStrataDatabase<Schema>> {
  const loopback = env.NEON_WS_LOOPBACK === 'true';
  const webSocket: NeonWebSocketOptions = {
    ...(env.NEON_WS_PROXY ? { proxy: env.NEON_WS_PROXY } : {}),
    ...(loopback ? { secure: false, pipelineConnect: false } : {}),
  };
  // One connection: this request's transaction is all it runs.
  return createNeonDatabase({ schema, url: env.DATABASE_URL, driver: 'websocket', webSocket, maxConnections: 1 });
}

const json = (body: unknown, status = 200) => Response.json(body, { status });
const notFound = () => json({ error: 'not_found' }, 404);

/** The value-free fields of a database error, for an API answer. */
const errorBody = (error: DatabaseError) => ({
  error: error.kind,
  table: error.table,
  columns: error.columns,
  constraint: error.constraint,
});

/** What `POST /articles` takes. */
interface CreateArticle {
  readonly author: string;
  readonly title: string;
  readonly slug: string;
  readonly body?: string;
  readonly publish?: boolean;
}

function parseCreate(input: unknown): CreateArticle | undefined {
  if (typeof input !== 'object' || input === null) return undefined;
  const { author, title, slug, body, publish } = input as Record<string, unknown>;
  if (typeof author !== 'string' || typeof title !== 'string' || typeof slug !== 'string') return undefined;
  if (body !== undefined && typeof body !== 'string') return undefined;
  if (publish !== undefined && typeof publish !== 'boolean') return undefined;
  return { author, title, slug, body, publish };
}

async function createArticle(request: Request, env: Env, ctx: WorkerContext): Promise<Response> {
  const input = parseCreate(await request.json().catch(() => undefined));
  if (!input) return json({ error: 'invalid_body', expected: '{ author, title, slug, body?, publish? }' }, 400);
  const db = await webSocketDatabase(env);
  try {
    const created = await db.transaction(async (tx) => {
      const writer =
        (await tx.repos.author.findBy('name', input.author)) ?? (await tx.repos.author.create({ name: input.author }));
      const values: NewRow<typeof article> = {
        authorId: writer.id,
        title: input.title,
        slug: input.slug,
        ...(input.body === undefined ? {} : { body: input.body }),
        ...(input.publish ? { status: 'published' as const, publishedAt: new Date() } : {}),
      };
      return { author: writer, article: await tx.repos.article.create(values) };
    });
    return json(created, 201);
  } catch (error) {
    // The whole transaction rolled back: a new author is not left behind for a refused slug.
    if (isUniqueViolation(error)) {
      const dbError = findDatabaseError(error) as DatabaseError;
      return json({ ...errorBody(dbError), message: `the slug "${input.slug}" is taken` }, 409);
    }
    throw error;
  } finally {
    // The response needs nothing from the close: let it finish after the response is sent.
    ctx.waitUntil(db.close());
  }
}

async function route(request: Request, env: Env, ctx: WorkerContext): Promise<Response> {
  const url = new URL(request.url);
  const [collection, id, action, ...rest] = url.pathname.split('/').filter(Boolean);
  if (collection !== 'articles' || rest.length > 0) return notFound();
  if (id === undefined) {
    if (request.method === 'POST') return createArticle(request, env, ctx);
    if (request.method !== 'GET') return json({ error: 'method_not_allowed' }, 405);
    const status = url.searchParams.get('status');
    if (status !== null && !(ARTICLE_STATUSES as readonly string[]).includes(status)) {
      return json({ error: 'invalid_status', expected: ARTICLE_STATUSES }, 400);
    }
    const db = await httpDatabase(env);
    const items = await db.repos.article.findMany({
      ...(status === null ? {} : { where: { status: status as (typeof ARTICLE_STATUSES)[number] } }),
      orderBy: { createdAt: 'desc' },
      limit: 50,
    });
    return json({ items });
  }
  const db = await httpDatabase(env);
  if (action === 'restore' && request.method === 'POST') {
    const restored = await db.repos.article.restore(id);
    return restored ? json(restored) : notFound();
  }
  if (action !== undefined) return notFound();
  if (request.method === 'GET') {
    const found = await db.repos.article.findById(id);
    return found ? json(found) : notFound();
  }
  if (request.method === 'DELETE') {
    // Soft: an UPDATE setting deletedAt, which reads and the live-slug index then leave out.
    const deleted = await db.repos.article.delete(id);
    return deleted ? new Response(null, { status: 204 }) : notFound();
  }
  return json({ error: 'method_not_allowed' }, 405);
}

export default {
  async fetch(request: Request, env: Env, ctx: WorkerContext): Promise<Response> {
    try {
      return await route(request, env, ctx);
    } catch (error) {
      // Strata's errors carry no row values or passwords, so their kind and message can be logged.
      const dbError = findDatabaseError(error);
      if (dbError) {
        const status = dbError.kind === 'invalid_value' || dbError.kind.endsWith('_violation') ? 422 : 503;
        return json(errorBody(dbError), status);
      }
      if (isStrataError(error)) return json({ error: error.code, message: error.message }, 500);
      console.error(error);
      return json({ error: 'internal' }, 500);
    }
  },
};
