import type { AnyStrataDatabase } from '@strata/sql';
import { type SQL, sql } from 'drizzle-orm';
import { httpErrorOf } from './errors.js';
import { HttpError } from './http.js';
import { checkReadStatement } from './sql-text.js';
import { encodeValue, type JsonValue } from './wire.js';

/** Rows returned at most: the grid shows a sample, not a table dump. */
export const MAX_CONSOLE_ROWS = 1000;
/** A console query may run this long on PostgreSQL before the server cancels it. */
const STATEMENT_TIMEOUT_MS = 10_000;

/** What a console query returns. */
export interface ConsoleResult {
  readonly columns: readonly string[];
  readonly rows: readonly (readonly JsonValue[])[];
  /** True when the query returned more than {@link MAX_CONSOLE_ROWS} rows. */
  readonly truncated: boolean;
  readonly durationMs: number;
  /** The statement that ran (with EXPLAIN in front when a plan was asked for). */
  readonly statement: string;
}

interface PgTransaction {
  execute(query: SQL): Promise<unknown>;
}
interface PgDrizzle {
  transaction<R>(work: (tx: PgTransaction) => Promise<R>): Promise<R>;
}
interface SqliteStatement {
  readonly readonly: boolean;
  readonly reader: boolean;
  columns(): { readonly name: string }[];
  raw(toggle: boolean): SqliteStatement;
  iterate(): IterableIterator<unknown[]>;
  run(): unknown;
}
interface SqliteClient {
  prepare(source: string): SqliteStatement;
  pragma(source: string): unknown;
}

function cell(value: unknown): JsonValue {
  if (value instanceof Uint8Array) return `\\x${Buffer.from(value).toString('hex')}`;
  if (typeof value === 'object' && value !== null && !(value instanceof Date) && !Array.isArray(value)) {
    return value as JsonValue;
  }
  return encodeValue(value);
}

/** Thrown to roll the console's transaction back with the result in hand: it never commits. */
class RolledBack {
  constructor(readonly result: { columns: string[]; rows: JsonValue[][]; truncated: boolean }) {}
}

/** Statements a cursor can hold: queries. EXPLAIN and SHOW answer a few rows and cannot. */
const CURSOR_STATEMENTS = new Set(['select', 'with', 'values', 'table']);

type PgResult =
  | (Record<string, unknown>[] & { columns?: { name: string }[] })
  | { rows: Record<string, unknown>[]; fields?: { name: string }[] };

async function runOnPg(db: AnyStrataDatabase, statement: string, keyword: string) {
  const drizzle = db.drizzle as PgDrizzle;
  try {
    await drizzle.transaction(async (tx) => {
      await tx.execute(sql`set transaction read only`);
      // A query takes the snapshot: after it, no statement can switch the transaction to read-write.
      await tx.execute(sql`select 1`);
      await tx.execute(sql`select set_config('statement_timeout', ${String(STATEMENT_TIMEOUT_MS)}, true)`);
      let result: PgResult;
      if (CURSOR_STATEMENTS.has(keyword)) {
        // Through a cursor the engine hands over one row more than the console keeps (so it knows
        // the result was cut), never the whole result: a million-row query costs 1,001 rows here.
        // The cursor ends with the transaction, which is always rolled back.
        await tx.execute(sql.raw(`declare strata_console no scroll cursor for ${statement}`));
        result = (await tx.execute(sql.raw(`fetch forward ${MAX_CONSOLE_ROWS + 1} from strata_console`))) as PgResult;
      } else {
        result = (await tx.execute(sql.raw(statement))) as PgResult;
      }
      const records = Array.isArray(result) ? result : result.rows;
      const named = Array.isArray(result) ? result.columns : result.fields;
      const columns = named?.map((column) => column.name) ?? Object.keys(records[0] ?? {});
      const rows = records.slice(0, MAX_CONSOLE_ROWS).map((record) => columns.map((column) => cell(record[column])));
      throw new RolledBack({ columns, rows, truncated: records.length > MAX_CONSOLE_ROWS });
    });
  } catch (error) {
    if (error instanceof RolledBack) return error.result;
    throw error;
  }
  throw new Error('the console transaction ended without a result');
}

function runOnSqlite(db: AnyStrataDatabase, statement: string) {
  const client = (db as unknown as { client?: SqliteClient }).client;
  if (!client || typeof client.prepare !== 'function') {
    throw new HttpError(400, 'CONSOLE_UNSUPPORTED', `the SQL console is not available on ${db.engine}`);
  }
  // better-sqlite3 refuses a second statement; `readonly` is SQLite's own answer to "does it write".
  const prepared = client.prepare(statement);
  if (!prepared.readonly || !prepared.reader) {
    throw new HttpError(400, 'READ_ONLY', 'the console is read-only: this statement would change the database');
  }
  // Everything below is synchronous: no other query of this process runs between the pragmas.
  client.pragma('query_only = ON');
  try {
    const columns = prepared.columns().map((column) => column.name);
    const rows: JsonValue[][] = [];
    let truncated = false;
    for (const row of prepared.raw(true).iterate()) {
      if (rows.length === MAX_CONSOLE_ROWS) {
        truncated = true;
        break;
      }
      rows.push(row.map(cell));
    }
    return { columns, rows, truncated };
  } finally {
    client.pragma('query_only = OFF');
  }
}

/**
 * Runs one query of the console, read-only: on PostgreSQL engines in a `READ ONLY` transaction
 * that is always rolled back (a 10 s statement timeout), queries through a cursor of which only
 * {@link MAX_CONSOLE_ROWS} + 1 rows are fetched; on SQLite only when SQLite reports the
 * statement as read-only, with `query_only` on while it runs. `explain: true` asks for the plan.
 * Writes, several statements and transaction control are refused before anything runs.
 *
 * @example
 * ```ts
 * const { columns, rows } = await runReadOnly(db, { sql: 'select count(*) from post' });
 * ```
 */
export async function runReadOnly(db: AnyStrataDatabase, body: Record<string, unknown>): Promise<ConsoleResult> {
  if (typeof body.sql !== 'string') throw new HttpError(400, 'INVALID_INPUT', 'send { sql: "select …" }');
  const checked = checkReadStatement(body.sql);
  if ('refused' in checked) throw new HttpError(400, 'READ_ONLY', checked.refused);
  const explain = body.explain === true && !/^explain\b/i.test(checked.sql);
  const statement = explain ? `${db.dialect === 'pg' ? 'EXPLAIN' : 'EXPLAIN QUERY PLAN'} ${checked.sql}` : checked.sql;
  const started = performance.now();
  try {
    const result =
      db.dialect === 'pg'
        ? await runOnPg(db, statement, explain ? 'explain' : checked.keyword)
        : runOnSqlite(db, statement);
    return { ...result, durationMs: Math.round(performance.now() - started), statement };
  } catch (error) {
    const answer = httpErrorOf(error);
    // An engine error here is the query's fault (a typo, a read-only refusal), not the server's.
    throw answer.status === 500 ? new HttpError(400, 'QUERY_FAILED', answer.message, { kind: answer.kind }) : answer;
  }
}
