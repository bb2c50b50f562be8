// Turns the measurements into bench/results/latest.json and a table for the terminal: one row per
// engine and workload, one column per implementation, each cell "rate · ratio to raw".
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { IMPLEMENTATIONS } from './contract.js';
import type { Engine, Skip } from './engines.js';
import { type CellMeasurement, median } from './measure.js';
import type { Workload } from './workloads.js';

/** One engine × workload: every implementation's measurement. */
export interface Measured {
  readonly engine: Engine;
  readonly workload: Workload;
  readonly cells: readonly CellMeasurement[];
  readonly skipped: readonly Skip[];
}

/** One entry of latest.json. `rounds` holds each round's rate (the median of them is `opsPerSecond`). */
export interface ResultEntry {
  readonly engine: Engine;
  readonly workload: Workload['key'];
  readonly implementation: string;
  /** Median rate, in `unit` (rows per second for the bulk insert). `null` when the cell failed its check. */
  readonly opsPerSecond: number | null;
  /** Median of the per-round ratios to raw (see `ratio`). */
  readonly ratioToRaw: number | null;
  readonly rounds: number[];
  readonly unit: Workload['unit'];
  readonly error?: string;
}

/** The team's targets: Strata at least this fraction of raw, and at least raw on the bulk insert. */
export const TARGET_RATIO = 0.8;
export const TARGET_BULK_RATIO = 1;

const targetFor = (workload: Workload) => (workload.key === 'insert-bulk' ? TARGET_BULK_RATIO : TARGET_RATIO);

/**
 * The ratio to raw: the median over rounds of (this round's rate ÷ raw's rate in the same round).
 * Both ran within seconds of each other in every round, so a slow stretch of the machine cancels
 * out of each pair; a ratio of the two medians would mix rounds run at different times.
 */
function ratio(cell: CellMeasurement, raw: CellMeasurement | undefined): number | null {
  if (!raw || raw.error || cell.error || !(raw.median > 0)) return null;
  if (cell.rounds.length !== raw.rounds.length || cell.rounds.length === 0) return cell.median / raw.median;
  return median(cell.rounds.map((rate, round) => rate / (raw.rounds[round] as number)));
}

export function toEntries(measured: readonly Measured[]): ResultEntry[] {
  return measured.flatMap(({ engine, workload, cells }) => {
    const raw = cells.find((cell) => cell.implementation === 'raw');
    return cells.map((cell) => {
      const r = ratio(cell, raw);
      return {
        engine,
        workload: workload.key,
        implementation: cell.implementation,
        opsPerSecond: cell.error ? null : Math.round(cell.median),
        ratioToRaw: r === null ? null : Math.round(r * 1000) / 1000,
        rounds: cell.rounds.map((value) => Math.round(value)),
        unit: workload.unit,
        ...(cell.error !== undefined && { error: cell.error }),
      };
    });
  });
}

/**
 * JSON as the repository's formatter (Biome) writes it: a list of numbers on one line when it
 * fits in 120 columns, else filled line by line. So `npm run lint` stays clean after `npm run bench`.
 */
function formatJson(value: unknown): string {
  const width = 120;
  return JSON.stringify(value, null, 2).replace(
    /^( *)("[^"]*": )?\[\n((?: *-?[\d.e+]+,?\n)+) *\]/gm,
    (_whole: string, indent: string, key = '', list: string) => {
      const items = list.trim().split(/,\s*/);
      const single = `${indent}${key}[${items.join(', ')}]`;
      if (single.length <= width) return single;
      const lines: string[] = [];
      let line = '';
      for (const item of items) {
        const next = line ? `${line} ${item},` : `${indent}  ${item},`;
        if (line && next.length > width) {
          lines.push(line);
          line = `${indent}  ${item},`;
        } else {
          line = next;
        }
      }
      lines.push(line.slice(0, -1));
      return `${indent}${key}[\n${lines.join('\n')}\n${indent}]`;
    },
  );
}

