import {
  type AnyTable,
  columnConstraintName,
  conditionColumns,
  DatabaseError,
  getTableInfo,
  impliedColumnConstraints,
  isTable,
  registerEngineErrorReader,
  type SchemaModule,
} from '@strata/core';
import { findEngineFault, mapClient } from './engine-faults.js';
import type { Draft, Fields } from './error-draft.js';

/**
 * What the caller knows about the failed statement. Engines say different amounts about a fault;
 * the context fills the gaps so the same fault maps to the same error everywhere.
 *
 * @example
 * ```ts
 * mapDatabaseError(error, { table: 'entry', tables: [collection, entry] });
 * ```
 */
export interface DatabaseErrorContext {
  /**
   * The table the statement wrote (or read): its SQL name or the table. Used where the engine
   * does not name one: a SQLite foreign key or check failure, a PostgreSQL value too long.
   */
  readonly table?: string | AnyTable | undefined;
  /**
   * The schema's tables (or the schema module). With them every engine names unique constraints,
   * checks and length limits as PostgreSQL does, and reports the columns of checks.
   */
  readonly tables?: readonly AnyTable[] | SchemaModule | undefined;
}

/** A constraint or index the schema defines, under the name PostgreSQL gives it. */
interface KnownConstraint {
  readonly table: string;
  readonly name: string;
  readonly kind: 'primaryKey' | 'unique' | 'uniqueIndex' | 'index' | 'check' | 'enum' | 'length';
  readonly columns: readonly string[];
  readonly length?: number | undefined;
}

// ---------------------------------------------------------------------------------------------
// The schema's constraints, as PostgreSQL names them

function tableList(tables: DatabaseErrorContext['tables']): AnyTable[] {
  if (tables === undefined) return [];
  return (Array.isArray(tables) ? tables : Object.values(tables)).filter(isTable);
}

function knownConstraints(tables: readonly AnyTable[]): KnownConstraint[] {
  const known: KnownConstraint[] = [];
  for (const table of tables) {
    const info = getTableInfo(table);
    const sqlName = (column: { placement?: { sqlName: string } | undefined }) => column.placement?.sqlName ?? '';
    for (const column of Object.values(info.columns)) {
      const columns = [sqlName(column)];
      // A column primary key gets PostgreSQL's default name.
      if (column.config.primaryKey)
        known.push({ table: info.name, name: `${info.name}_pkey`, kind: 'primaryKey', columns });
      for (const kind of impliedColumnConstraints(column)) {
        known.push({
          table: info.name,
          name: columnConstraintName(info.name, column, kind),
          kind,
          columns,
          length: kind === 'length' ? column.config.length : undefined,
        });
      }
    }
    for (const extra of info.extras) {
      if (extra.kind === 'check') {
        const columns = [...new Set(conditionColumns(extra.condition).map(sqlName))];
        known.push({ table: info.name, name: extra.name, kind: 'check', columns });
      } else {
        const kind = extra.kind === 'primaryKey' ? 'primaryKey' : extra.unique ? 'uniqueIndex' : 'index';
        known.push({ table: info.name, name: extra.name, kind, columns: extra.columns.map(sqlName) });
      }
    }
  }
  return known;
}

const sameColumns = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((column) => b.includes(column));

const UNIQUE_KINDS: ReadonlySet<KnownConstraint['kind']> = new Set(['primaryKey', 'unique', 'uniqueIndex']);

