// `strata --help` and command help through `main(argv, io)`, and the CLI as a real process:
// `node --conditions=source --import tsx packages/cli/src/cli-entry.ts` with its exit codes.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { createV1Project, REPO_ROOT, removeProjects, runCli } from './support/project.js';

afterAll(removeProjects);

const EXIT_CODE_LINES = [
  '0  done, or nothing to do',
  '1  a problem was found or a migration failed',
  '2  the command could not start',
  '3  a database could not be reached',
];

describe('strata help', () => {
  test('--version prints the package version and exits 0', async () => {
    const { version } = JSON.parse(readFileSync(join(REPO_ROOT, 'packages/cli/package.json'), 'utf8')) as {
      version: string;
    };
    for (const flag of ['--version', '-V']) {
      const { code, stdout, stderr } = await runCli(REPO_ROOT, [flag]);
      expect(code).toBe(0);
      expect(stderr).toBe('');
      expect(stdout.trim()).toBe(version);
    }
  });

  test('--help exits 0 and lists the commands, examples and exit codes on stdout', async () => {
    const { code, stdout, stderr } = await runCli(REPO_ROOT, ['--help']);
    expect(code).toBe(0);
    expect(stderr).toBe('');
    expect(stdout).toContain('Usage: strata [options] [command]');
    for (const command of [
      'generate',
      'migrate',
      'rollback',
      'status',
      'check',
      'push',
      'seed',
      'reset',
      'hash',
      'health',
    ])
      expect(stdout).toMatch(new RegExp(`^ {2}${command}\\b`, 'm'));
    expect(stdout).toContain('Examples:');
    expect(stdout).toContain('strata migrate');
    for (const line of EXIT_CODE_LINES) expect(stdout).toContain(line);
  });

  test('generate --help exits 0 with its options, examples and the exit codes', async () => {
    const { code, stdout } = await runCli(REPO_ROOT, ['generate', '--help']);
    expect(code).toBe(0);
    expect(stdout).toContain('Usage: strata generate [options]');
    expect(stdout).toContain('--no-renames');
    expect(stdout).toContain('Examples:');
    expect(stdout).toContain('strata generate --name add_slug');
    for (const line of EXIT_CODE_LINES) expect(stdout).toContain(line);
  });

  test('no command prints the help on stderr and exits 2', async () => {
    const { code, stdout, stderr } = await runCli(REPO_ROOT, []);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain('Usage: strata');
  });
});

/** Runs the CLI's entry file with Node (TypeScript through tsx, workspace packages from source). */
function spawnCli(cwd: string, args: readonly string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const entry = join(REPO_ROOT, 'packages', 'cli', 'src', 'cli-entry.ts');
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--conditions=source', '--import', 'tsx', entry, ...args],
      { cwd, env: { ...process.env, NO_COLOR: '1' }, timeout: 60_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

describe('strata as a process', () => {
  test('node … cli-entry.ts --help exits 0 and prints the usage', async () => {
    const { code, stdout, stderr } = await spawnCli(REPO_ROOT, ['--help']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toContain('Usage: strata');
    expect(stdout).toContain('3  a database could not be reached');
  });

  test('generate and migrate --json in a SQLite project: exit codes, files and one JSON document', async () => {
    const project = await createV1Project('sqlite');
    const generated = await spawnCli(project.dir, ['generate', '--name', 'init']);
    expect(generated.stderr).toBe('');
    expect(generated.code).toBe(0);
    expect(generated.stdout).toContain('migrations/app/sqlite/0001_init.sql');
    expect(await project.list(project.migrations)).toEqual(['0001_init.down.sql', '0001_init.sql', 'meta']);

    const migrated = await spawnCli(project.dir, ['--json', 'migrate']);
    expect(migrated.stderr).toBe('');
    expect(migrated.code).toBe(0);
    expect(JSON.parse(migrated.stdout)).toEqual({
      ok: true,
      command: 'migrate',
      databases: [{ database: 'app', engine: 'sqlite', applied: ['0001_init'], durationMs: expect.any(Number) }],
    });
    await project.withDatabase(async (db) =>
      expect(await db.tables()).toEqual(['author', 'book', 'strata_migrations']),
    );

    const refused = await spawnCli(project.dir, ['reset']);
    expect(refused.code).toBe(2);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toContain('--force');
  });
});
