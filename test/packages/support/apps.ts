// Fresh apps outside the workspace that install Strata's packed tarballs the way a team would:
// npm or pnpm, their own drizzle-orm, TypeScript settings of their own.
import { type SpawnOptions, spawn } from 'node:child_process';
import {
  cpSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/** The repository root. */
export const REPO_ROOT = resolve(import.meta.dirname, '../../..');
/** The app every full test installs: schema, strata.config.ts, tsconfigs, main. */
export const FIXTURE_APP = resolve(import.meta.dirname, '../fixture-app');

export type PackageManager = 'npm' | 'pnpm';

/** What a command printed and how it ended. */
export interface CommandResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs a command to its end (never through a shell: arguments are passed as they are).
 *
 * @example
 * ```ts
 * const { code, stdout } = await run('npx', ['strata', '--version'], { cwd: app.dir });
 * ```
 */
export function run(
  command: string,
  args: readonly string[],
  options: SpawnOptions & { cwd: string; timeoutMs?: number },
): Promise<CommandResult> {
  return new Promise((done, fail) => {
    const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 600_000);
    child.on('error', fail);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      done({ code: code ?? (signal ? 128 : 1), stdout, stderr });
    });
  });
}

/** Fails with everything the command printed unless it exited 0. */
export async function runOk(
  command: string,
  args: readonly string[],
  options: SpawnOptions & { cwd: string; timeoutMs?: number },
): Promise<CommandResult> {
  const result = await run(command, args, options);
  if (result.code !== 0) {
    // The end of the output holds the reason (installs print pages of build logs before it).
    const tail = (text: string) => text.slice(-4000);
    throw new Error(
      `${command} ${args.join(' ')} exited ${result.code} in ${options.cwd}\n${tail(result.stdout)}\n${tail(result.stderr)}`,
    );
  }
  return result;
}

/** The tarballs of one `npm run pack`, by package name (`@strata/core` → path). */
export function packedTarballs(): Record<string, string> {
  const file = process.env.STRATA_PACKS_MANIFEST;
  if (!file) throw new Error('STRATA_PACKS_MANIFEST is not set: run this suite with vitest.packages.config.ts');
  return JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
}

/** An app made by {@link createApp}. */
export interface App {
  readonly dir: string;
  readonly manager: PackageManager;
}

/** What {@link createApp} installs. */
export interface AppSpec {
  readonly name: string;
  readonly manager: PackageManager;
  /** Strata packages (`@strata/core`, …), installed from the packed tarballs. */
  readonly strata: readonly string[];
  /** Strata packages the app needs only in development (the CLI). */
  readonly strataDev?: readonly string[];
  /** Registry packages with their versions, e.g. `{ 'drizzle-orm': '0.44.0' }`. */
  readonly dependencies: Readonly<Record<string, string>>;
  readonly devDependencies?: Readonly<Record<string, string>>;
  /** Files to copy in (default: the fixture app). */
  readonly from?: string;
}

/**
 * A new app in a temp folder outside the workspace, its packages installed: Strata's from the
 * tarballs (every `@strata/*` dependency, direct or not, pinned to its tarball, as a registry
 * would serve it), everything else from the npm registry.
 *
 * @example
 * ```ts
 * const app = await createApp({ name: 'low', manager: 'npm', strata: ['@strata/core'], dependencies: { 'drizzle-orm': '0.44.0' } });
 * ```
 */
