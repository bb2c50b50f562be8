import { join, resolve } from 'node:path';
import { collectSchema, isStrataError, type MigrationDialect, type SchemaModule, StrataError } from '@strata/core';
import type { AnyStrataDatabase, StrataDatabase } from '@strata/sql';
import { z } from 'zod';

/** Any Strata database, as the CLI handles it (the one type `@strata/sql` defines). */
export type { AnyStrataDatabase };

/** One named database of a project. */
export interface DatabaseConfig<S extends SchemaModule = SchemaModule> {
  /** The schema module: `import * as schema from './src/schema.js'`. */
  readonly schema: S;
  /**
   * Where to connect for migrate, status, check, seed and health: a URL
   * (`postgres://…`, `sqlite:./dev.sqlite3`, `sqlite::memory:`, `pglite:./data`, `pglite:memory`),
   * or a function that opens the database (any option of the engine packages).
   */
  readonly connection?: string | (() => Promise<AnyStrataDatabase>) | undefined;
  /** The migrations folder; default `migrations/<name>`. Each dialect has a subfolder (`pg`, `sqlite`). */
  readonly migrations?: string;
  /**
   * The dialects to generate migrations for. Default: the connection URL's dialect, or both
   * when the connection is a function (or absent).
   */
  readonly dialects?: readonly MigrationDialect[];
  /**
   * The Supabase CLI's migrations folder (`supabase/migrations`), when `supabase db push` applies
   * migrations too. `strata generate` and `strata hash` copy each PostgreSQL migration there as
   * `<version>_<tag>.sql` (the journal, down files and snapshots stay in `migrations`);
   * `strata migrate` and `rollback` keep the Supabase CLI's record in step, so neither tool
   * applies a migration twice; `strata check` reports copies that are missing or edited.
   */
  readonly supabaseMigrations?: string;
  /** `strata seed`: fills the database with the data you choose (typed repositories on `db`). */
  readonly seed?: (db: StrataDatabase<unknown, unknown, 'postgres' | 'pglite' | 'sqlite', S>) => Promise<void>;
}

/** A project's `strata.config.ts`. */
export interface StrataConfig {
  /** The project's databases by name (`auth`, `app`, …). */
  readonly databases: Readonly<Record<string, DatabaseConfig>>;
}

/**
 * Types a `strata.config.ts`.
 *
 * @example
 * ```ts
 * import { defineConfig } from '@strata/cli';
 * import * as app from './src/app-schema.js';
 * import * as auth from './src/auth-schema.js';
 *
 * export default defineConfig({
 *   databases: {
 *     auth: { schema: auth, connection: process.env.AUTH_DATABASE_URL, dialects: ['pg'] },
 *     app: { schema: app, connection: 'pglite:./data/app', dialects: ['pg', 'sqlite'] },
 *   },
 * });
 * ```
 */
export function defineConfig<const D extends Record<string, DatabaseConfig>>(config: {
  readonly databases: D;
}): StrataConfig {
  return config;
}

/** A database of the configuration, with every default filled in. */
export interface ResolvedDatabase {
  readonly name: string;
  readonly schema: SchemaModule;
  readonly connection: DatabaseConfig['connection'];
  /** Absolute path of the database's migrations folder (dialect subfolders inside). */
  readonly migrations: string;
  readonly dialects: readonly MigrationDialect[];
  /** Absolute path of the Supabase CLI's migrations folder, when configured. */
  readonly supabaseMigrations: string | undefined;
  readonly seed: DatabaseConfig['seed'];
}

/** A configuration file, read and checked. */
export interface ResolvedConfig {
  /** The file it came from. */
  readonly file: string;
  /** The project root (the file's folder): relative paths start here. */
  readonly root: string;
  readonly databases: readonly ResolvedDatabase[];
}

const databaseSchema = z.object({
  schema: z.record(z.string(), z.unknown()),
  connection: z.union([z.string().min(1), z.function()]).optional(),
  migrations: z.string().min(1).optional(),
  dialects: z
    .array(z.enum(['pg', 'sqlite']))
    .min(1)
    .optional(),
  supabaseMigrations: z.string().min(1).optional(),
  seed: z.function().optional(),
});

const configSchema = z.object({
  databases: z
    .record(
      z.string().regex(/^[A-Za-z][A-Za-z0-9_-]*$/, 'a database name is letters, digits, "_" or "-"'),
      databaseSchema,
    )
    .refine((databases) => Object.keys(databases).length > 0, 'name at least one database'),
});

/** The dialect a connection URL speaks, when it is a URL Strata knows. */
export function dialectOfUrl(url: string): MigrationDialect | undefined {
  if (/^(postgres|postgresql|pglite|idb):/i.test(url)) return 'pg';
  if (/^sqlite:/i.test(url)) return 'sqlite';
  return undefined;
}

/**
 * Checks a loaded configuration and fills in defaults; errors name the file and the setting.
 *
 * @example
 * ```ts
 * const config = resolveConfig((await import(file)).default, file, dirname(file));
 * ```
 */
export function resolveConfig(value: unknown, file: string, root: string): ResolvedConfig {
  const parsed = configSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const setting = issue?.path.join('.') || '(the default export)';
    throw new StrataError(
      'CONFIG_INVALID',
      `${file}: ${setting}: ${issue?.message ?? 'invalid'}. Export defineConfig({ databases: { <name>: { schema, connection } } }) as default.`,
    );
  }
  const databases = Object.entries(parsed.data.databases).map(([name, database]): ResolvedDatabase => {
    const raw = (value as StrataConfig).databases[name] as DatabaseConfig;
    try {
      if (collectSchema(raw.schema).tables.size === 0) throw new Error('it exports no tables');
    } catch (error) {
      // A SchemaError names the table and column to fix: the module itself was the right one.
      const hint = isStrataError(error) ? '' : ". Pass the schema module: import * as schema from './schema.js'.";
      throw new StrataError('CONFIG_INVALID', `${file}: databases.${name}.schema: ${(error as Error).message}${hint}`, {
        cause: error,
      });
    }
    const urlDialect = typeof raw.connection === 'string' ? dialectOfUrl(raw.connection) : undefined;
    const dialects = database.dialects ?? (urlDialect ? [urlDialect] : ['pg', 'sqlite']);
    if (database.supabaseMigrations !== undefined && !dialects.includes('pg')) {
      throw new StrataError(
        'CONFIG_INVALID',
        `${file}: databases.${name}.supabaseMigrations: the Supabase CLI applies PostgreSQL migrations, but this database generates ${dialects.join(', ')} only: add 'pg' to its dialects or remove supabaseMigrations`,
      );
    }
    return {
      name,
      schema: raw.schema,
      connection: raw.connection,
      migrations: resolve(root, database.migrations ?? join('migrations', name)),
      dialects,
      supabaseMigrations:
        database.supabaseMigrations === undefined ? undefined : resolve(root, database.supabaseMigrations),
      seed: raw.seed,
    };
  });
  return { file, root, databases };
}
