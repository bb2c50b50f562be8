import type { PGlite, PGliteOptions } from '@electric-sql/pglite';
import { type SchemaModule, StrataError } from '@strata/core';
import {
  drizzleQueryLogger,
  loadDriver,
  type QueryLogOptions,
  type StrataDatabase,
  TransactionGate,
} from '@strata/sql';
import { compilePgSchema, openPgDatabase, type PgSchemaOf, type PgTablesOf } from '@strata/sql/postgres';
import type { PgliteDatabase } from 'drizzle-orm/pglite';
import { pgliteExecutor } from './pglite-executor.js';

/**
 * One gate per PGlite instance: Strata databases opened on the same instance (the `client`
 * option) share its single connection, so their transactions must take turns across them.
 */
const gates = new WeakMap<PGlite, TransactionGate>();

/** Options of {@link createDatabase}. */
export interface PgliteDatabaseOptions<S extends SchemaModule> {
  /** The schema module: `import * as schema from './schema.js'`. */
  readonly schema: S;
  /**
   * Where the data lives: omitted or `memory://` for memory, a directory path in Node,
   * `idb://name` for IndexedDB in the browser.
   */
  readonly dataDir?: string;
  /**
   * An already started PGlite instance to use instead of starting one (start-up takes seconds;
   * share one instance where you can). Strata will not close an instance it did not start.
   */
  readonly client?: PGlite;
  /** A data directory archive (from `PGlite.dumpDataDir()`) to start from: faster than a fresh start. */
  readonly loadDataDir?: Blob;
  /** Query logging: logger, slow-query threshold, an OpenTelemetry-friendly hook. */
  readonly log?: QueryLogOptions;
  /**
   * PGlite's own options for the instance Strata starts (`debug`, `extensions`,
   * `relaxedDurability`, `initialMemory`, …). Strata sets `parsers` (its column types decode
   * values themselves) and the data directory options above.
   */
  readonly pglite?: Omit<PGliteOptions, 'dataDir' | 'loadDataDir' | 'parsers'>;
}

/** A Strata database on PGlite. */
export type PgliteStrataDatabase<S extends SchemaModule> = StrataDatabase<
  PgliteDatabase<PgSchemaOf<S>>,
  PgTablesOf<S>,
  'pglite',
  S
> & {
  /**
   * The PGlite instance, for `dumpDataDir()` and other PGlite features. An instance Strata
   * started returns dates and timestamps as text from `client.query` (the parsers Strata reads
   * them with); `db.drizzle` and the repository return `Date` values as usual.
   */
  readonly client: PGlite;
};

// Registers this engine's database type, so that types ranging over engines (connect()'s
// result, the test harness) name it only when this package is installed.
declare module '@strata/sql' {
  interface EngineDatabases<S extends SchemaModule> {
    readonly pglite: PgliteStrataDatabase<S>;
  }
}

/**
 * Opens a PGlite database for a schema.
 *
 * PGlite runs without fsync: a directory survives a crash of the process, not a power loss. Keep
 * data that must survive a power loss on PostgreSQL or SQLite.
 *
 * @example
 * ```ts
 * const db = await createDatabase({ schema });
 * await db.createTables();
 * const collections = await db.drizzle.query.collection.findMany({ with: { entries: true } });
 * ```
 */
export async function createDatabase<S extends SchemaModule>(
  options: PgliteDatabaseOptions<S>,
): Promise<PgliteStrataDatabase<S>> {
  const { PGlite, types } = await loadDriver('@electric-sql/pglite', '0.5', () => import('@electric-sql/pglite'));
  const asText = (value: string) => value;
  const textParsers = {
    [types.TIMESTAMP]: asText,
    [types.TIMESTAMPTZ]: asText,
    [types.DATE]: asText,
    [types.INTERVAL]: asText,
    // Drizzle's json columns parse the text once; parsed by PGlite too, a stored JSON string such
    // as "1" would read back as the number 1.
    [types.JSON]: asText,
    [types.JSONB]: asText,
  };
  const { drizzle } = await import('drizzle-orm/pglite');
  const compiled = compilePgSchema(options.schema);
  if (
    options.client &&
    (options.dataDir !== undefined || options.loadDataDir !== undefined || options.pglite !== undefined)
  ) {
    throw new StrataError(
      'CONFIG_INVALID',
      'Pass either a PGlite client or dataDir/loadDataDir/pglite options: an existing client is already set up',
    );
  }
  const owned = options.client === undefined;
  const client =
    options.client ??
    (await PGlite.create(options.dataDir ?? 'memory://', {
      ...options.pglite,
      parsers: textParsers,
      ...(options.loadDataDir && { loadDataDir: options.loadDataDir }),
    }).catch((error: unknown) => {
      throw dataDirError(options.dataDir, error);
    }));
  const db = drizzle(client, {
    schema: compiled.drizzleSchema as PgSchemaOf<S>,
    logger: drizzleQueryLogger('pglite', options.log),
  });
  return openPgDatabase({
    engine: 'pglite',
    schema: options.schema,
    tables: compiled.tables,
    drizzle: db,
    client,
    connections: 'single',
    affectedRows: (result) => (result as { affectedRows?: number }).affectedRows ?? 0,
    executor: pgliteExecutor(client, owned ? undefined : textParsers),
    gate: gateOf(client),
    log: options.log,
    close: async () => {
      if (owned) await client.close();
    },
  });
}

/**
 * PGlite creates its directory but not the folders above it, and says only `ENOENT … mkdir`:
 * name the directory and what to do (as SQLite's `createDatabase` does for its file).
 */
function dataDirError(dataDir: string | undefined, error: unknown): unknown {
  const code = (error as { code?: unknown } | null)?.code;
  if (dataDir === undefined || typeof code !== 'string' || !/^(ENOENT|EACCES|EPERM|ENOTDIR|EROFS)$/.test(code)) {
    return error;
  }
  const reason = error instanceof Error ? error.message : String(error);
  return new StrataError(
    'CONFIG_INVALID',
    `Cannot open the PGlite data directory "${dataDir}": ${reason}. Create the folder it is in (connect('pglite:…') creates it), or fix the path.`,
    { cause: error },
  );
}

function gateOf(client: PGlite): TransactionGate {
  let gate = gates.get(client);
  if (!gate) {
    gate = new TransactionGate();
    gates.set(client, gate);
  }
  return gate;
}
