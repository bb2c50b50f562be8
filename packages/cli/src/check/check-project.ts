import { isStrataError, type MigrationDialect, MigrationError, type MigrationSet } from '@strata/core';
import { GENERATION, generateMigration, migrationStatus, rootMessage } from '@strata/sql';
import type { ResolvedConfig, ResolvedDatabase } from '../config.js';
import { openDuring, type StepRunner } from '../context.js';
import { dialectFolder, latestSnapshot, readJournal, readMigrationFolder } from '../folder.js';
import { selectDatabases } from '../generate.js';
import { supabaseCopyProblems } from '../supabase-copies.js';
import type { CheckFinding, CheckNote, CheckResult } from './findings.js';
import { replayDifferences } from './replay.js';
import { missingEngine, ThrowawayDatabases, unsupportedByEngine } from './throwaway-databases.js';

/** Options of {@link checkProject}. */
export interface CheckOptions {
  /** Do not connect: check the schema against the migration folders only (replays included). */
  readonly offline?: boolean | undefined;
  /** Only this database of the configuration. */
  readonly database?: string | undefined;
  /** Runs each long step (the CLI shows a spinner); by default the steps just run. */
  readonly step?: StepRunner | undefined;
}

/** The engine package that replays a dialect's migrations, for the skip note. */
const REPLAY_ENGINE: Record<MigrationDialect, string> = {
  pg: '@strata/pglite (and @electric-sql/pglite)',
  sqlite: '@strata/sqlite (and better-sqlite3)',
};

/** `+` is what only the migrations build, `-` what only the schema does. */
function side(line: string): string {
  return line.startsWith('+') ? 'in the migrations, not the schema' : 'in the schema, not the migrations';
}

/**
 * Collects what `strata check` reports, one database and dialect at a time, so that each part of
 * the check adds to the same lists.
 */
class Collector {
  readonly findings: CheckFinding[] = [];
  readonly notes: CheckNote[] = [];

  constructor(
    readonly database: string,
    readonly dialect: MigrationDialect,
  ) {}

  finding(kind: CheckFinding['kind'], problem: string): void {
    this.findings.push({ database: this.database, dialect: this.dialect, kind, problem });
  }

  note(kind: CheckNote['kind'], message: string): void {
    this.notes.push({ database: this.database, dialect: this.dialect, kind, message });
  }
}

/**
 * The folder against its journal and the schema against the folder's last snapshot. Returns the
 * folder's migrations when both agree (the replay is worth running), else `undefined`.
 */
/** The folder's migrations (undefined when it cannot be read), and whether they cover the schema. */
interface FolderCheck {
  readonly migrations: MigrationSet | undefined;
  readonly upToDate: boolean;
}

async function checkFolder(database: ResolvedDatabase, out: Collector): Promise<FolderCheck> {
  const folder = dialectFolder(database.migrations, out.dialect);
  let migrations: MigrationSet | undefined;
  try {
    migrations = await readMigrationFolder(folder, out.dialect);
    const generated = await generateMigration({
      dialect: GENERATION[out.dialect],
      schema: database.schema,
      previous: await latestSnapshot(folder, await readJournal(folder, out.dialect)),
      resolveRename: async () => null,
    });
    if (generated.up.length === 0) return { migrations, upToDate: true };
    out.finding(
      'schema',
      `the schema has changes no migration has (${generated.up.length} statements): run strata generate`,
    );
  } catch (error) {
    if (!isStrataError(error)) throw error;
    out.finding('folder', error.message);
  }
  return { migrations, upToDate: false };
}

