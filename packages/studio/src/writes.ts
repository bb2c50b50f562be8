import { type AnyTable, type DataScope, inputSchema, type NewRow, type SchemaModule } from '@strata/core';
import { repositoryOf } from './browse.js';
import type { TableDescription } from './catalog.js';
import { HttpError } from './http.js';
import { decodeInput, decodeValue, encodeRow, type JsonValue } from './wire.js';

/** A write the Studio made, and how to take it back. */
export interface Change {
  readonly database: string;
  readonly table: string;
  readonly id: JsonValue;
  /** What happened, for people: `updated post 0190…`. */
  readonly summary: string;
  /** Reverts the change through the repository, inside the transaction it is given. */
  readonly revert: (tx: DataScope<SchemaModule>) => Promise<void>;
}

/** What a write answers: the row as it now is, and the change for the undo stack. */
export interface WriteResult {
  readonly row: Record<string, JsonValue> | undefined;
  readonly change: Change;
}

type Row = Record<string, unknown>;

function primaryKeyOf(description: TableDescription): string {
  if (description.primaryKey === undefined) {
    throw new HttpError(
      400,
      'READ_ONLY_TABLE',
      `table "${description.name}" has no single-column primary key: the Studio shows its rows but cannot edit them`,
    );
  }
  return description.primaryKey;
}

/**
 * A primary key from the URL as its column's type: numbers for integer keys, strings otherwise.
 *
 * @example
 * ```ts
 * decodeId(description, '42'); // 42 for an integer key
 * ```
 */
export function decodeId(description: TableDescription, raw: string): unknown {
  const key = primaryKeyOf(description);
  const kind = description.columns.find((column) => column.name === key)?.kind ?? 'text';
  if ((kind === 'integer' || kind === 'double') && /^-?\d+(\.\d+)?$/.test(raw)) return Number(raw);
  return decodeValue(kind, raw);
}

/**
 * Checks input against the table's columns before anything is written, with every problem on its
 * field (the repository would stop at the first one).
 */
function validated(table: AnyTable, mode: 'create' | 'update', input: unknown): Row {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new HttpError(400, 'INVALID_INPUT', 'values must be an object of field values');
  }
  const values = decodeInput(table, input as Record<string, unknown>);
  const parsed = (mode === 'create' ? inputSchema(table, 'create') : inputSchema(table, 'update')).safeParse(values);
  if (parsed.success) return values;
  const fields: Record<string, string> = {};
  for (const issue of parsed.error.issues) {
    const problem = issue.message.replace(/^table "[^"]*"(?:, field "[^"]*")?: /, '');
    const keys = 'keys' in issue && Array.isArray(issue.keys) ? (issue.keys as string[]) : [];
    const field = typeof issue.path[0] === 'string' ? issue.path[0] : keys[0];
    if (field !== undefined) fields[field] ??= problem;
  }
  const first = parsed.error.issues[0]?.message ?? 'invalid input';
  throw new HttpError(422, 'INVALID_INPUT', first, { fields });
}

function notFound(description: TableDescription, id: unknown): HttpError {
  return new HttpError(
    404,
    'ROW_NOT_FOUND',
    `no row of "${description.name}" has ${description.primaryKey} ${String(id)}`,
  );
}

function changeOf(
  database: string,
  description: TableDescription,
  id: unknown,
  verb: string,
  revert: Change['revert'],
): Change {
  const shown = encodeRow({ id }).id ?? null;
  return {
    database,
    table: description.name,
    id: shown,
    summary: `${verb} ${description.name} ${String(shown)}`,
    revert,
  };
}

/**
 * Inserts a row through the repository, in a transaction, after checking it against the schema.
 * Undone by deleting the row for good.
 *
 * @example
 * ```ts
 * const { row } = await createRow(db, 'app', post, description, { title: 'Hello' });
 * ```
 */
export async function createRow(
  scope: DataScope<SchemaModule>,
  database: string,
  table: AnyTable,
  description: TableDescription,
  input: unknown,
): Promise<WriteResult> {
  const key = primaryKeyOf(description);
  const values = validated(table, 'create', input);
  const row = (await scope.transaction((tx) => repositoryOf(tx, table).create(values as NewRow<AnyTable>))) as Row;
  const id = row[key];
  const revert: Change['revert'] = async (tx) => {
    const repository = repositoryOf(tx, table);
    await (description.softDelete ? repository.hardDelete(id as never) : repository.delete(id as never));
  };
  return { row: encodeRow(row), change: changeOf(database, description, id, 'created', revert) };
}

/**
 * Changes fields of a row through the repository, in a transaction, after checking them against
 * the schema. Undone by writing the previous values back.
 *
 * @example
 * ```ts
 * await updateRow(db, 'app', post, description, id, { title: 'Renamed' });
 * ```
 */
export async function updateRow(
  scope: DataScope<SchemaModule>,
  database: string,
  table: AnyTable,
  description: TableDescription,
  id: unknown,
  input: unknown,
): Promise<WriteResult> {
  primaryKeyOf(description);
  const values = validated(table, 'update', input);
  const { before, after } = await scope.transaction(async (tx) => {
    const repository = repositoryOf(tx, table);
    const before = (await repository.findById(id as never)) as Row | undefined;
    if (!before) throw notFound(description, id);
    return { before, after: (await repository.update(id as never, values)) as Row | undefined };
  });
  const previous: Row = {};
  for (const field of Object.keys(values)) previous[field] = before[field];
  const revert: Change['revert'] = async (tx) => {
    await repositoryOf(tx, table).update(id as never, previous);
  };
  return { row: after && encodeRow(after), change: changeOf(database, description, id, 'updated', revert) };
}

/**
 * Deletes a row through the repository, in a transaction: a soft delete where the table has
 * one (undone by restoring it), else for good (undone by inserting the row again, its key included).
 *
 * @example
 * ```ts
 * await deleteRow(db, 'app', post, description, id);
 * ```
 */
export async function deleteRow(
  scope: DataScope<SchemaModule>,
  database: string,
  table: AnyTable,
  description: TableDescription,
  id: unknown,
): Promise<WriteResult> {
  primaryKeyOf(description);
  const before = (await scope.transaction((tx) => repositoryOf(tx, table).delete(id as never))) as Row | undefined;
  if (!before) throw notFound(description, id);
  const revert: Change['revert'] = async (tx) => {
    const repository = repositoryOf(tx, table);
    if (description.softDelete) await repository.restore(id as never);
    else await repository.create(before as NewRow<AnyTable>);
  };
  const verb = description.softDelete ? 'soft-deleted' : 'deleted';
  return { row: encodeRow(before), change: changeOf(database, description, id, verb, revert) };
}

/**
 * Restores a soft-deleted row through the repository, in a transaction. Undone by deleting it again.
 *
 * @example
 * ```ts
 * await restoreRow(db, 'app', post, description, id);
 * ```
 */
export async function restoreRow(
  scope: DataScope<SchemaModule>,
  database: string,
  table: AnyTable,
  description: TableDescription,
  id: unknown,
): Promise<WriteResult> {
  primaryKeyOf(description);
  if (!description.softDelete)
    throw new HttpError(400, 'NO_SOFT_DELETE', `table "${description.name}" has no soft delete`);
  const row = (await scope.transaction((tx) => repositoryOf(tx, table).restore(id as never))) as Row | undefined;
  if (!row) throw notFound(description, id);
  const revert: Change['revert'] = async (tx) => {
    await repositoryOf(tx, table).delete(id as never);
  };
  return { row: encodeRow(row), change: changeOf(database, description, id, 'restored', revert) };
}
