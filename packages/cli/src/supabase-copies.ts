import { relative } from 'node:path';
import { dialectFolder, supabaseCopyStates, syncSupabaseCopies } from '@strata/sql/migrate';
import type { ResolvedConfig, ResolvedDatabase } from './config.js';

/**
 * Brings the Supabase copies of a database's PostgreSQL migrations up to date, when it has
 * `supabaseMigrations`; returns the files written (none otherwise).
 *
 * @example
 * ```ts
 * const copies = await copyForSupabase(config, database);
 * ```
 */
export async function copyForSupabase(config: ResolvedConfig, database: ResolvedDatabase): Promise<string[]> {
  if (database.supabaseMigrations === undefined || !database.dialects.includes('pg')) return [];
  const migrations = dialectFolder(database.migrations, 'pg');
  return syncSupabaseCopies({
    migrations,
    supabase: database.supabaseMigrations,
    origin: relative(config.root, migrations),
  });
}

/**
 * What `strata check` reports of the Supabase copies: one line per copy that is missing or
 * whose SQL differs from Strata's up file (an edit made to the copy, which Strata never applies).
 *
 * @example
 * ```ts
 * for (const problem of await supabaseCopyProblems(config, database)) out.finding('folder', problem);
 * ```
 */
export async function supabaseCopyProblems(config: ResolvedConfig, database: ResolvedDatabase): Promise<string[]> {
  if (database.supabaseMigrations === undefined || !database.dialects.includes('pg')) return [];
  const migrations = dialectFolder(database.migrations, 'pg');
  const folder = relative(config.root, database.supabaseMigrations);
  const origin = relative(config.root, migrations);
  const states = await supabaseCopyStates({ migrations, supabase: database.supabaseMigrations, origin });
  return states.flatMap(({ tag, state, file }) => {
    if (state === 'missing') return [`${folder} has no copy of ${tag}: run strata hash to write it`];
    if (state === 'stale')
      return [
        `${folder}/${file} differs from ${origin}/${tag}.sql: change Strata's file (then run strata hash), not the copy`,
      ];
    return [];
  });
}
