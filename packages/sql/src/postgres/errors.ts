import { type Draft, type Fields, listed, safeMessage, text, unquote } from '../shared/error-draft.js';

// PostgreSQL and PGlite errors, read into a value-free draft.

/** A PostgreSQL key detail, without its values. */
export interface KeyDetail {
  /** The key's columns (or expressions), unquoted. */
  readonly columns: readonly string[];
  /** `exists`: a duplicate. `missing`: the referenced row is absent. `referenced`: still in use. */
  readonly outcome: 'exists' | 'missing' | 'referenced';
  /** The other table of a foreign key: the referenced one (`missing`) or the referencing one. */
  readonly otherTable: string | undefined;
}

/**
 * Reads PostgreSQL's `Key (a, b)=(1, 2) already exists.` (and the foreign key forms) into its
 * columns and outcome. The values are skipped, never returned. Undefined when the detail has
 * another shape (another language, an exclusion constraint).
 *
 * @example
 * ```ts
 * parseKeyDetail('Key (collection_id, "position")=(abc, 1) already exists.');
 * // { columns: ['collection_id', 'position'], outcome: 'exists', otherTable: undefined }
 * ```
 */
export function parseKeyDetail(detail: string | undefined): KeyDetail | undefined {
  if (!detail?.startsWith('Key (')) return undefined;
  const columns: string[] = [];
  let current = '';
  let depth = 0;
  let quoted = false;
  let index = 'Key ('.length;
  for (; index < detail.length; index++) {
    const char = detail[index];
    if (quoted) {
      if (char === '"' && detail[index + 1] === '"') {
        current += '"';
        index++;
      } else if (char === '"') quoted = false;
      else current += char;
      continue;
    }
    if (char === '"') quoted = true;
    else if (char === ',' && depth === 0) {
      columns.push(current.trim());
      current = '';
    } else if (char === ')' && depth === 0) break;
    else {
      if (char === '(') depth++;
      if (char === ')') depth--;
      current += char;
    }
  }
  const rest = detail.slice(index + 1);
  if (index >= detail.length || !rest.startsWith('=(')) return undefined;
  columns.push(current.trim());
  if (/\) already exists\.$/.test(rest)) return { columns, outcome: 'exists', otherTable: undefined };
  const missing = /\) is not present in table "((?:[^"]|"")*)"\.$/.exec(rest);
  if (missing) return { columns, outcome: 'missing', otherTable: unquote(missing[1] ?? '') };
  const referenced = /\) is (?:still )?referenced from table "((?:[^"]|"")*)"\.$/.exec(rest);
  if (referenced) return { columns, outcome: 'referenced', otherTable: unquote(referenced[1] ?? '') };
  return undefined;
}

/** postgres-js names fields `table_name`, PGlite `table`. */
function pgField(fields: Fields, name: 'table' | 'constraint' | 'column'): string | undefined {
  return text(fields[`${name}_name`]) ?? text(fields[name]);
}

const quotedName = (message: string | undefined, pattern: RegExp): string | undefined => {
  const match = message === undefined ? null : pattern.exec(message);
  return match?.[1] === undefined ? undefined : unquote(match[1]);
};

/**
 * Reads a PostgreSQL (postgres-js or PGlite) error into a value-free draft: kind, table, columns,
 * constraint and detail as the server reports them.
 */
