import { readFileSync } from 'node:fs';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { checkCommand } from './commands/check.js';
import { generateCommand } from './commands/generate.js';
import { hashCommand } from './commands/hash.js';
import { healthCommand } from './commands/health.js';
import { migrateCommand, rollbackCommand } from './commands/migrate.js';
import { pushCommand, resetCommand } from './commands/push.js';
import { seedCommand } from './commands/seed.js';
import { statusCommand } from './commands/status.js';
import { studioCommand } from './commands/studio.js';
import type { CommandContext } from './context.js';
import { EXIT, exitCodeFor } from './exit-codes.js';
import { loadConfig } from './load-config.js';
import { type CliIO, Reporter } from './reporter.js';

const EXAMPLES_HELP = `
Examples:
  strata generate --name add_slug   # write the next migration from the schema
  strata migrate                    # apply it
  strata status --json              # what is applied, for scripts
  strata check                      # in CI: exits 1 on any drift`;

const EXIT_CODES_HELP = `
Exit codes:
  0  done, or nothing to do
  1  a problem was found or a migration failed (drift, changed or missing migrations, check findings)
  2  the command could not start (arguments, configuration, schema module, engine package, drizzle-kit)
  3  a database could not be reached`;

function whole(name: string) {
  return (value: string): number => {
    if (!/^\d+$/.test(value)) throw new InvalidArgumentError(`${name} must be a whole number`);
    return Number(value);
  };
}

/** The installed package's version: `package.json` sits one folder above both `src/` and `dist/`. */
const VERSION = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string })
  .version;

interface GlobalOptions {
  readonly config?: string;
  readonly json?: boolean;
  readonly database?: string;
}

/**
 * Runs the `strata` command line: parses `argv` (without `node` and the script), runs the
 * command, prints to `io`, and returns the exit code (see `strata --help`).
 *
 * @example
 * ```ts
 * process.exitCode = await main(process.argv.slice(2));
 * ```
 */
