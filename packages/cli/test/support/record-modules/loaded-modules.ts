// Which modules importing an entry point loads: imports it in a new Node process with the
// recording hooks (register.mjs) and returns every module URL it resolved. Tests of light entry
// points (`@strata/cli/migrate`, `@strata/auth/schema`) assert what is absent from the list.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO_ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '..', '..', '..', '..', '..');
const REGISTER = fileURLToPath(new URL('./register.mjs', import.meta.url));

/**
 * Imports `specifier` in a new Node process (sources through tsx) and returns every module URL it
 * resolved. `exported` names an export the entry must have (the process fails otherwise).
 *
 * @example
 * ```ts
 * const urls = await modulesLoadedBy('@strata/cli/migrate', 'migrate');
 * ```
 */
export async function modulesLoadedBy(specifier: string, exported: string): Promise<string[]> {
  const dir = await mkdtemp(join(tmpdir(), 'strata-modules-'));
  const log = join(dir, 'modules.txt');
  const check = `const entry = await import(${JSON.stringify(specifier)}); if (entry[${JSON.stringify(exported)}] === undefined) process.exit(9);`;
  try {
    await new Promise<void>((done, fail) => {
      execFile(
        process.execPath,
        ['--conditions=source', '--import', 'tsx', '--import', REGISTER, '--input-type=module', '-e', check],
        { cwd: REPO_ROOT, env: { ...process.env, RECORD_MODULES_TO: log }, timeout: 120_000 },
        (error, _stdout, stderr) => (error ? fail(new Error(`${error.message}\n${stderr}`)) : done()),
      );
    });
    return (await readFile(log, 'utf8')).split('\n').filter(Boolean);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
