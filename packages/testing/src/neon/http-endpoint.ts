import { once } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { PostgresError, Sql } from 'postgres';

/** A running stand-in for Neon's SQL-over-HTTP endpoint. */
export interface NeonHttpEndpoint {
  /** The endpoint's URL, for `fetchEndpoint` (`http://127.0.0.1:<port>/sql`). */
  readonly url: string;
  /** Requests answered so far (single queries and batches alike). */
  readonly requests: number;
  /** Closes the server and the connections it opened to PostgreSQL. */
  close(): Promise<void>;
}

/** One query as Neon's driver posts it: `$1`-style placeholders, parameters as text or null. */
interface PostedQuery {
  readonly query: string;
  readonly params?: readonly (string | null)[];
}

/** A column of a result, as Neon's endpoint describes it (the shape of node-postgres' `fields`). */
interface ResultField {
  readonly name: string;
  readonly tableID: number;
  readonly columnID: number;
  readonly dataTypeID: number;
  readonly dataTypeSize: number;
  readonly dataTypeModifier: number;
  readonly format: 'text';
}

interface QueryResult {
  readonly command: string;
  readonly rowCount: number | null;
  readonly fields: ResultField[];
  readonly rows: (string | null)[][] | Record<string, string | null>[];
  readonly rowAsArray: boolean;
}

/** PostgreSQL's error fields, under the names Neon's endpoint (and node-postgres) gives them. */
const ERROR_FIELDS = {
  severity: 'severity',
  code: 'code',
  detail: 'detail',
  hint: 'hint',
  position: 'position',
  internalPosition: 'internal_position',
  internalQuery: 'internal_query',
  where: 'where',
  schema: 'schema_name',
  table: 'table_name',
  column: 'column_name',
  dataType: 'data_type_name',
  constraint: 'constraint_name',
  file: 'file',
  line: 'line',
  routine: 'routine',
} as const;

/** `Neon-Batch-Isolation-Level` values as SQL. */
const ISOLATION: Readonly<Record<string, string>> = {
  ReadUncommitted: 'read uncommitted',
  ReadCommitted: 'read committed',
  RepeatableRead: 'repeatable read',
  Serializable: 'serializable',
};

class HttpFailure extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

async function readJson(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new HttpFailure(400, 'the request body is not JSON');
  }
}

function postedQuery(value: unknown): PostedQuery {
  const query = value as Partial<PostedQuery> | null;
  if (typeof query?.query !== 'string') throw new HttpFailure(400, 'a query needs a "query" string');
  if (query.params !== undefined && !Array.isArray(query.params)) throw new HttpFailure(400, '"params" is not a list');
  return query as PostedQuery;
}

/** A PostgreSQL error as Neon's endpoint reports it: its message and fields, in a 400 reply. */
function errorBody(error: PostgresError): Record<string, unknown> {
  const body: Record<string, unknown> = { message: error.message };
  const fields = error as unknown as Record<string, unknown>;
  for (const [name, key] of Object.entries(ERROR_FIELDS)) {
    if (fields[key] !== undefined) body[name] = fields[key];
  }
  return body;
}

const isPostgresError = (error: unknown): error is PostgresError =>
  typeof error === 'object' && error !== null && (error as { name?: unknown }).name === 'PostgresError';

/**
 * Starts a loopback HTTP server that answers Neon's SQL-over-HTTP protocol by running each query
 * on a PostgreSQL server with postgres-js. **It is a stand-in for Neon's own endpoint, not Neon**:
 * it speaks the same request and reply format as `@neondatabase/serverless` 1.2 expects, so the
 * driver's HTTP path (and Strata on it) can be tested against a real database, but it says nothing
 * about Neon's service itself (its proxy, connection caching, TLS, limits or cold starts).
 *
 * The protocol, as the driver uses it: `POST` to `fetchEndpoint` with the headers
 * `Neon-Connection-String` (the database URL, password included — never logged here),
 * `Neon-Raw-Text-Output: true` and `Neon-Array-Mode: true`; the body is `{ query, params }` for
 * one statement or `{ queries: [...] }` for a non-interactive transaction (a batch, run all or
 * nothing, with the `Neon-Batch-Isolation-Level`, `-Read-Only` and `-Deferrable` headers). The
 * reply is `{ command, rowCount, fields, rows }` (batches: `{ results: [...] }`) with every value
 * as PostgreSQL's text output; a statement error is HTTP 400 with PostgreSQL's error fields.
 *
 * Point the driver at it with `neonConfig.fetchEndpoint` (in Strata: `fetchEndpoint` of
 * `createNeonDatabase`).
 *
 * @example
 * ```ts
 * const endpoint = await startNeonHttpEndpoint();
 * const db = await createNeonDatabase({ schema, url, driver: 'http', fetchEndpoint: endpoint.url });
 * // ...
 * await db.close();
 * await endpoint.close();
 * ```
 */
