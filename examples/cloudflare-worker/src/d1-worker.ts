/**
 * The same content API on Cloudflare D1 through `@strata/d1`: the Worker's D1 binding is the
 * database, with nothing to connect or close. D1 has no interactive transactions, so the author
 * and the article are two writes (the author found or created first), and a bulk import is one
 * atomic batch (`createMany`).
 *
 *   GET    /articles            live articles, newest first
 *   GET    /articles/:id        one live article, 404 when missing or deleted
 *   POST   /articles            `{ author, title, slug, body? }`: 409 when the slug is taken by a live article
 *   POST   /authors             `{ name }`: 409 when the name is taken
 *   POST   /authors/import      `{ names }`: all of them or none (one D1 batch)
 *   DELETE /articles/:id        soft delete: the row stays, with `deletedAt` set
 *   POST   /transaction         tries `db.transaction()`: 501 with D1's typed refusal
 */
import { findDatabaseError, isStrataError, isUniqueViolation } from '@strata/core';
import { createDatabase, type D1Binding } from '@strata/d1';
import { article, author } from './schema.js';

const schema = { author, article };

/**
 * The D1 Worker's bindings: `DB` is declared under `d1_databases` in wrangler's configuration.
 *
 * @example
 * ```ts
 * const env: D1Env = { DB: env.DB };
 * ```
 */
export interface D1Env {
  readonly DB: D1Binding;
}

const json = (body: unknown, status = 200) => Response.json(body, { status });

/** A write's failure as an answer: a taken name or slug is 409, anything else is rethrown. */
function conflict(error: unknown): Response {
  if (isUniqueViolation(error)) {
    const fault = findDatabaseError(error);
    return json({ error: 'taken', table: fault?.table, columns: fault?.columns }, 409);
  }
  throw error;
}

async function handle(request: Request, env: D1Env): Promise<Response> {
  const db = await createDatabase({ schema, binding: env.DB });
  const { pathname } = new URL(request.url);
  const [, resource, id] = pathname.split('/');
  const body = request.method === 'POST' ? ((await request.json()) as Record<string, unknown>) : {};

  if (resource === 'authors' && request.method === 'POST') {
    if (id === 'import') {
      const names = body.names as string[];
      return db.repos.author
        .createMany(names.map((name) => ({ name })))
        .then((created) => json({ imported: created.length }, 201), conflict);
    }
    return db.repos.author.create({ name: String(body.name) }).then((created) => json(created, 201), conflict);
  }
  if (resource === 'articles' && request.method === 'POST') {
    const name = String(body.author);
    const writer = (await db.repos.author.findOne({ name })) ?? (await db.repos.author.create({ name }));
    return db.repos.article
      .create({
        authorId: writer.id,
        title: String(body.title),
        slug: String(body.slug),
        ...(typeof body.body === 'string' && { body: body.body }),
      })
      .then((created) => json(created, 201), conflict);
  }
  if (resource === 'articles' && request.method === 'GET') {
    if (id === undefined || id === '') {
      return json(await db.repos.article.findMany({ orderBy: { createdAt: 'desc' }, limit: 50 }));
    }
    const found = await db.repos.article.findById(id);
    return found ? json(found) : json({ error: 'not found' }, 404);
  }
  if (resource === 'articles' && request.method === 'DELETE' && id) {
    const deleted = await db.repos.article.delete(id);
    return deleted ? json(deleted) : json({ error: 'not found' }, 404);
  }
  if (resource === 'transaction') {
    try {
      await db.transaction(async (tx) => tx.repos.author.create({ name: 'never written' }));
      return json({ error: 'a transaction ran on D1' }, 500);
    } catch (error) {
      if (isStrataError(error)) return json({ code: error.code, message: error.message }, 501);
      throw error;
    }
  }
  return json({ error: 'no such route' }, 404);
}

export default {
  fetch: (request: Request, env: D1Env) => handle(request, env),
};
