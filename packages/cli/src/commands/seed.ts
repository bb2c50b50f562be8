import { StrataError } from '@strata/core';
import type { CommandContext } from '../context.js';
import { withDatabase } from '../context.js';
import { EXIT } from '../exit-codes.js';
import { selectDatabases } from '../generate.js';
import { seedFakeData } from '../seed/index.js';

/** Options of `strata seed`. */
export interface SeedCommandOptions {
  readonly database?: string;
  /** `--fake table=count`: deterministic fake rows instead of the configured seed function. */
  readonly fake?: readonly string[];
  /** Seed of the fake data generator (same seed, same rows). */
  readonly seed?: number;
}

function parseCounts(pairs: readonly string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const pair of pairs) {
    const match = /^([A-Za-z_$][\w$]*)=(\d+)$/.exec(pair);
    if (!match) throw new StrataError('USAGE', `--fake "${pair}" must look like table=count (the table's export name)`);
    counts[match[1] as string] = Number(match[2]);
  }
  return counts;
}

/**
 * `strata seed`: runs each database's seed function, or with `--fake table=count` inserts
 * deterministic fake rows.
 *
 * @example
 * ```ts
 * await seedCommand(context, { fake: ['author=10', 'book=50'], seed: 1 });
 * ```
 */
export async function seedCommand(context: CommandContext, options: SeedCommandOptions): Promise<number> {
  const results: unknown[] = [];
  for (const database of selectDatabases(context.config, options.database)) {
    if (!options.fake?.length && !database.seed) {
      throw new StrataError(
        'CONFIG_INVALID',
        `databases.${database.name}.seed is not set in ${context.config.file}: add a seed function, or run strata seed --fake <table>=<count>`,
      );
    }
    await withDatabase(context, database, async (db) => {
      if (options.fake?.length) {
        const inserted = await context.out.step(`Seeding ${database.name}…`, () =>
          seedFakeData(db as never, { counts: parseCounts(options.fake ?? []) as never, seed: options.seed ?? 1 }),
        );
        context.out.ok(
          `${database.name} (${db.engine}): ${Object.entries(inserted as Record<string, number>)
            .map(([table, count]) => `${count} ${table}`)
            .join(', ')}`,
        );
        results.push({ database: database.name, inserted });
      } else {
        await context.out.step(`Seeding ${database.name}…`, async () => database.seed?.(db as never));
        context.out.ok(`${database.name} (${db.engine}): seeded`);
        results.push({ database: database.name, seeded: true });
      }
    });
  }
  context.out.record('databases', results);
  return EXIT.ok;
}
