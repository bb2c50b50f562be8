// The API's routes, as a fetch-style handler: Request in, Response out. Storage goes through
// @repo/db; request bodies are checked with the tables' own input schemas, and database errors
// become status codes by kind (duplicate email 409, unknown user 404, malformed input 400).
import {
  checkHealth,
  DbService,
  dbType,
  findBy,
  inputSchema,
  isForeignKeyViolation,
  isUniqueViolation,
  QueryError,
  schema,
} from '@repo/db';
import { completeAssessment, summarize } from './models/assessments.js';

/** A request the API refuses as malformed (400). */
class BadRequest extends Error {}

type Route = (params: string[], request: Request) => Promise<Response>;
type Validation<T> = { success: true; data: T } | { success: false; error: { issues: { message: string }[] } };

const json = (body: unknown, status = 200) => Response.json(body, { status });
const found = (row: object | undefined) => (row ? json(row) : json({ error: 'not found' }, 404));

/** The JSON object in the body, with `extra` fields (from the path) on top. */
async function body(request: Request, extra: object = {}): Promise<object> {
  const value: unknown = await request.json().catch(() => undefined);
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new BadRequest('expects a JSON object');
  return { ...value, ...extra };
}

function valid<T>(result: Validation<T>): T {
  if (!result.success) throw new BadRequest(result.error.issues[0]?.message ?? 'invalid body');
  return result.data;
}

const routes: [method: string, path: RegExp, route: Route][] = [
  [
    'GET',
    /^\/health$/,
    async () => {
      const report = await checkHealth();
      return json({ ...report, dbType: dbType() }, report.ok ? 200 : 503);
    },
  ],
  [
    'POST',
    /^\/users$/,
    async (_, request) => {
      const input = valid(inputSchema(schema.users, 'create').safeParse(await body(request)));
      return json(await DbService.create('users', input), 201);
    },
  ],
  [
    'GET',
    /^\/users$/,
    async (_, request) => json(await findBy('users', 'email', new URL(request.url).searchParams.get('email') ?? '')),
  ],
  ['GET', /^\/users\/([^/]+)$/, async ([id = '']) => found(await DbService.findById('users', id))],
  [
    'PATCH',
    /^\/users\/([^/]+)$/,
    async ([id = ''], request) => {
      const patch = valid(inputSchema(schema.users, 'update').safeParse(await body(request)));
      return found(await DbService.update('users', id, patch));
    },
  ],
  [
    'DELETE',
    /^\/users\/([^/]+)$/,
    async ([id = '']) =>
      (await DbService.delete('users', id)) ? new Response(null, { status: 204 }) : found(undefined),
  ],
  [
    'POST',
    /^\/users\/([^/]+)\/assessments$/,
    async ([userId = ''], request) => {
      const input = valid(inputSchema(schema.assessments, 'create').safeParse(await body(request, { userId })));
      return json(await DbService.create('assessments', input), 201);
    },
  ],
  [
    'GET',
    /^\/users\/([^/]+)\/assessments$/,
    async ([userId = ''], request) => {
      const page = Number(new URL(request.url).searchParams.get('page') ?? 1);
      const list = await DbService.paginate('assessments', { where: { userId }, orderBy: { title: 'asc' }, page });
      return json({ ...list, summary: await summarize(userId) });
    },
  ],
  [
    'POST',
    /^\/assessments\/([^/]+)\/complete$/,
    async ([id = ''], request) => {
      const { score } = (await body(request)) as { score?: unknown };
      if (typeof score !== 'number') throw new BadRequest('score must be a number');
      return found(await completeAssessment(id, score));
    },
  ],
];

/**
 * Answers one API request.
 *
 * @example
 * ```ts
 * const response = await handleRequest(new Request('http://api/users?email=ada@example.com'));
 * ```
 */
export async function handleRequest(request: Request): Promise<Response> {
  const { pathname } = new URL(request.url);
  for (const [method, path, route] of routes) {
    const match = method === request.method ? path.exec(pathname) : null;
    if (!match) continue;
    try {
      return await route(match.slice(1), request);
    } catch (error) {
      if (isUniqueViolation(error)) return json({ error: 'already exists' }, 409);
      if (isForeignKeyViolation(error)) return found(undefined);
      const malformed = error instanceof BadRequest || error instanceof QueryError || error instanceof RangeError;
      if (malformed) return json({ error: error.message }, 400);
      throw error;
    }
  }
  return found(undefined);
}
