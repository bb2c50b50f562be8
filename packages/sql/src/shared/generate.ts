import { collectSchema, getTableInfo, type MigrationDialect, MigrationError, type SchemaModule } from '@strata/core';
import { withNumericBigintDefaults } from './legacy-defaults.js';
import {
  applyRenames,
  changesBetween,
  columnNames,
  invertRenames,
  type RenameStep,
  type Snapshot,
  snapshotTable,
  tableNames,
  withAddedColumns,
  withoutDropped,
} from './snapshot.js';

/** What one dialect supplies to migration generation: snapshots and diffs from drizzle-kit. */
export interface GenerationDialect {
  readonly name: MigrationDialect;
  /** The drizzle-kit snapshot of a schema module. */
  snapshot(schema: SchemaModule): Promise<Snapshot>;
  /** The snapshot of an empty database. */
  empty(): Promise<Snapshot>;
  /** drizzle-kit's statements from one snapshot to another (never renames: see `generateMigration`). */
  diff(from: Snapshot, to: Snapshot): Promise<string[]>;
  /** Quotes an identifier as Drizzle's dialect does (Strata writes renames and backfills itself). */
  escapeName(identifier: string): string;
  /**
   * A snapshot recorded by an earlier Strata version, in the forms `snapshot()` gives today for
   * the same DDL: the last migration's snapshot goes through it before the diff, so that a change
   * in how tables are described never becomes a migration of its own.
   */
  upgrade?(snapshot: Snapshot): Snapshot;
}

/** The statement for one rename: identifiers only, quoted by the dialect. */
function renameStatement(dialect: GenerationDialect, step: RenameStep): string {
  const name = (identifier: string) => dialect.escapeName(identifier);
  return step.kind === 'table'
    ? `ALTER TABLE ${name(step.from)} RENAME TO ${name(step.to)};`
    : `ALTER TABLE ${name(step.table)} RENAME COLUMN ${name(step.from)} TO ${name(step.to)};`;
}

/** A question generation cannot answer alone: is an added table or column one that was dropped, renamed? */
export interface RenameQuestion {
  readonly kind: 'table' | 'column';
  /** For a column: its table. */
  readonly table: string | undefined;
  /** The added table or column. */
  readonly added: string;
  /** The dropped tables (or columns of the table) it could have been. */
  readonly candidates: readonly string[];
}

/**
 * Answers a {@link RenameQuestion}: the dropped name the added one was renamed from, or `null`
 * when it is new (and the dropped one's data goes away).
 */
export type RenameResolver = (question: RenameQuestion) => Promise<string | null>;

/** Options of {@link generateMigration}. */
export interface GenerateMigrationOptions {
  readonly dialect: GenerationDialect;
  readonly schema: SchemaModule;
  /** The snapshot the last migration left; omitted for the first migration. */
  readonly previous?: Snapshot | undefined;
  /**
   * Answers rename questions that `renamedFrom(...)` hints in the schema do not. Without it an
   * unanswered question is a `MIGRATION_RENAME_AMBIGUOUS` error that says what to add.
   */
  readonly resolveRename?: RenameResolver | undefined;
}

/** A generated migration: statements up and down and the snapshot to keep for the next one. */
export interface GeneratedMigration {
  readonly up: readonly string[];
  readonly down: readonly string[];
  readonly snapshot: Snapshot;
  /** The renames it makes, in order. */
  readonly renames: readonly RenameStep[];
  /** What the up statements drop, with the data in it: `table "x"`, `column "x"."y"`. */
  readonly drops: readonly string[];
}

/** Renames declared in the schema with `renamedFrom(...)` that apply to `previous`. */
function hintedRenames(schema: SchemaModule, previous: Snapshot): RenameStep[] {
  const tables = [...collectSchema(schema).tables.values()].map(getTableInfo);
  const steps: RenameStep[] = [];
  const existing = new Set(tableNames(previous));
  for (const info of tables) {
    if (info.renamedFrom && existing.has(info.renamedFrom) && !existing.has(info.name)) {
      steps.push({ kind: 'table', from: info.renamedFrom, to: info.name });
    }
  }
  const renamed = applyRenames(previous, steps);
  for (const info of tables) {
    const columns = new Set(columnNames(renamed, info.name));
    for (const column of Object.values(info.columns)) {
      const from = column.config.renamedFrom;
      const to = column.placement?.sqlName;
      if (from && to && columns.has(from) && !columns.has(to))
        steps.push({ kind: 'column', table: info.name, from, to });
    }
  }
  return steps;
}

function ambiguityMessage(questions: readonly RenameQuestion[]): string {
  const lines = questions.map((q) =>
    q.kind === 'table'
      ? `table "${q.added}" is new and ${q.candidates.map((c) => `"${c}"`).join(', ')} ${q.candidates.length > 1 ? 'are' : 'is'} gone: if it is one of them renamed, add renamedFrom('<old name>') to its defineTable extras`
      : `table "${q.table}": column "${q.added}" is new and ${q.candidates.map((c) => `"${c}"`).join(', ')} ${q.candidates.length > 1 ? 'are' : 'is'} gone: if it is one of them renamed, add .renamedFrom('<old name>') to the column`,
  );
  return `Cannot tell renames from drop-and-add:\n  - ${lines.join('\n  - ')}\nIf nothing was renamed (the old data may go), run \`strata generate --no-renames\`; in a terminal, \`strata generate\` asks instead.`;
}