export async function startNeonHttpEndpoint(): Promise<NeonHttpEndpoint> {
  const { default: postgres } = await import('postgres');
  // One small pool per connection string, as Neon's endpoint keeps a connection cache.
  const pools = new Map<string, Sql>();
  let requests = 0;

  const poolFor = (connectionString: string): Sql => {
    let pool = pools.get(connectionString);
    if (!pool) {
      pool = postgres(connectionString, { max: 4, fetch_types: false, onnotice: () => {}, idle_timeout: 30 });
      // The driver sends every parameter as text; the server infers its type, as it does for
      // Neon's endpoint. postgres-js would otherwise re-serialize text by the inferred type
      // (a boolean 'true' would become 'f'): pass the text through untouched.
      const serializers = pool.options.serializers as Record<string, unknown>;
      for (const key of Object.keys(serializers)) delete serializers[key];
      pools.set(connectionString, pool);
    }
    return pool;
  };

  const run = async (sql: Pick<Sql, 'unsafe'>, posted: PostedQuery, arrayMode: boolean): Promise<QueryResult> => {
    const result = await sql.unsafe(posted.query, (posted.params ?? []) as string[]).raw();
    const columns = result.columns ?? [];
    const fields: ResultField[] = columns.map((column) => ({
      name: column.name,
      tableID: column.table,
      columnID: column.number,
      dataTypeID: column.type,
      dataTypeSize: -1,
      dataTypeModifier: -1,
      format: 'text',
    }));
    // Raw rows are the server's text output as bytes.
    const arrays = [...result].map((row) => row.map((value) => (value === null ? null : value.toString('utf8'))));
    const rows = arrayMode
      ? arrays
      : arrays.map((row) => Object.fromEntries(row.map((value, i) => [fields[i]?.name ?? `?column?${i}`, value])));
    return { command: result.command ?? '', rowCount: result.count ?? null, fields, rows, rowAsArray: arrayMode };
  };

  const answer = async (request: IncomingMessage): Promise<unknown> => {
    if (request.method !== 'POST') throw new HttpFailure(405, 'only POST is answered');
    const connectionString = request.headers['neon-connection-string'];
    if (typeof connectionString !== 'string') throw new HttpFailure(400, 'missing Neon-Connection-String');
    if (request.headers['neon-raw-text-output'] !== 'true') {
      throw new HttpFailure(400, 'this stand-in answers only with Neon-Raw-Text-Output: true');
    }
    const arrayMode = request.headers['neon-array-mode'] === 'true';
    const body = (await readJson(request)) as { queries?: unknown } | null;
    const sql = poolFor(connectionString);
    if (!Array.isArray(body?.queries)) return run(sql, postedQuery(body), arrayMode);
    const queries = body.queries.map(postedQuery);
    const modes = [
      ISOLATION[String(request.headers['neon-batch-isolation-level'])] &&
        `isolation level ${ISOLATION[String(request.headers['neon-batch-isolation-level'])]}`,
      request.headers['neon-batch-read-only'] === 'true' && 'read only',
      request.headers['neon-batch-deferrable'] === 'true' && 'deferrable',
    ].filter(Boolean);
    const results = await sql.begin(modes.join(' '), async (tx) => {
      const done: QueryResult[] = [];
      for (const query of queries) done.push(await run(tx, query, arrayMode));
      return done;
    });
    return { results };
  };

  const reply = (response: ServerResponse, status: number, body: unknown) => {
    response.writeHead(status, { 'content-type': 'application/json' });
    response.end(JSON.stringify(body));
  };

  const server = createServer((request, response) => {
    requests++;
    answer(request).then(
      (body) => reply(response, 200, body),
      (error: unknown) => {
        if (error instanceof HttpFailure) reply(response, error.status, { message: error.message });
        else if (isPostgresError(error)) reply(response, 400, errorBody(error));
        // Connection failures (refused, timed out): a gateway error, as a proxy would answer.
        else reply(response, 502, { message: error instanceof Error ? error.message : String(error) });
      },
    );
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('the endpoint has no TCP address');

  return {
    url: `http://127.0.0.1:${address.port}/sql`,
    get requests() {
      return requests;
    },
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await Promise.all([...pools.values()].map((pool) => pool.end({ timeout: 5 })));
      pools.clear();
    },
  };
}
