// Strata's PostgreSQL migrations copied where the Supabase CLI reads them
// (`supabase/migrations/<version>_<tag>.sql`), while the journal, down files and snapshots stay in
// Strata's folder. The copy's name carries Strata's tag, which is how `migrate` knows which
// Supabase version a migration is: see `supabaseMigrationLedger`.
import { mkdir, readdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { MigrationError, migrationFiles } from '@strata/core';
import { readIfExists, readJournal } from './migration-folder.js';

/** `20261206190503_0002_add_slug.sql`: the Supabase CLI's version (digits), then Strata's tag. */
const COPY = /^(\d{14})_(\d{4,}_[A-Za-z0-9_-]+)\.sql$/;

/** The first line of every copy: where its SQL really lives. */
function copyHeader(origin: string, tag: string): string {
  return `-- Copy of ${origin}/${tag}.sql, written by strata: change that file (then run strata hash), not this one.\n`;
}

/**
 * The Supabase versions of Strata's migrations, from the copies' file names in the Supabase
 * migrations folder: `0002_add_slug` → `20261206190503`. An absent folder has none.
 *
 * @example
 * ```ts
 * const versions = await readSupabaseVersions('supabase/migrations');
 * versions.get('0001_init'); // '20261206190455'
 * ```
 */
export async function readSupabaseVersions(folder: string): Promise<Map<string, string>> {
  const names = await readdir(folder).catch((error: { code?: unknown }) => {
    if (error.code === 'ENOENT') return [] as string[];
    throw error;
  });
  const versions = new Map<string, string>();
  for (const name of names.sort()) {
    const match = COPY.exec(name);
    if (!match) continue; // the Supabase CLI's own migrations (seeds, hand-written ones) are its alone
    const [, version, tag] = match as unknown as [string, string, string];
    const earlier = versions.get(tag);
    if (earlier !== undefined) {
      throw new MigrationError(
        'MIGRATION_JOURNAL_INVALID',
        `${folder} has two copies of ${tag} (${earlier}_${tag}.sql and ${name}): delete the one the Supabase CLI has not applied`,
        { file: join(folder, name) },
      );
    }
    versions.set(tag, version);
  }
  return versions;
}

/** `YYYYMMDDHHMMSS` in UTC, as the Supabase CLI names its migrations. */
function versionAt(time: Date): string {
  return time.toISOString().replace(/\D/g, '').slice(0, 14);
}

function timeOf(version: string): number {
  const [, y, mo, d, h, mi, s] = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(version) ?? [];
  return Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
}

/** Where a copy stands against its Strata migration. */
export interface SupabaseCopyState {
  readonly tag: string;
  /** `missing`: no copy yet; `stale`: its SQL differs from Strata's up file. */
  readonly state: 'current' | 'missing' | 'stale';
  /** The copy's file name, when there is one. */
  readonly file: string | undefined;
}

/** Options of {@link syncSupabaseCopies} and {@link supabaseCopyStates}. */
export interface SupabaseCopyOptions {
  /** Strata's PostgreSQL migrations folder (`migrations/app/pg`). */
  readonly migrations: string;
  /** The Supabase CLI's migrations folder (`supabase/migrations`). */
  readonly supabase: string;
  /** How copies name Strata's folder in their first line (default: `migrations`). */
  readonly origin?: string;
}

async function expectedCopies(options: SupabaseCopyOptions) {
  const journal = await readJournal(options.migrations, 'pg');
  const versions = await readSupabaseVersions(options.supabase);
  const origin = options.origin ?? options.migrations;
  const copies = [];
  for (const entry of journal.entries) {
    const up = await readIfExists(join(options.migrations, migrationFiles(entry.tag).up));
    if (up === undefined) continue; // readMigrationFolder names a missing file; nothing to copy
    const version = versions.get(entry.tag);
    const file = version === undefined ? undefined : `${version}_${entry.tag}.sql`;
    const content = `${copyHeader(origin, entry.tag)}${up}`;
    const current = file === undefined ? undefined : await readIfExists(join(options.supabase, file));
    const state: SupabaseCopyState['state'] =
      current === undefined ? 'missing' : current === content ? 'current' : 'stale';
    copies.push({ tag: entry.tag, state, file: current === undefined ? undefined : file, content, version });
  }
  return { copies, versions };
}

/**
 * Each of Strata's migrations against its copy in the Supabase folder: `strata check` reports
 * the missing and stale ones.
 *
 * @example
 * ```ts
 * const states = await supabaseCopyStates({ migrations: 'migrations/app/pg', supabase: 'supabase/migrations' });
 * states.filter((copy) => copy.state !== 'current');
 * ```
 */
export async function supabaseCopyStates(options: SupabaseCopyOptions): Promise<SupabaseCopyState[]> {
  const { copies } = await expectedCopies(options);
  return copies.map(({ tag, state, file }) => ({ tag, state, file }));
}

/**
 * Writes the Supabase copy of every Strata migration that has none or whose SQL changed
 * (`strata generate` and `strata hash` call it). A new copy's version is the current UTC second,
 * or one second after the newest existing copy, so versions keep Strata's order; a stale copy
 * keeps its version. Returns the files written.
 *
 * @example
 * ```ts
 * await syncSupabaseCopies({ migrations: 'migrations/app/pg', supabase: 'supabase/migrations' });
 * ```
 */
export async function syncSupabaseCopies(options: SupabaseCopyOptions): Promise<string[]> {
  const { copies, versions } = await expectedCopies(options);
  let latest = Math.max(0, ...[...versions.values()].map(timeOf));
  const written: string[] = [];
  for (const copy of copies) {
    if (copy.state === 'current') continue;
    let version = copy.version;
    if (version === undefined) {
      latest = Math.max(Math.floor(Date.now() / 1000) * 1000, latest + 1000);
      version = versionAt(new Date(latest));
    }
    const path = join(options.supabase, `${version}_${copy.tag}.sql`);
    await mkdir(options.supabase, { recursive: true });
    const temporary = `${path}.${process.pid}.tmp`;
    await writeFile(temporary, copy.content);
    await rename(temporary, path);
    written.push(path);
  }
  return written;
}
