// Entry point of `npm run bench`: for each engine, open and seed it, measure every workload with
// every implementation (interleaved rounds, medians), then print the table and write
// bench/results/latest.json. Settings come from the environment (see bench/README.md).
import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import { IMPLEMENTATIONS } from './contract.js';
import { createSeed, type SeedData } from './data.js';
import { openD1 } from './engine-d1.js';
import { openLibsql } from './engine-libsql.js';
import { ENGINES, type Engine, type EngineRun, openPglite, openPostgres, openSqlite } from './engines.js';
import { type MeasureOptions, measureWorkload } from './measure.js';
import {
  type Measured,
  renderNotes,
  renderSpread,
  renderTable,
  renderTargets,
  toEntries,
  writeResults,
} from './report.js';
import { createContext, WORKLOADS, type Workload } from './workloads.js';

function positiveInteger(name: string, fallback: number): number {
  const text = process.env[name];
  if (text === undefined || text === '') return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${name} must be a positive whole number, got "${text}"`);
  return value;
}

const options: MeasureOptions = {
  rounds: positiveInteger('BENCH_ROUNDS', 7),
  roundMs: positiveInteger('BENCH_ROUND_MS', 400),
  warmupMs: positiveInteger('BENCH_WARMUP_MS', 200),
};

// ENGINES is the variable the tests and scripts/with-postgres.mjs read: leaving postgres out also
// spares starting a server.
const engines = (process.env.ENGINES ?? ENGINES.join(','))
  .split(',')
  .map((name) => name.trim())
  .filter(Boolean);
for (const name of engines) {
  if (!(ENGINES as readonly string[]).includes(name)) throw new Error(`Unknown engine "${name}" in ENGINES`);
}

/** Optional subsets, for a quick look at one comparison: BENCH_WORKLOADS=point-read,insert-bulk. */
function subset<T extends string>(name: string, all: readonly T[]): readonly T[] {
  const text = process.env[name];
  if (!text) return all;
  const picked = text.split(',').map((item) => item.trim());
  for (const item of picked) {
    if (!(all as readonly string[]).includes(item))
      throw new Error(`Unknown "${item}" in ${name}; known: ${all.join(', ')}`);
  }
  return all.filter((item) => picked.includes(item));
}
const workloads = subset(
  'BENCH_WORKLOADS',
  WORKLOADS.map((workload) => workload.key),
).map((key) => WORKLOADS.find((workload) => workload.key === key) as Workload);
const implementationNames = subset('BENCH_IMPLEMENTATIONS', IMPLEMENTATIONS);

const log = (text = '') => process.stdout.write(`${text}\n`);
const seconds = (since: number) => `${((performance.now() - since) / 1000).toFixed(1)} s`;

/** The engine, opened and seeded, or the reason it is skipped. */
async function open(engine: Engine, seed: SeedData): Promise<EngineRun | string> {
  switch (engine) {
    case 'sqlite':
      return openSqlite(seed);
    case 'libsql':
      return openLibsql(seed);
    case 'd1':
      return openD1(seed);
    case 'pglite':
      return openPglite(seed);
    case 'postgres': {
      const url = process.env.STRATA_TEST_POSTGRES_URL;
      if (!url) return 'STRATA_TEST_POSTGRES_URL is unset (`npm run bench` starts a throwaway server and sets it)';
      return openPostgres(seed, url);
    }
    case 'pgbouncer': {
      const url = process.env.STRATA_TEST_POSTGRES_URL;
      const pgbouncer = process.env.STRATA_TEST_PGBOUNCER_URL;
      if (!url || !pgbouncer)
        return "STRATA_TEST_PGBOUNCER_URL is unset (`npm run bench` starts PgBouncer when Debian's pgbouncer is installed)";
      return openPostgres(seed, url, pgbouncer);
    }
  }
}

const started = performance.now();
log(`Strata benchmark: Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}`);
log(
  `${options.rounds} interleaved rounds of ${options.roundMs} ms per implementation and workload (median reported), ${options.warmupMs} ms warm-up; engines: ${engines.join(', ')}`,
);
if (!globalThis.gc) log('note: run with --expose-gc (as `npm run bench` does) to collect garbage between turns');
log('prisma: not measured. Its query engine is a binary that its install step downloads, which this machine cannot.');

const measured: Measured[] = [];
const skippedEngines: string[] = [];
for (const engine of engines as Engine[]) {
  const opening = performance.now();
  const seed = createSeed();
  const run = await open(engine, seed);
  if (typeof run === 'string') {
    skippedEngines.push(`${engine}: skipped, ${run}`);
    log(`\n${engine}: skipped, ${run}`);
    continue;
  }
  try {
    log(`\n${engine}: opened and seeded in ${seconds(opening)}`);
    for (const note of run.notes) log(`  ${note}`);
    for (const skip of run.skipped) log(`  ${skip.implementation}: skipped, ${skip.reason}`);
    const context = createContext(seed, run.probe);
    const implementations = run.implementations.filter((implementation) =>
      implementationNames.includes(implementation.name),
    );
    for (const workload of workloads) {
      const began = performance.now();
      const cells = await measureWorkload(workload, implementations, context, options);
      measured.push({ engine, workload, cells, skipped: run.skipped });
      const summary = cells
        .map(
          (cell) => `${cell.implementation} ${cell.error ? 'FAILED' : Math.round(cell.median).toLocaleString('en-US')}`,
        )
        .join(', ');
      log(`  ${workload.title} (${workload.unit}, ${seconds(began)}): ${summary}`);
    }
  } finally {
    await run.close();
  }
}

const entries = toEntries(measured);
const resultsPath = fileURLToPath(new URL('./results/latest.json', import.meta.url));
writeResults(resultsPath, entries);

log(
  '\nops/s (rows/s for the bulk insert), median of the rounds · ratio to raw on the same engine (median of the per-round ratios)\n',
);
log(renderTable(measured));
log(renderSpread(measured));
const notes = [...skippedEngines, ...renderNotes(measured)];
if (notes.length > 0) log(`\n${notes.join('\n')}`);
log();
log(renderTargets(measured));
log(`\nWrote ${resultsPath} (${entries.length} entries) in ${seconds(started)} total.`);
if (entries.some((entry) => entry.error !== undefined)) process.exitCode = 1;
