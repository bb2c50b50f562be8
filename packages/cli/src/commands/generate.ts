import { relative } from 'node:path';
import type { RenameQuestion, RenameResolver } from '@strata/sql';
import type { CommandContext } from '../context.js';
import { EXIT } from '../exit-codes.js';
import { generateMigrations } from '../generate.js';

/** Options of `strata generate`. */
export interface GenerateCommandOptions {
  readonly name?: string;
  readonly custom?: boolean;
  readonly database?: string;
  /** `--no-renames`: every ambiguous change is a drop and an add. */
  readonly renames?: boolean;
}

/** Asks the person at the terminal whether an added table or column is a dropped one renamed. */
async function askAtTerminal(question: RenameQuestion): Promise<string | null> {
  const { select } = await import('@inquirer/prompts');
  const what =
    question.kind === 'table' ? `table "${question.added}"` : `column "${question.table}"."${question.added}"`;
  return select<string | null>({
    message: `Is ${what} new, or a dropped ${question.kind} renamed?`,
    choices: [
      {
        name: `new (${question.candidates.map((c) => `"${c}"`).join(', ')} dropped with ${question.candidates.length > 1 ? 'their' : 'its'} data)`,
        value: null,
      },
      ...question.candidates.map((candidate) => ({
        name: `renamed from "${candidate}" (keeps its data)`,
        value: candidate,
      })),
    ],
  });
}

/**
 * `strata generate`: writes the next migration of each database and dialect.
 *
 * @example
 * ```ts
 * await generateCommand(context, { name: 'add_slug' });
 * ```
 */
export async function generateCommand(context: CommandContext, options: GenerateCommandOptions): Promise<number> {
  const { out, config, io } = context;
  let resolveRename: RenameResolver | undefined;
  if (options.renames === false) resolveRename = async () => null;
  else if (io.interactive && !out.json) resolveRename = askAtTerminal;
  const result = await out.step('Generating migrations…', () =>
    generateMigrations(config, {
      name: options.name,
      custom: options.custom,
      database: options.database,
      resolveRename,
    }),
  );
  for (const migration of result.written) {
    const file = relative(config.root, migration.files[0] ?? '');
    out.ok(
      `${migration.database} (${migration.dialect}): ${file}${migration.statements > 0 ? ` — ${migration.statements} statements` : ' — fill it in, then run strata hash'}`,
    );
    if (migration.drops.length > 0) out.warn(`  drops ${migration.drops.join(', ')} and the data in them`);
    for (const copy of migration.supabaseCopies) out.ok(`${migration.database} (pg): ${relative(config.root, copy)}`);
  }
  for (const folder of result.unchanged)
    out.line(`${folder.database} (${folder.dialect}): no schema changes, nothing written`);
  out.line(out.colors.dim(`${Math.round(result.durationMs)} ms`));
  out.record('written', result.written);
  out.record('unchanged', result.unchanged);
  out.record('durationMs', Math.round(result.durationMs));
  return EXIT.ok;
}
