import type { IncomingMessage } from 'node:http';
import { browseRows, countTables, parseBrowseQuery, repositoryOf } from './browse.js';
import { httpErrorOf } from './errors.js';
import { HttpError, readJsonBody } from './http.js';
import { applyMigrations, migrationsOf, rollbackMigration } from './migrations.js';
import { runReadOnly } from './sql-console.js';
import type { StudioState } from './state.js';
import { encodeRow } from './wire.js';
import { createRow, decodeId, deleteRow, restoreRow, updateRow, type WriteResult } from './writes.js';

/** An API answer: the status and the JSON body. */
export interface ApiAnswer {
  readonly status: number;
  readonly body: unknown;
}

const ok = (body: unknown): ApiAnswer => ({ status: 200, body });

function notFound(): never {
  throw new HttpError(404, 'NOT_FOUND', 'no such API route');
}

async function tableRoute(
  state: StudioState,
  request: IncomingMessage,
  url: URL,
  database: string,
  name: string,
  rest: readonly string[],
): Promise<ApiAnswer> {
  const { db } = state.database(database);
  const { table, description } = state.table(database, name);
  const method = request.method ?? 'GET';
  const [rows, rawId, action] = rest;
  if (rows !== 'rows') notFound();
  const wrote = (result: WriteResult, status = 200): ApiAnswer => {
    state.record(result.change);
    return { status, body: { row: result.row, change: result.change.summary } };
  };
  try {
    if (rawId === undefined) {
      if (method === 'GET') return ok(await browseRows(db, table, description, parseBrowseQuery(url.searchParams)));
      if (method === 'POST') {
        const { values } = await readJsonBody(request);
        return wrote(await createRow(db, database, table, description, values), 201);
      }
      notFound();
    }
    const id = decodeId(description, rawId);
    if (action === 'restore' && method === 'POST') return wrote(await restoreRow(db, database, table, description, id));
    if (action !== undefined) notFound();
    if (method === 'GET') {
      const row = await repositoryOf(db, table).findById(id as never, { withDeleted: true });
      if (!row) throw new HttpError(404, 'ROW_NOT_FOUND', `no row of "${name}" has ${description.primaryKey} ${rawId}`);
      return ok({ row: encodeRow(row as Record<string, unknown>) });
    }
    if (method === 'PATCH') {
      const { values } = await readJsonBody(request);
      return wrote(await updateRow(db, database, table, description, id, values));
    }
    if (method === 'DELETE') return wrote(await deleteRow(db, database, table, description, id));
    notFound();
  } catch (error) {
    throw httpErrorOf(error, table);
  }
}

async function databaseRoute(
  state: StudioState,
  request: IncomingMessage,
  url: URL,
  name: string,
  rest: readonly string[],
): Promise<ApiAnswer> {
  const database = state.database(name);
  const method = request.method ?? 'GET';
  const [section, tableName, ...more] = rest;
  if (section === undefined && method === 'GET') {
    return ok({
      name,
      engine: database.db.engine,
      dialect: database.db.dialect,
      tables: database.catalog.tables,
      counts: await countTables(database.db, database.catalog).catch((error: unknown) => {
        throw httpErrorOf(error);
      }),
      migrations: database.migrations !== undefined,
    });
  }
  if (section === 'tables' && tableName !== undefined) return tableRoute(state, request, url, name, tableName, more);
  if (section === 'migrations' && tableName === undefined && method === 'GET') return ok(await migrationsOf(database));
  if (section === 'migrations' && tableName === 'apply' && method === 'POST') {
    return ok(await applyMigrations(database, await readJsonBody(request)));
  }
  if (section === 'migrations' && tableName === 'rollback' && method === 'POST') {
    return ok(await rollbackMigration(database, await readJsonBody(request)));
  }
  if (section === 'sql' && method === 'POST') return ok(await runReadOnly(database.db, await readJsonBody(request)));
  notFound();
}

/**
 * Answers a request under `/api/`: databases, tables and rows (through the repository),
 * writes with undo, migrations and the read-only SQL console.
 *
 * @example
 * ```ts
 * const { status, body } = await handleApi(state, request, url, ['databases']);
 * ```
 */
export async function handleApi(
  state: StudioState,
  request: IncomingMessage,
  url: URL,
  segments: readonly string[],
): Promise<ApiAnswer> {
  const method = request.method ?? 'GET';
  const [first, second, ...rest] = segments;
  if (first === 'databases' && second === undefined && method === 'GET') {
    return ok({
      databases: [...state.databases.values()].map(({ name, db, catalog }) => ({
        name,
        engine: db.engine,
        dialect: db.dialect,
        tables: catalog.tables.length,
      })),
      links: state.links.map((link) => ({
        from: `${link.fromDatabase}.${link.from}.${link.field}`,
        to: `${link.toDatabase}.${link.to}.${link.reference}`,
        convention: link.convention,
      })),
      lastChange: state.lastChange?.summary ?? null,
    });
  }
  if (first === 'undo' && second === undefined) {
    if (method === 'GET') return ok({ lastChange: state.lastChange?.summary ?? null });
    if (method === 'POST') {
      const change = await state.undo().catch((error: unknown) => {
        throw httpErrorOf(error);
      });
      return ok({ undone: change.summary, lastChange: state.lastChange?.summary ?? null });
    }
  }
  if (first === 'db' && second !== undefined) return databaseRoute(state, request, url, second, rest);
  notFound();
}