export async function createApp(spec: AppSpec): Promise<App> {
  // In the run's own folder (removed at its end), outside the workspace.
  const parent = process.env.STRATA_APPS_DIR ?? tmpdir();
  const dir = mkdtempSync(join(parent, `strata-app-${spec.name}-`));
  cpSync(spec.from ?? FIXTURE_APP, dir, { recursive: true });
  const tarballs = packedTarballs();
  const all = [...spec.strata, ...(spec.strataDev ?? [])];
  const tarballOf = (names: readonly string[]) =>
    Object.fromEntries(
      names.map((name) => {
        const tarball = tarballs[name];
        if (!tarball) throw new Error(`no tarball for ${name}`);
        return [name, `file:${tarball}`];
      }),
    );
  const local = tarballOf(spec.strata);
  const manifest = {
    name: `strata-packages-test-${spec.name}`,
    private: true,
    type: 'module',
    dependencies: { ...local, ...spec.dependencies },
    devDependencies: { ...tarballOf(spec.strataDev ?? []), ...spec.devDependencies },
    // npm 11 runs install scripts only for the packages named here (native drivers, esbuild).
    allowScripts: { 'better-sqlite3': true, esbuild: true },
    // Nested `@strata/*` dependencies ("0.1.0") resolve to the same tarballs (npm: overrides).
    ...(spec.manager === 'npm'
      ? { overrides: Object.fromEntries(all.map((name) => [name, `$${name}`])) }
      : { pnpm: { onlyBuiltDependencies: ['better-sqlite3', 'esbuild'] } }),
  };
  if (spec.manager === 'pnpm') {
    // pnpm's overrides would rewrite Strata's peer ranges between its own packages too ("0.1.0"
    // becomes a path, which no installed version satisfies): a hook rewrites dependencies only.
    writeFileSync(
      join(dir, '.pnpmfile.cjs'),
      `const tarballs = ${JSON.stringify(tarballOf(all))};
module.exports = {
  hooks: {
    readPackage(manifest) {
      for (const [name, spec] of Object.entries(tarballs)) {
        if (manifest.dependencies && manifest.dependencies[name]) manifest.dependencies[name] = spec;
      }
      return manifest;
    },
  },
};
`,
    );
  }
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  await install({ dir, manager: spec.manager });
  return { dir, manager: spec.manager };
}

/** Installs (or, with `production`, prunes to) the app's dependencies. */
export async function install(app: App, options: { production?: boolean } = {}): Promise<void> {
  const env = { ...process.env, npm_config_legacy_peer_deps: 'false', npm_config_update_notifier: 'false' };
  if (app.manager === 'npm') {
    const args = options.production ? ['prune', '--omit=dev'] : ['install'];
    await runOk('npm', [...args, '--no-audit', '--no-fund'], { cwd: app.dir, env });
  } else {
    const args = options.production ? ['install', '--prod'] : ['install'];
    // strict-peer-dependencies: a peer range Strata declares but the app does not satisfy fails.
    await runOk('npx', ['-y', 'pnpm@9', ...args, '--strict-peer-dependencies', '--config.auto-install-peers=false'], {
      cwd: app.dir,
      env,
    });
  }
}

/** Every installed copy of a package in the app (its folder), whatever the manager's layout. */
export function installedCopies(app: App, name: string): string[] {
  const found: string[] = [];
  const walk = (modules: string, depth: number) => {
    if (depth > 8 || !existsSync(modules)) return;
    for (const entry of readdirSync(modules)) {
      const path = join(modules, entry);
      if (entry === '.pnpm') {
        for (const variant of readdirSync(path)) walk(join(path, variant, 'node_modules'), depth + 1);
        continue;
      }
      if (entry.startsWith('.') || lstatSync(path).isSymbolicLink()) continue;
      if (entry.startsWith('@')) {
        for (const scoped of readdirSync(path)) visit(join(path, scoped), `${entry}/${scoped}`, depth);
      } else visit(path, entry, depth);
    }
  };
  const visit = (path: string, packageName: string, depth: number) => {
    if (lstatSync(path).isSymbolicLink()) return;
    if (packageName === name) found.push(path);
    walk(join(path, 'node_modules'), depth + 1);
  };
  walk(join(app.dir, 'node_modules'), 0);
  return found;
}

/** The version in an installed package folder. */
export function versionAt(folder: string): string {
  return (JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8')) as { version: string }).version;
}

/** Bytes on disk below `dir` (symbolic links not followed, so pnpm's links count once). */
export function sizeOf(dir: string): number {
  if (!existsSync(dir)) return 0;
  let total = 0;
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    const stat = lstatSync(path);
    if (stat.isSymbolicLink()) continue;
    total += stat.isDirectory() ? sizeOf(path) : stat.size;
  }
  return total;
}

/** Writes a file into the app, making its folder. */
export function writeAppFile(app: App, path: string, text: string): void {
  mkdirSync(join(app.dir, path, '..'), { recursive: true });
  writeFileSync(join(app.dir, path), text);
}
