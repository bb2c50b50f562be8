import type { MigrationSet, SchemaModule } from '@strata/core';
import { compareDumps, dumpSchema, migrate } from '@strata/sql';
import type { ThrowawayDatabases } from './throwaway-databases.js';

/** A difference between the schema and the replayed migrations, as a `compareDumps` line. */
export interface ReplayDifference {
  /** `+ habit_entries.mood: text null`: `+` only the migrations have it, `-` only the schema. */
  readonly line: string;
  /** The custom migration that made this change on purpose, when one did. */
  readonly customMigration?: string;
}

/**
 * Replays a folder's migrations into an empty in-memory database and compares its catalog with
 * an empty database built from the schema (`createTables()`): the lines that differ, empty when
 * the migrations build exactly the schema. Changes a custom migration makes (an index, a table
 * the schema does not describe) are attributed to it: each custom migration's own effect is
 * dumped before and after it runs, since hand-written SQL may add what the schema cannot say.
 * Throws what a failing migration throws (`MIGRATION_FAILED`, naming it and the statement).
 *
 * @example
 * ```ts
 * const differences = await replayDifferences(throwaway, schema, await readMigrationFolder(folder, 'pg'));
 * ```
 */
export async function replayDifferences(
  throwaway: ThrowawayDatabases,
  schema: SchemaModule,
  migrations: MigrationSet,
): Promise<ReplayDifference[]> {
  const { dialect } = migrations;
  const built = await throwaway.use(dialect, schema, async (db) => {
    await db.createTables();
    return dumpSchema(db);
  });
  const byCustom = new Map<string, string>();
  const replayed = await throwaway.use(dialect, schema, async (db) => {
    for (const migration of migrations.migrations) {
      if (!migration.custom) continue;
      await migrate(db, { migrations, to: migration.index - 1 });
      const before = await dumpSchema(db);
      await migrate(db, { migrations, to: migration.index });
      for (const line of compareDumps(before, await dumpSchema(db))) byCustom.set(line, migration.id);
    }
    await migrate(db, { migrations });
    return dumpSchema(db);
  });
  return compareDumps(built, replayed).map((line) => {
    const customMigration = byCustom.get(line);
    return customMigration === undefined ? { line } : { line, customMigration };
  });
}
