/** The marker between two statements of a migration file (the one drizzle-kit writes). */
export const STATEMENT_BREAKPOINT = '--> statement-breakpoint';

const BREAKPOINT_LINE = /^[ \t]*-->[ \t]*statement-breakpoint[ \t]*$/m;

/** True when a piece of SQL holds nothing but whitespace and `--` comments. */
function isOnlyComments(sql: string): boolean {
  return sql.split('\n').every((line) => {
    const trimmed = line.trim();
    return trimmed === '' || trimmed.startsWith('--');
  });
}

/**
 * Splits a migration file into its statements at `--> statement-breakpoint` lines. Pieces that
 * hold only comments are dropped, so a file of comments is an empty migration.
 *
 * @example
 * ```ts
 * splitStatements('create table a (x int);\n--> statement-breakpoint\ncreate table b (y int);');
 * // ['create table a (x int);', 'create table b (y int);']
 * ```
 */
export function splitStatements(file: string): string[] {
  return file
    .replace(/\r\n?/g, '\n')
    .split(BREAKPOINT_LINE)
    .map((piece) => piece.trim())
    .filter((piece) => !isOnlyComments(piece));
}

/**
 * Joins statements into a migration file, one breakpoint line between two statements.
 *
 * @example
 * ```ts
 * joinStatements(['create table a (x int);', 'create table b (y int);']);
 * ```
 */
export function joinStatements(statements: readonly string[]): string {
  return statements.length === 0 ? '' : `${statements.map((s) => s.trim()).join(`\n${STATEMENT_BREAKPOINT}\n`)}\n`;
}