export function mapPostgres(fields: Fields, contextTable: string | undefined): Draft {
  const code = text(fields.code) ?? '';
  const message = text(fields.message);
  const table = pgField(fields, 'table');
  const column = pgField(fields, 'column');
  const constraint = pgField(fields, 'constraint');
  const base = { engineCode: code, table, constraint, columns: column === undefined ? [] : [column] };
  switch (code) {
    case '23505':
    case '23P01': {
      const key = parseKeyDetail(text(fields.detail));
      return { ...base, kind: 'unique_violation', columns: [...(key?.columns ?? base.columns)] };
    }
    case '23503':
    case '23001': {
      const key = parseKeyDetail(text(fields.detail));
      const columns = [...(key?.columns ?? base.columns)];
      // A delete or update of a row still referenced: the refused row is in the referenced table
      // (PostgreSQL names the referencing one), as SQLite's caller sees it. PGlite (PostgreSQL 18)
      // says 23001 for RESTRICT where older servers say 23503.
      const referenced =
        key?.outcome === 'referenced' ||
        code === '23001' ||
        (contextTable !== undefined && table !== undefined && contextTable !== table);
      if (referenced) {
        const referencing = key?.otherTable ?? table;
        return {
          ...base,
          kind: 'foreign_key_violation',
          table: contextTable ?? quotedName(message, /^update or delete on table "((?:[^"]|"")*)"/) ?? table,
          columns,
          detail:
            key && referencing !== undefined
              ? `Key (${columns.join(', ')}) is still referenced from table "${referencing}".`
              : undefined,
        };
      }
      return {
        ...base,
        kind: 'foreign_key_violation',
        columns,
        detail:
          key?.otherTable !== undefined
            ? `Key (${columns.join(', ')}) is not present in table "${key.otherTable}".`
            : undefined,
      };
    }
    case '23502':
      return { ...base, kind: 'not_null_violation' };
    case '23514':
      return { ...base, kind: 'check_violation' };
    case '22001': {
      const limit = /character varying\((\d+)\)/.exec(message ?? '')?.[1];
      return {
        ...base,
        kind: 'value_too_long',
        reason: safeMessage(message, true),
        lengthLimit: limit === undefined ? undefined : Number(limit),
      };
    }
    case '40001':
      return { ...base, kind: 'serialization', detail: text(fields.detail) };
    case '40P01':
      // The detail names processes and transaction ids, never values.
      return { ...base, kind: 'deadlock', detail: text(fields.detail) };
    case '55P03':
    case '55006':
      return { ...base, kind: 'busy', reason: safeMessage(message, true) };
    case '57014':
      // A statement timeout or a cancel: retrying the same slow statement rarely helps.
      return { ...base, kind: 'timeout', reason: safeMessage(message, true), transient: false };
    case '57P01':
    case '57P02':
    case '57P03':
    case '57P05':
    case '25P03':
    case '53300':
      return { ...base, kind: 'connection', reason: safeMessage(message, true) };
    case '57P04':
    case '3D000':
      return { ...base, kind: 'connection', reason: safeMessage(message, true), transient: false };
    case '28000':
    case '28P01':
      return { ...base, kind: 'authentication', reason: safeMessage(message, true) };
    case '42501':
      return { ...base, kind: 'permission_denied', reason: safeMessage(message, true) };
    case '42P01':
    case '3F000':
      return {
        ...base,
        kind: 'schema_mismatch',
        table: table ?? quotedName(message, /^relation "((?:[^"]|"")*)" does not exist/),
        reason: 'a table does not exist',
      };
    case '42703':
      return {
        ...base,
        kind: 'schema_mismatch',
        table: table ?? quotedName(message, /of relation "((?:[^"]|"")*)" does not exist/),
        columns: [...base.columns, ...listed(quotedName(message, /^column "((?:[^"]|"")*)"/))],
        reason: 'a column does not exist',
      };
    case '25006':
      return { ...base, kind: 'read_only', reason: safeMessage(message, true) };
    case '53100':
      return { ...base, kind: 'storage_full', reason: safeMessage(message, true) };
  }
  if (code.startsWith('08')) return { ...base, kind: 'connection', reason: safeMessage(message, true) };
  // Data exceptions quote the offending value: keep only the text before it.
  if (code.startsWith('22')) return { ...base, kind: 'invalid_value', reason: safeMessage(message, true) };
  return { ...base, kind: 'unknown', reason: safeMessage(message, true) };
}
