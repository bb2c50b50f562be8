import { health } from '@strata/sql';
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
  let unreachable = false;
  for (const database of selectDatabases(context.config, options.database)) {
    await withDatabase(context, database, async (db) => {
      const migrations = await readMigrationFolder(dialectFolder(database.migrations, db.dialect), db.dialect);
      const report = await health(db, { migrations });
      results.push({ database: database.name, ...report });
      if (!report.ok) {
        unreachable = true;
        context.out.fail(`${database.name}: ${db.engine} did not answer: ${report.error}`);
        return;
      }
      context.out.ok(
        `${database.name}: ${db.engine}, ${report.serverVersion}, ${report.latencyMs} ms, ${report.pendingMigrations} pending migrations`,
      );
      // A replica down degrades the database (its reads go to the primary) without failing it.
      for (const replica of report.replicas ?? []) {
        if (replica.ok) {
          const lag = replica.lagMs === undefined ? 'lag unknown' : `${replica.lagMs} ms behind`;
          context.out.ok(`  replica ${replica.url}: ${replica.latencyMs} ms, ${lag}`);
        } else context.out.warn(`  replica ${replica.url} did not answer: ${replica.error}`);
      }
    });
  }
  context.out.record('databases', results);
  return unreachable ? EXIT.unreachable : EXIT.ok;
}
