import { type Draft, type Fields, listed, safeMessage, text } from '../shared/error-draft.js';

// SQLite (better-sqlite3) errors, read into a value-free draft.

/** `t.a, t.b` (SQLite's column list) into the table and the columns. */
function sqliteColumns(list: string): { table: string | undefined; columns: string[] } {
  let table: string | undefined;
  const columns = list.split(', ').map((item) => {
    const dot = item.lastIndexOf('.');
    if (dot < 0) return item;
    table ??= item.slice(0, dot);
    return item.slice(dot + 1);
  });
  return { table, columns };
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_$]*$/;

/**
 * libSQL's client gives the primary code as `code` and the extended one (what better-sqlite3
 * calls `code`) as `extendedCode`, and starts its message with the code: `SQLITE_CONSTRAINT: …`.
 */
const CODE_PREFIX = /^SQLITE_[A-Z_]+: (?:SQLite error: )?/;

/**
 * Reads a SQLite error (better-sqlite3's, or libSQL's client's) into a value-free draft; SQLite
 * names columns but not constraints, which the schema fills in later.
 */
export function mapSqlite(fields: Fields): Draft {
  const code = text(fields.extendedCode) ?? text(fields.code) ?? 'SQLITE_ERROR';
  const message = (text(fields.message) ?? '').replace(CODE_PREFIX, '');
  const base = { engineCode: code };
  // RESTRICT failures come as SQLITE_CONSTRAINT_TRIGGER, with the same message.
  if (message.startsWith('FOREIGN KEY constraint failed')) return { ...base, kind: 'foreign_key_violation' };
  const after = (prefix: string) => (message.startsWith(prefix) ? message.slice(prefix.length) : undefined);
  switch (code) {
    case 'SQLITE_CONSTRAINT_UNIQUE':
    case 'SQLITE_CONSTRAINT_PRIMARYKEY':
    case 'SQLITE_CONSTRAINT_ROWID': {
      const list = after('UNIQUE constraint failed: ') ?? '';
      const primaryKey = code !== 'SQLITE_CONSTRAINT_UNIQUE';
      // An index over expressions is named instead: `index 'name'`.
      const index = /^index '((?:[^']|'')*)'$/.exec(list)?.[1];
      if (index !== undefined) return { ...base, kind: 'unique_violation', constraint: index, primaryKey };
      return { ...base, kind: 'unique_violation', ...sqliteColumns(list), primaryKey };
    }
    case 'SQLITE_CONSTRAINT_NOTNULL':
      return { ...base, kind: 'not_null_violation', ...sqliteColumns(after('NOT NULL constraint failed: ') ?? '') };
    case 'SQLITE_CONSTRAINT_CHECK': {
      // Unnamed checks are reported by their expression; Strata always names them.
      const name = after('CHECK constraint failed: ');
      return { ...base, kind: 'check_violation', constraint: name && IDENTIFIER.test(name) ? name : undefined };
    }
    case 'SQLITE_CONSTRAINT_FOREIGNKEY':
      return { ...base, kind: 'foreign_key_violation' };
    case 'SQLITE_CONSTRAINT_DATATYPE': {
      const where = /column (.+)$/.exec(message)?.[1];
      return { ...base, kind: 'invalid_value', ...(where ? sqliteColumns(where) : {}), reason: 'wrong data type' };
    }
    case 'SQLITE_BUSY_SNAPSHOT':
      // A write in a read transaction whose snapshot another connection has overtaken: the
      // transaction must restart, as after PostgreSQL's serialization failure.
      return { ...base, kind: 'serialization', reason: 'the read snapshot is out of date' };
    case 'SQLITE_TOOBIG':
      return { ...base, kind: 'value_too_long', reason: 'string or blob too big' };
    case 'SQLITE_MISMATCH':
      return { ...base, kind: 'invalid_value', reason: 'data type mismatch' };
  }
  const primary = code.split('_').slice(0, 2).join('_');
  switch (primary) {
    case 'SQLITE_BUSY':
    case 'SQLITE_LOCKED':
      return { ...base, kind: 'busy', reason: 'the database is locked' };
    case 'SQLITE_CANTOPEN':
    case 'SQLITE_NOTADB':
      return { ...base, kind: 'connection', reason: 'cannot open the database file', transient: false };
    case 'SQLITE_FULL':
      return { ...base, kind: 'storage_full', reason: 'the database or disk is full' };
    case 'SQLITE_READONLY':
      return { ...base, kind: 'read_only', reason: 'attempt to write a read-only database' };
    case 'SQLITE_PERM':
    case 'SQLITE_AUTH':
      return { ...base, kind: 'permission_denied', reason: safeMessage(message) };
    case 'SQLITE_INTERRUPT':
      return { ...base, kind: 'timeout', reason: 'interrupted', transient: false };
  }
  const missingTable = after('no such table: ');
  if (missingTable !== undefined) {
    return {
      ...base,
      kind: 'schema_mismatch',
      table: missingTable.replace(/^(main|temp)\./, ''),
      reason: 'a table does not exist',
    };
  }
  const missingColumn = after('no such column: ');
  if (missingColumn !== undefined) {
    return { ...base, kind: 'schema_mismatch', ...sqliteColumns(missingColumn), reason: 'a column does not exist' };
  }
  const noColumnNamed = /^table (.+) has no column named (.+)$/.exec(message);
  if (noColumnNamed) {
    return {
      ...base,
      kind: 'schema_mismatch',
      table: noColumnNamed[1],
      columns: listed(noColumnNamed[2]),
      reason: 'a column does not exist',
    };
  }
  return { ...base, kind: 'unknown', reason: safeMessage(message) };
}
