// The API's routes, as a fetch-style handler: Request in, Response out. Storage goes through
// @repo/db; request bodies are checked against the tables (`parseInput`), and errors become
// status codes by kind (duplicate email 409, unknown user 404, malformed input 400).
import {
  checkHealth,
  DbService,
  dbType,
  findBy,
  isForeignKeyViolation,
  isUniqueViolation,
  parseInput,
  QueryError,
  schema,
} from '@repo/db';
import { completeAssessment, summarize } from './models/assessments.js';

type Route = (params: string[], request: Request) => Promise<Response>;

const json = (body: unknown, status = 200) => Response.json(body, { status });
const found = (row: object | undefined) => (row ? json(row) : json({ error: 'not found' }, 404));

/** The JSON body with `extra` fields (from the path) on top; `parseInput` refuses one that is not an object. */
async function body(request: Request, extra?: object): Promise<unknown> {
  const value: unknown = await request.json().catch(() => undefined);
  const isObject = typeof value === 'object' && value !== null && !Array.isArray(value);
  return isObject && extra ? { ...value, ...extra } : value;
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
      const input = parseInput(schema.users, 'create', await body(request));
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
      const patch = parseInput(schema.users, 'update', await body(request));
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
      const input = parseInput(schema.assessments, 'create', await body(request, { userId }));
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
      const { score } = parseInput(schema.assessments, 'update', await body(request));
      if (typeof score !== 'number') throw new QueryError('is required', { table: 'assessments', field: 'score' });
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
      if (error instanceof QueryError || error instanceof RangeError) return json({ error: error.message }, 400);
      throw error;
    }
  }
  return found(undefined);
}
