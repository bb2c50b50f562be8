// What `strata check` cannot see: a generated migration edited by hand and re-recorded with
// `strata hash` matches its journal and its snapshot, yet builds different tables. Replaying the
// folder into an empty database and comparing the catalog with the schema's own tables catches it.

import { migrate } from '@strata/cli';
import { connect } from '@strata/connect';
import type { MigrationDialect, SchemaModule } from '@strata/core';
import { compareDumps, dumpSchema } from '@strata/sql';
import { MIGRATIONS_FOLDER } from './database.js';
import * as appSchema from './schema.js';

/** Where one dialect's migrations build other tables than the schema describes. */
export interface ReplayDifference {
  readonly dialect: MigrationDialect;
  /** `compareDumps` lines: `- table.column: …` from the schema, `+ …` from the migrations. */
  readonly differences: readonly string[];
}

const SCRATCH: Record<MigrationDialect, 'sqlite::memory:' | 'pglite:memory'> = {
  sqlite: 'sqlite::memory:',
  pg: 'pglite:memory',
};

/**
 * Applies every migration of `folder` to an empty in-memory database per dialect (SQLite, and
 * PGlite for `pg`) and compares the result with the tables `createTables()` builds from
 * `schema`. Returns only the dialects that differ: empty when migrations and schema agree.
 * Both default to the app's own.
 *
 * @example
 * ```ts
 * const problems = await replayMigrations();
 * if (problems.length > 0) process.exitCode = 1;
 * ```
 */
export async function replayMigrations({
  folder = MIGRATIONS_FOLDER,
  schema = appSchema,
}: {
  readonly folder?: string;
  readonly schema?: SchemaModule;
} = {}): Promise<ReplayDifference[]> {
  const found: ReplayDifference[] = [];
  for (const dialect of ['sqlite', 'pg'] as const) {
    const db = await connect(SCRATCH[dialect], { schema });
    try {
      await db.createTables();
      const expected = await dumpSchema(db);
      // Every table exists here, so dropTables cannot trip over a missing one.
      await db.dropTables();
      await migrate(db, { folder });
      const differences = compareDumps(expected, await dumpSchema(db));
      if (differences.length > 0) found.push({ dialect, differences });
    } finally {
      await db.close();
    }
  }
  return found;
}