export async function main(argv: readonly string[], io: CliIO = processIO()): Promise<number> {
  let exitCode: number = EXIT.ok;
  let reporter: Reporter | undefined;
  let commandName = 'strata';
  const program = new Command('strata')
    .description('Strata: one schema for PostgreSQL, PGlite and SQLite — migrations, drift checks, seeding.')
    .option('-c, --config <file>', 'configuration file (default: strata.config.ts in the current folder)')
    .option('-d, --database <name>', 'only this database of the configuration')
    .option('--json', 'print one JSON document on stdout, for machines')
    .version(VERSION, '-V, --version', 'print the installed version')
    .addHelpText('after', EXAMPLES_HELP)
    // 'afterAll': every command's help ends with the exit codes, not only `strata --help`.
    .addHelpText('afterAll', EXIT_CODES_HELP)
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
    })
    .showHelpAfterError('(run strata --help for usage)');

  const run =
    <O>(name: string, command: (context: CommandContext, options: O & { database?: string }) => Promise<number>) =>
    async (options: O) => {
      commandName = name;
      const globals = program.opts<GlobalOptions>();
      reporter = new Reporter(io, globals.json ?? false);
      const config = await loadConfig(io.cwd, globals.config);
      exitCode = await command(
        { config, out: reporter, io },
        { ...options, ...(globals.database && { database: globals.database }) },
      );
    };

  program
    .command('generate')
    .description('write the next migration of each database and dialect from the schema')
    .option('-n, --name <name>', 'migration name, e.g. add_slug')
    .option('--custom', 'write an empty migration to fill in by hand (triggers, functions, data fixes)')
    .option('--no-renames', 'treat every dropped-and-added table or column as a drop and an add (no questions)')
    .addHelpText(
      'after',
      '\nExamples:\n  strata generate --name add_slug\n  strata generate --custom --name add_trigger\n  strata generate --no-renames   # in CI',
    )
    .action(run('generate', generateCommand));
  program
    .command('migrate')
    .description('apply pending migrations')
    .addOption(new Option('--to <number>', 'stop after this migration number').argParser(whole('--to')))
    .option('--allow-out-of-order', 'apply migrations pending behind a later applied one (after a branch merge)')
    .addHelpText('after', '\nExamples:\n  strata migrate\n  strata migrate --database app --to 3')
    .action(run('migrate', migrateCommand));
  program
    .command('rollback')
    .description('undo applied migrations, newest first (one by default)')
    .addOption(new Option('--steps <number>', 'how many to undo').argParser(whole('--steps')).conflicts('to'))
    .addOption(
      new Option('--to <number>', 'undo every migration numbered above this (0: all)').argParser(whole('--to')),
    )
    .addHelpText('after', '\nExamples:\n  strata rollback\n  strata rollback --steps 2\n  strata rollback --to 0')
    .action(run('rollback', rollbackCommand));
  program
    .command('status')
    .description('list migrations as applied or pending, and what blocks migrate')
    .action(run('status', statusCommand));
  program
    .command('check')
    .description('for CI: schema vs migrations (replayed in memory) vs live databases; exits 1 on any drift')
    .option('--offline', 'do not connect: check the schema against the migration folders only (replays included)')
    .addHelpText('after', '\nExamples:\n  strata check\n  strata check --offline --json')
    .action(run('check', checkCommand));
  program
    .command('push')
    .description('bring a throwaway development database to the schema, without a migration')
    .option('--force', 'allow dropping tables and columns (and their data)')
    .action(run('push', pushCommand));
  program
    .command('seed')
    .description("run each database's seed function, or insert deterministic fake rows")
    .option('--fake <table=count...>', 'fake rows per table (export names), e.g. --fake author=10 book=50')
    .addOption(new Option('--seed <number>', 'seed of the fake data (same seed, same rows)').argParser(whole('--seed')))
    .addHelpText('after', '\nExamples:\n  strata seed\n  strata seed --fake author=10 book=100 --seed 7')
    .action(run('seed', seedCommand));
  program
    .command('reset')
    .description('drop every table, apply the migrations again, and seed: for tests and development')
    .option('--force', 'required: this deletes every table and its data')
    .option('--no-seed', 'do not run the seed function')
    .action(run('reset', resetCommand));
  program
    .command('hash')
    .description('record edited or renumbered migration files in their journals')
    .option('--force', 'also record generated migrations that were edited (they no longer match the schema)')
    .addHelpText(
      'after',
      '\nExamples:\n  strata hash   # after editing a custom migration, before applying it anywhere',
    )
    .action(run('hash', hashCommand));
  program
    .command('health')
    .description('connect to each database: engine, version, latency, pending migrations')
    .action(run('health', healthCommand));
  program
    .command('studio [url]')
    .description('serve Strata Studio on 127.0.0.1: browse and edit rows, migrations, a read-only SQL console')
    .addOption(new Option('-p, --port <number>', 'port (default: a free one)').argParser(whole('--port')))
    .option('--host <address>', 'address to bind (default 127.0.0.1: this machine only)')
    .option('--allow-host <name...>', 'more host names to answer to (behind a tunnel or in a container)')
    .addHelpText(
      'after',
      '\nExamples:\n  strata studio\n  strata studio --database app --port 4983\n  strata studio sqlite:./copy.sqlite3 --database app',
    )
    .action((url: string | undefined, options: object) =>
      run('studio', studioCommand)({ ...options, ...(url && { url }) }),
    );

  try {
    await program.parseAsync([...argv], { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end here too, with code 0.
      if (error.exitCode === 0) return EXIT.ok;
      // Commander printed the problem on stderr; a script reading --json still gets its document.
      if (program.opts<GlobalOptions>().json) {
        const usage = new Reporter(io, true);
        usage.record('error', { code: 'USAGE', message: error.message.replace(/^error: /, '') });
        const command = program.commands.find((candidate) => argv.includes(candidate.name()));
        io.stdout.write(usage.document(false, command?.name() ?? commandName));
      }
      return EXIT.usage;
    }
    exitCode = exitCodeFor(error);
    const message = error instanceof Error ? error.message : String(error);
    if (reporter?.json) reporter.record('error', { code: (error as { code?: unknown }).code ?? 'ERROR', message });
    (reporter ?? new Reporter(io, false)).fail(message);
  }
  if (reporter?.json) io.stdout.write(reporter.document(exitCode === EXIT.ok, commandName));
  return exitCode;
}

function processIO(): CliIO {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    interactive: Boolean(process.stdout.isTTY && process.stdin.isTTY) && !process.env.CI,
    cwd: process.cwd(),
    env: process.env,
  };
}