/** Asks about every added table/column that could be a dropped one renamed; returns the answers as renames. */
async function resolveAmbiguities(
  previous: Snapshot,
  current: Snapshot,
  steps: RenameStep[],
  resolve: RenameResolver | undefined,
): Promise<RenameStep[]> {
  const unanswered: RenameQuestion[] = [];
  const answered = [...steps];
  const ask = async (question: RenameQuestion) => {
    if (!resolve) {
      unanswered.push(question);
      return null;
    }
    const answer = await resolve(question);
    if (answer !== null && !question.candidates.includes(answer)) {
      throw new MigrationError(
        'MIGRATION_RENAME_AMBIGUOUS',
        `"${answer}" is not one of ${question.candidates.join(', ')}`,
      );
    }
    return answer;
  };
  const tables = changesBetween(applyRenames(previous, answered), current);
  const droppedTables = [...tables.droppedTables];
  for (const added of tables.addedTables) {
    if (droppedTables.length === 0) break;
    const from = await ask({ kind: 'table', table: undefined, added, candidates: [...droppedTables] });
    if (from !== null) {
      answered.push({ kind: 'table', from, to: added });
      droppedTables.splice(droppedTables.indexOf(from), 1);
    }
  }
  for (const change of changesBetween(applyRenames(previous, answered), current).columns) {
    const dropped = [...change.dropped];
    for (const added of change.added) {
      if (dropped.length === 0) break;
      const from = await ask({ kind: 'column', table: change.table, added, candidates: [...dropped] });
      if (from !== null) {
        answered.push({ kind: 'column', table: change.table, from, to: added });
        dropped.splice(dropped.indexOf(from), 1);
      }
    }
  }
  if (unanswered.length > 0) throw new MigrationError('MIGRATION_RENAME_AMBIGUOUS', ambiguityMessage(unanswered));
  return answered;
}

/**
 * Diffs in up to three steps: drops (when the same step also adds: drizzle-kit would ask, and
 * without a terminal throw, whether it is a rename), then added columns (drizzle-kit's SQLite
 * rebuilds would otherwise copy columns the old table lacks), then everything else.
 */
async function stagedDiff(dialect: GenerationDialect, from: Snapshot, to: Snapshot): Promise<string[]> {
  const changes = changesBetween(from, to);
  const mixed =
    (changes.droppedTables.length > 0 && changes.addedTables.length > 0) ||
    changes.columns.some((change) => change.dropped.length > 0 && change.added.length > 0);
  const withoutDrops = mixed ? withoutDropped(from, to) : from;
  const withColumns = changes.columns.some((change) => change.added.length > 0)
    ? withAddedColumns(withoutDrops, to)
    : withoutDrops;
  const statements: string[] = [];
  if (withoutDrops !== from) statements.push(...(await dialect.diff(from, withoutDrops)));
  if (withColumns !== withoutDrops) statements.push(...(await dialect.diff(withoutDrops, withColumns)));
  statements.push(...(await dialect.diff(withColumns, to)));
  return statements;
}

/** Columns that become NOT NULL and have a default: existing NULLs take the default first. */
function backfills(dialect: GenerationDialect, from: Snapshot, to: Snapshot): string[] {
  const statements: string[] = [];
  for (const name of tableNames(to)) {
    const before = snapshotTable(from, name);
    const after = snapshotTable(to, name);
    if (!before || !after) continue;
    for (const [column, definition] of Object.entries(after.columns) as [
      string,
      { notNull?: boolean; default?: unknown },
    ][]) {
      const old = before.columns[column] as { notNull?: boolean } | undefined;
      if (old && !old.notNull && definition.notNull && definition.default !== undefined) {
        // The default is the snapshot's SQL (Drizzle rendered and escaped it), not a user value.
        const quoted = (identifier: string) => dialect.escapeName(identifier);
        statements.push(
          `UPDATE ${quoted(name)} SET ${quoted(column)} = ${String(definition.default)} WHERE ${quoted(column)} IS NULL;`,
        );
      }
    }
  }
  return statements;
}

/**
 * Generates one migration from the last snapshot to the schema, up and down, with drizzle-kit.
 * Renames come from `renamedFrom(...)` hints, else from `resolveRename`; drizzle-kit never sees
 * a rename (it would prompt): the snapshot it diffs from is renamed first, and Strata writes the
 * `ALTER … RENAME` statements. Columns that become NOT NULL with a default get their NULLs
 * filled first, so the migration keeps the rows.
 *
 * @example
 * ```ts
 * const { up, down, snapshot } = await generateMigration({ dialect: sqliteGeneration, schema, previous });
 * ```
 */
export async function generateMigration(options: GenerateMigrationOptions): Promise<GeneratedMigration> {
  const { dialect, schema } = options;
  const upgrade = dialect.upgrade ?? ((snapshot: Snapshot) => snapshot);
  const previous = options.previous ? upgrade(withNumericBigintDefaults(options.previous)) : await dialect.empty();
  const current = await dialect.snapshot(schema);
  const renames = await resolveAmbiguities(previous, current, hintedRenames(schema, previous), options.resolveRename);
  const renamedPrevious = applyRenames(previous, renames);
  const undo = invertRenames(renames);
  const renamedCurrent = applyRenames(current, undo);
  const up = [
    ...renames.map((step) => renameStatement(dialect, step)),
    ...backfills(dialect, renamedPrevious, current),
    ...(await stagedDiff(dialect, renamedPrevious, current)),
  ];
  const down = [
    ...undo.map((step) => renameStatement(dialect, step)),
    ...backfills(dialect, renamedCurrent, previous),
    ...(await stagedDiff(dialect, renamedCurrent, previous)),
  ];
  const changes = changesBetween(renamedPrevious, current);
  const drops = [
    ...changes.droppedTables.map((table) => `table "${table}"`),
    ...changes.columns.flatMap((change) => change.dropped.map((column) => `column "${change.table}"."${column}"`)),
  ];
  return { up, down, snapshot: current, renames, drops };
}
