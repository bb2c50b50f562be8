import { migrationDriverOf, migrationStatus } from '@strata/sql';
import type { CommandContext } from '../context.js';
import { withDatabase } from '../context.js';
import { EXIT } from '../exit-codes.js';
import { dialectFolder, readMigrationFolder } from '../folder.js';
import { selectDatabases } from '../generate.js';

/**
 * `strata health`: connects to each database and prints its engine, version, round-trip
 * latency and pending migrations.
 *
 * @example
 * ```ts
 * await healthCommand(context, {});
 * ```
 */
export async function healthCommand(context: CommandContext, options: { readonly database?: string }): Promise<number> {
  const results: unknown[] = [];
  for (const database of selectDatabases(context.config, options.database)) {
    await withDatabase(context, database, async (db) => {
      const driver = migrationDriverOf(db);
      const started = performance.now();
      const { serverVersion } = (await driver?.ping()) ?? { serverVersion: 'unknown' };
      const latencyMs = Math.round((performance.now() - started) * 100) / 100;
      const migrations = await readMigrationFolder(dialectFolder(database.migrations, db.dialect), db.dialect);
      const pendingMigrations = (await migrationStatus(db, { migrations })).pending;
      context.out.ok(
        `${database.name}: ${db.engine}, ${serverVersion}, ${latencyMs} ms, ${pendingMigrations} pending migrations`,
      );
      results.push({
        database: database.name,
        ok: true,
        engine: db.engine,
        serverVersion,
        latencyMs,
        pendingMigrations,
      });
    });
  }
  context.out.record('databases', results);
  return EXIT.ok;
}
