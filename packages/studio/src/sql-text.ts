/**
 * The words a console statement may start with: queries and plans only. The read-only
 * transaction is what refuses writes; this list also keeps out statements that would end it
 * (COMMIT), change the session (SET, LISTEN) or reach outside it (ATTACH, COPY).
 */
const READ_STATEMENTS = new Set(['select', 'with', 'values', 'table', 'explain', 'show']);

/** Removes comments and quoted text (SQL strings, quoted names, PostgreSQL dollar quotes). */
function skeleton(sql: string): string {
  let out = '';
  let i = 0;
  while (i < sql.length) {
    const rest = sql.slice(i);
    const dollar = /^\$([A-Za-z_][A-Za-z0-9_]*)?\$/.exec(rest);
    if (rest.startsWith('--')) {
      const end = sql.indexOf('\n', i);
      i = end === -1 ? sql.length : end + 1;
      out += ' ';
    } else if (rest.startsWith('/*')) {
      const end = sql.indexOf('*/', i + 2);
      i = end === -1 ? sql.length : end + 2;
      out += ' ';
    } else if (sql[i] === "'" || sql[i] === '"' || sql[i] === '`') {
      const quote = sql[i] as string;
      let j = i + 1;
      while (j < sql.length) {
        if (sql[j] === quote && sql[j + 1] === quote) j += 2;
        else if (sql[j] === quote) break;
        else j += 1;
      }
      i = j + 1;
      out += ' _ ';
    } else if (dollar) {
      const end = sql.indexOf(dollar[0], i + dollar[0].length);
      i = end === -1 ? sql.length : end + dollar[0].length;
      out += ' _ ';
    } else {
      out += sql[i];
      i += 1;
    }
  }
  return out;
}

/**
 * Checks console SQL before it runs: one statement, starting with SELECT, WITH, VALUES, TABLE,
 * EXPLAIN or SHOW. Returns the statement without a trailing semicolon and its first word (lower
 * case), or the reason it is refused.
 *
 * @example
 * ```ts
 * checkReadStatement('select 1;'); // { sql: 'select 1', keyword: 'select' }
 * checkReadStatement('delete from post'); // { refused: 'the console runs queries only: …' }
 * ```
 */
export function checkReadStatement(
  sql: string,
): { readonly sql: string; readonly keyword: string } | { readonly refused: string } {
  const trimmed = sql.trim().replace(/;\s*$/, '');
  const bare = skeleton(trimmed).trim();
  if (bare === '') return { refused: 'write a query first' };
  if (bare.includes(';')) return { refused: 'one statement at a time: the console runs a single query' };
  const first = /^[A-Za-z]+/.exec(bare)?.[0]?.toLowerCase() ?? '';
  if (!READ_STATEMENTS.has(first)) {
    return {
      refused: `the console runs queries only (SELECT, WITH, VALUES, TABLE, EXPLAIN, SHOW), not ${first.toUpperCase() || 'this'}: write through the table pages, which use the repository`,
    };
  }
  return { sql: trimmed, keyword: first };
}
