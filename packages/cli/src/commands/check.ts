import { checkProject } from '../check/index.js';
import type { CommandContext } from '../context.js';
import { EXIT } from '../exit-codes.js';

/** Options of `strata check`. */
export interface CheckCommandOptions {
  readonly database?: string;
  /** Skip the live databases: check the schema against the migration folders only. */
  readonly offline?: boolean;
}

/**
 * `strata check`, for CI: prints what {@link checkProject} finds (the schema against the
 * migrations, the migrations replayed in memory against the schema, and unless `--offline` the
 * live databases against their folders). Exits 1 on any finding.
 *
 * @example
 * ```ts
 * await checkCommand(context, { offline: true });
 * ```
 */
export async function checkCommand(context: CommandContext, options: CheckCommandOptions): Promise<number> {
  const { out, config } = context;
  const result = await checkProject(config, {
    offline: options.offline ?? false,
    database: options.database,
    step: (label, work) => out.step(label, work),
  });
  for (const finding of result.findings)
    out.fail(`${finding.database}${finding.dialect ? ` (${finding.dialect})` : ''}: ${finding.problem}`);
  if (result.findings.some((finding) => finding.kind === 'replay')) {
    out.fail(
      'A generated migration that was edited by hand builds something else than the schema: undo the edit (and change the schema instead), or move hand-written SQL into a custom migration (strata generate --custom).',
    );
  }
  for (const note of result.notes)
    out.warn(`${note.database}${note.dialect ? ` (${note.dialect})` : ''}: ${note.message}`);
  if (result.ok) {
    if (options.offline) out.ok('schema and migrations agree (offline: no database checked)');
    else if (result.databasesChecked.length === 0)
      out.ok('schema and migrations agree (no database has a connection to check)');
    else out.ok('schema, migrations and databases agree');
  }
  out.record('offline', options.offline ?? false);
  out.record('findings', result.findings);
  out.record('notes', result.notes);
  out.record('databasesChecked', result.databasesChecked);
  return result.ok ? EXIT.ok : EXIT.failed;
}
