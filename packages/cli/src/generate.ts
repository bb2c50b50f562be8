import { relative } from 'node:path';
import { type MigrationDialect, StrataError } from '@strata/core';
import { GENERATION, generateMigration, type RenameResolver } from '@strata/sql';
import type { ResolvedConfig, ResolvedDatabase } from './config.js';
import { dialectFolder, latestSnapshot, readJournal, readMigrationFolder, writeMigration } from './folder.js';
import { copyForSupabase } from './supabase-copies.js';

/** Options of {@link generateMigrations}. */
export interface GenerateOptions {
  /** The migration's name (`add_slug`); default `init` for the first, `migration` after. */
  readonly name?: string | undefined;
  /** Write an empty migration to fill in by hand (triggers, functions, data fixes). */
  readonly custom?: boolean | undefined;
  /** Only this database. */
  readonly database?: string | undefined;
  /** Answers rename questions the schema's hints do not (see `RenameResolver`). */
  readonly resolveRename?: RenameResolver | undefined;
}

/** One migration written by {@link generateMigrations}. */
export interface WrittenMigration {
  readonly database: string;
  readonly dialect: MigrationDialect;
  readonly tag: string;
  /** The up, down and snapshot files. */
  readonly files: readonly string[];
  /** The Supabase copies written (see `supabaseMigrations`): this migration's, and any missing before. */
  readonly supabaseCopies: readonly string[];
  readonly statements: number;
  readonly drops: readonly string[];
}

/** What {@link generateMigrations} did. */
export interface GenerateResult {
  readonly written: readonly WrittenMigration[];
  /** Database folders with nothing to generate. */
  readonly unchanged: readonly { readonly database: string; readonly dialect: MigrationDialect }[];
  readonly durationMs: number;
}

/**
 * The databases a command works on: all, or the one named (an unknown name is an error listing
 * the configured ones).
 *
 * @example
 * ```ts
 * for (const database of selectDatabases(config, options.database)) { … }
 * ```
 */
export function selectDatabases(config: ResolvedConfig, name: string | undefined): readonly ResolvedDatabase[] {
  if (name === undefined) return config.databases;
  const found = config.databases.filter((database) => database.name === name);
  if (found.length === 0) {
    throw new StrataError(
      'CONFIG_INVALID',
      `No database "${name}" in ${config.file}; it has ${config.databases.map((database) => database.name).join(', ')}`,
    );
  }
  return found;
}

const NAME = /^[A-Za-z0-9_-]{1,60}$/;

/**
 * Generates the next migration of every configured database and dialect from its schema, or
 * an empty custom one, and writes it to the migration folders. Folders whose schema has not
 * changed get nothing.
 *
 * @example
 * ```ts
 * const { written } = await generateMigrations(await loadConfig(process.cwd()), { name: 'add_slug' });
 * ```
 */
export async function generateMigrations(
  config: ResolvedConfig,
  options: GenerateOptions = {},
): Promise<GenerateResult> {
  const started = performance.now();
  if (options.name !== undefined && !NAME.test(options.name)) {
    throw new StrataError('CONFIG_INVALID', `--name "${options.name}" must be 1–60 letters, digits, "_" or "-"`);
  }
  const written: WrittenMigration[] = [];
  const unchanged: { database: string; dialect: MigrationDialect }[] = [];
  for (const database of selectDatabases(config, options.database)) {
    for (const dialect of database.dialects) {
      const folder = dialectFolder(database.migrations, dialect);
      // Refuses a folder whose files no longer match its journal before adding to it.
      await readMigrationFolder(folder, dialect);
      const journal = await readJournal(folder, dialect);
      const previous = await latestSnapshot(folder, journal);
      const generation = GENERATION[dialect];
      const name = options.name ?? (journal.entries.length === 0 ? 'init' : 'migration');
      const where = relative(config.root, config.file);
      if (options.custom) {
        const result = await writeMigration(folder, journal, {
          name,
          up: [],
          down: [],
          snapshot: previous ?? (await generation.empty()),
          custom: true,
          header: [
            `Custom ${dialect} migration of database "${database.name}": write its SQL below, and the SQL that undoes it in the .down.sql file.`,
            'Put a line holding only "--> statement-breakpoint" between two statements.',
            'After editing, and before applying it anywhere, run `strata hash` to record the checksum.',
          ],
        });
        written.push({
          database: database.name,
          dialect,
          tag: result.tag,
          files: result.files,
          supabaseCopies: dialect === 'pg' ? await copyForSupabase(config, database) : [],
          statements: 0,
          drops: [],
        });
        continue;
      }
      const generated = await generateMigration({
        dialect: generation,
        schema: database.schema,
        previous,
        resolveRename: options.resolveRename,
      });
      if (generated.up.length === 0) {
        unchanged.push({ database: database.name, dialect });
        continue;
      }
      const result = await writeMigration(folder, journal, {
        name,
        up: generated.up,
        down: generated.down,
        snapshot: generated.snapshot,
        custom: false,
        header: [
          `Generated by strata from the schema of database "${database.name}" (${where}).`,
          ...(generated.drops.length > 0 ? [`Drops ${generated.drops.join(', ')}, and the data in them.`] : []),
        ],
      });
      written.push({
        database: database.name,
        dialect,
        tag: result.tag,
        files: result.files,
        supabaseCopies: dialect === 'pg' ? await copyForSupabase(config, database) : [],
        statements: generated.up.length,
        drops: generated.drops,
      });
    }
  }
  return { written, unchanged, durationMs: performance.now() - started };
}