export function writeResults(path: string, entries: readonly ResultEntry[]): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${formatJson(entries)}\n`);
}

const number = (value: number) => Math.round(value).toLocaleString('en-US');

function cellText(cell: CellMeasurement | undefined, raw: CellMeasurement | undefined, skipped: boolean): string {
  if (!cell) return skipped ? 'skipped' : '';
  if (cell.error) return 'FAILED';
  const r = ratio(cell, raw);
  return `${number(cell.median)} · ${r === null ? 'n/a' : `${r.toFixed(2)}×`}`;
}

/** A plain-text table: columns padded to their widest cell, numbers right-aligned. */
function renderRows(rows: readonly string[][]): string {
  const widths = (rows[0] ?? []).map((_, column) => Math.max(...rows.map((row) => (row[column] ?? '').length)));
  const line = (row: readonly string[]) =>
    row
      .map((text, column) => (column < 3 ? text.padEnd(widths[column] ?? 0) : text.padStart(widths[column] ?? 0)))
      .join('  ')
      .trimEnd();
  const rule = widths.map((width) => '-'.repeat(width)).join('  ');
  return [line(rows[0] ?? []), rule, ...rows.slice(1).map(line)].join('\n');
}

export function renderTable(measured: readonly Measured[]): string {
  const header = ['engine', 'workload', 'unit', ...IMPLEMENTATIONS];
  const rows = measured.map(({ engine, workload, cells, skipped }) => {
    const raw = cells.find((cell) => cell.implementation === 'raw');
    return [
      engine,
      workload.title,
      workload.unit,
      ...IMPLEMENTATIONS.map((name) =>
        cellText(
          cells.find((cell) => cell.implementation === name),
          raw,
          skipped.some((skip) => skip.implementation === name),
        ),
      ),
    ];
  });
  return renderRows([header, ...rows]);
}

/** Strata against the team's targets, one line per engine and workload. */
export function renderTargets(measured: readonly Measured[]): string {
  const lines = measured.map(({ engine, workload, cells }) => {
    const raw = cells.find((cell) => cell.implementation === 'raw');
    const strata = cells.find((cell) => cell.implementation === 'strata');
    const r = strata ? ratio(strata, raw) : null;
    const target = targetFor(workload);
    const verdict = r === null ? 'n/a ' : r >= target ? 'met ' : 'MISS';
    return `  ${verdict}  ${engine.padEnd(8)} ${workload.title.padEnd(30)} strata ${r === null ? 'n/a' : `${r.toFixed(2)}×`} raw (target ≥ ${target.toFixed(2)}×)`;
  });
  return [
    `Targets: strata ≥ ${TARGET_RATIO.toFixed(2)}× raw everywhere, bulk insert ≥ ${TARGET_BULK_RATIO.toFixed(2)}× raw:`,
    ...lines,
  ].join('\n');
}

/** Skips and failures, each once, for under the table. */
export function renderNotes(measured: readonly Measured[]): string[] {
  const notes = new Set<string>();
  for (const { engine, workload, cells, skipped } of measured) {
    for (const skip of skipped) notes.add(`${skip.implementation} on ${engine}: skipped, ${skip.reason}`);
    for (const cell of cells) {
      if (cell.error) notes.add(`FAILED ${cell.implementation} on ${engine}, ${workload.title}: ${cell.error}`);
    }
  }
  return [...notes];
}

function quantile(sorted: readonly number[], q: number): number {
  const position = (sorted.length - 1) * q;
  const low = Math.floor(position);
  const high = Math.ceil(position);
  return (sorted[low] as number) + ((sorted[high] as number) - (sorted[low] as number)) * (position - low);
}

/**
 * How much the rounds disagree (interquartile range ÷ median): a yardstick for how small a
 * difference between two cells of this run still means something.
 */
export function renderSpread(measured: readonly Measured[]): string {
  const spreads: { spread: number; where: string }[] = [];
  for (const { engine, workload, cells } of measured) {
    for (const cell of cells) {
      if (cell.error || cell.rounds.length < 3) continue;
      const sorted = [...cell.rounds].sort((a, b) => a - b);
      spreads.push({
        spread: (quantile(sorted, 0.75) - quantile(sorted, 0.25)) / cell.median,
        where: `${cell.implementation} on ${engine}, ${workload.title}`,
      });
    }
  }
  if (spreads.length === 0) return 'Round-to-round spread: too few rounds to tell.';
  const worst = spreads.reduce((a, b) => (b.spread > a.spread ? b : a));
  const percent = (value: number) => `${Math.round(value * 100)}%`;
  return `Round-to-round spread (interquartile range ÷ median): ${percent(median(spreads.map((s) => s.spread)))} for the typical cell, ${percent(worst.spread)} at most (${worst.where}).`;
}