/** Fills in what the engine left out from the context and the schema, then builds the error. */
function complete(draft: Draft, context: DatabaseErrorContext, cause: unknown): DatabaseError {
  const known = knownConstraints(tableList(context.tables));
  let { kind, table, constraint, detail } = draft;
  let columns = draft.columns ?? [];
  table ??= contextTableName(context);

  if (constraint !== undefined) {
    let matches = known.filter((k) => k.name === constraint && (table === undefined || k.table === table));
    // A table only guessed from the context (SQLite names none) yields to the constraint's own.
    if (matches.length === 0 && draft.table === undefined) matches = known.filter((k) => k.name === constraint);
    const match = matches.length === 1 ? matches[0] : undefined;
    if (match) {
      table = draft.table ?? match.table;
      if (columns.length === 0) columns = [...match.columns];
      if (kind === 'check_violation' && match.kind === 'length') kind = 'value_too_long';
    } else if (kind === 'check_violation' && constraint.endsWith('_length')) {
      // Strata's varchar length check (SQLite), without the schema at hand.
      kind = 'value_too_long';
      const prefix = table === undefined ? undefined : `${table}_`;
      if (prefix && constraint.startsWith(prefix) && columns.length === 0) {
        columns = [constraint.slice(prefix.length, -'_length'.length)];
      }
    }
  }

  if (kind === 'unique_violation' && constraint === undefined && table !== undefined && columns.length > 0) {
    // SQLite does not name the constraint: find the one over exactly these columns.
    const matches = known.filter(
      (k) => k.table === table && UNIQUE_KINDS.has(k.kind) && sameColumns(k.columns, columns),
    );
    constraint = (matches.find((k) => (k.kind === 'primaryKey') === (draft.primaryKey ?? false)) ?? matches[0])?.name;
  }

  if (kind === 'value_too_long' && columns.length === 0 && draft.lengthLimit !== undefined) {
    // PostgreSQL names only the type: the column is the one varchar of that length, if unique.
    const matches = known.filter(
      (k) => k.kind === 'length' && k.length === draft.lengthLimit && (table === undefined || k.table === table),
    );
    const match = matches.length === 1 ? matches[0] : undefined;
    if (match) {
      table ??= match.table;
      columns = [...match.columns];
      constraint ??= match.name;
    }
  }

  // The same value-free detail on every engine, from the columns.
  if (kind === 'unique_violation')
    detail = columns.length > 0 ? `Key (${columns.join(', ')}) already exists.` : undefined;

  let reason = draft.reason;
  if (kind === 'value_too_long') {
    const limit =
      draft.lengthLimit ?? known.find((k) => k.kind === 'length' && k.name === constraint && k.table === table)?.length;
    if (limit !== undefined) reason = `more than ${limit} characters`;
  }

  return new DatabaseError({
    kind,
    table,
    columns,
    constraint,
    detail,
    engineCode: draft.engineCode,
    reason,
    transient: draft.transient,
    cause,
  });
}

function contextTableName(context: DatabaseErrorContext): string | undefined {
  const { table } = context;
  if (typeof table === 'string') return table;
  return table !== undefined && isTable(table) ? getTableInfo(table).name : undefined;
}

/**
 * A dialect's reader of its engine's error fields (SQLSTATE, SQLite result codes): what kind of
 * fault, which table, constraint and columns the engine named.
 *
 * @example
 * ```ts
 * const readers: EngineErrorReaders = { postgres: mapPostgres };
 * ```
 */
export type EngineErrorReader = (fields: Fields, contextTable: string | undefined) => Draft;

/**
 * Readers by the kind of error they read: `postgres` (a SQLSTATE with a severity) or `sqlite`
 * (a `SQLITE_…` code). Socket and driver errors need none.
 *
 * @example
 * ```ts
 * createErrorMapper({ sqlite: mapSqlite });
 * ```
 */
export interface EngineErrorReaders {
  readonly postgres?: EngineErrorReader;
  readonly sqlite?: EngineErrorReader;
}

/** Maps an engine's error to a `DatabaseError` (see `mapDatabaseError`); others come back unchanged. */
export type ErrorMapper = (error: unknown, context?: DatabaseErrorContext) => unknown;

/**
 * A mapper from engine errors to {@link DatabaseError}s with the given dialects' readers: each
 * dialect has one for its own errors (`pgDialect.mapError`), `mapDatabaseError` has all. An error
 * of a dialect without a reader comes back unchanged; socket and driver errors are read always.
 *
 * @example
 * ```ts
 * const mapError = createErrorMapper({ postgres: mapPostgres });
 * throw mapError(error, { table: 'user', tables: schema });
 * ```
 */
export function createErrorMapper(readers: EngineErrorReaders): ErrorMapper {
  return (error, context = {}) => {
    const fault = findEngineFault(error);
    if (!fault) return error;
    if (fault.source === 'client') return complete(mapClient(fault.fields), context, error);
    const reader = readers[fault.source];
    return reader ? complete(reader(fault.fields, contextTableName(context)), context, error) : error;
  };
}

/** Tables of every schema a database was opened with in this process, for naming constraints. */
const openedTables = new Set<AnyTable>();

/** The mappers already taught to the error helpers (one per dialect). */
const registered = new WeakSet<ErrorMapper>();

/**
 * Registers `schema`'s tables, and `mapError` (its dialect's mapper), with the error helpers of
 * `@strata/core`, so that an engine error from a query made through `db.drizzle` (or the raw
 * driver) is read like the repository's: the same kind and constraint name on every engine.
 * Called by every database as it opens.
 *
 * @example
 * ```ts
 * readEngineErrorsOf(schema, pgDialect.mapError);
 * isUniqueViolation(await db.drizzle.insert(user).values(dup).catch((e) => e)); // true
 * ```
 */
export function readEngineErrorsOf(schema: SchemaModule, mapError: ErrorMapper): void {
  if (!registered.has(mapError)) {
    registered.add(mapError);
    registerEngineErrorReader((error) => mapError(error, { tables: [...openedTables] }));
  }
  for (const table of tableList(schema)) openedTables.add(table);
}