/** Replays the folder into an empty in-memory database and compares it with the schema's. */
async function checkReplay(
  database: ResolvedDatabase,
  migrations: MigrationSet,
  throwaway: ThrowawayDatabases,
  out: Collector,
): Promise<void> {
  try {
    for (const difference of await replayDifferences(throwaway, database.schema, migrations)) {
      if (difference.customMigration === undefined) {
        out.finding('replay', `the migrations do not build the schema: ${difference.line} (${side(difference.line)})`);
      } else {
        out.note(
          'custom',
          `custom migration ${difference.customMigration} makes ${difference.line} (${side(difference.line)})`,
        );
      }
    }
  } catch (error) {
    const missing = missingEngine(error);
    if (missing !== undefined) {
      out.note(
        'skipped',
        `the ${out.dialect} migrations were not replayed: install ${REPLAY_ENGINE[out.dialect]} to check that they build the schema (${missing})`,
      );
      return;
    }
    if (!isStrataError(error)) throw error;
    if (unsupportedByEngine(error)) {
      const migration = error instanceof MigrationError && error.migration ? error.migration : 'a migration';
      out.note(
        'skipped',
        `the ${out.dialect} migrations were not replayed: the in-memory engine lacks what ${migration} uses (${rootMessage(error)}), which a server may have`,
      );
      return;
    }
    out.finding('replay-failed', `the migrations fail on an empty database: ${error.message}`);
  }
}

/** The live database against its folder: pending, changed or missing migrations, and drift. */
async function checkLive(
  config: ResolvedConfig,
  database: ResolvedDatabase,
  folders: ReadonlyMap<MigrationDialect, MigrationSet>,
  findings: CheckFinding[],
  step: StepRunner | undefined,
): Promise<void> {
  await openDuring(
    config,
    database,
    async (db) => {
      const migrations = folders.get(db.dialect);
      if (!migrations) return; // reported by checkFolder
      const status = await migrationStatus(db, { migrations });
      const where = { database: database.name, dialect: db.dialect, kind: 'database' } as const;
      for (const problem of status.problems) findings.push({ ...where, problem });
      if (status.pending > 0)
        findings.push({ ...where, problem: `${status.pending} migrations are not applied: run strata migrate` });
      for (const line of status.drift) findings.push({ ...where, problem: `changed outside migrations: ${line}` });
    },
    step,
  );
}

/**
 * Runs `strata check` on a loaded configuration and returns what it found, for tests and
 * scripts: for every database and dialect, the folder against its journal, the schema against
 * the migrations (a change with no migration), the migrations replayed into an empty in-memory
 * database against the schema built there (an edited generated migration), and unless `offline`
 * each live database against its folder (pending, changed, missing migrations, changes made by
 * hand). A database that cannot be reached throws `DATABASE_UNREACHABLE`.
 *
 * @example
 * ```ts
 * const config = await loadConfig(process.cwd());
 * const { ok, findings } = await checkProject(config, { offline: true });
 * for (const finding of findings) console.error(`${finding.database} (${finding.dialect}): ${finding.problem}`);
 * ```
 */
export async function checkProject(config: ResolvedConfig, options: CheckOptions = {}): Promise<CheckResult> {
  const step: StepRunner = options.step ?? ((_label, work) => work());
  const findings: CheckFinding[] = [];
  const notes: CheckNote[] = [];
  const databasesChecked: string[] = [];
  const throwaway = new ThrowawayDatabases();
  try {
    for (const database of selectDatabases(config, options.database)) {
      const folders = new Map<MigrationDialect, MigrationSet>();
      for (const dialect of database.dialects) {
        const out = new Collector(database.name, dialect);
        const { migrations, upToDate } = await step(`Checking ${database.name} (${dialect})…`, () =>
          checkFolder(database, out),
        );
        if (migrations) folders.set(dialect, migrations);
        if (dialect === 'pg')
          for (const problem of await supabaseCopyProblems(config, database)) out.finding('folder', problem);
        // With a change not generated yet, the replay would only repeat it line by line.
        if (migrations && upToDate)
          await step(`Replaying ${database.name} (${dialect}) in memory…`, () =>
            checkReplay(database, migrations, throwaway, out),
          );
        findings.push(...out.findings);
        notes.push(...out.notes);
      }
      if (options.offline) continue;
      if (database.connection === undefined) {
        notes.push({
          database: database.name,
          kind: 'not-connected',
          message: 'no connection: the live database was not checked',
        });
        continue;
      }
      await checkLive(config, database, folders, findings, options.step);
      databasesChecked.push(database.name);
    }
  } finally {
    await throwaway.close();
  }
  return { ok: findings.length === 0, findings, notes, databasesChecked };
}
