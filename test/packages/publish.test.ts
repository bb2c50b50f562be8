// What `npm run pack` produces is what gets published: every package of the workspace that is not
// private is packed; each tarball's manifest resolves to built files only (no `source` condition,
// no sources, no source maps), ships every entry of its `files`, declares every package its code
// imports, carries the metadata a public scoped package needs, and `npm publish --dry-run`
// corrects nothing in it.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, test } from 'vitest';
import { packedTarballs, REPO_ROOT, runOk } from './support/apps.js';

interface Manifest {
  readonly name: string;
  readonly license?: string;
  readonly repository?: { readonly url?: string };
  readonly publishConfig?: { readonly access?: string };
  readonly exports?: unknown;
  readonly files?: readonly string[];
  readonly scripts?: unknown;
  readonly devDependencies?: unknown;
  readonly dependencies?: Readonly<Record<string, string>>;
  readonly peerDependencies?: Readonly<Record<string, string>>;
}

/** Every string target in an export map, with the conditions that lead to it. */
function exportTargets(exports: unknown, path: string[] = []): [string[], string][] {
  if (typeof exports === 'string') return [[path, exports]];
  if (typeof exports !== 'object' || exports === null) return [];
  return Object.entries(exports).flatMap(([key, value]) => exportTargets(value, [...path, key]));
}

/** The package a module specifier names (`@strata/sql/sqlite` → `@strata/sql`), or undefined for a file or a Node builtin. */
function packageOf(specifier: string): string | undefined {
  if (specifier.startsWith('.') || specifier.startsWith('/') || specifier.startsWith('node:')) return undefined;
  const name = specifier
    .split('/')
    .slice(0, specifier.startsWith('@') ? 2 : 1)
    .join('/');
  return builtinModules.includes(name) ? undefined : name;
}

/**
 * The packages a shipped script loads: its static and dynamic imports and re-exports (as
 * TypeScript reads them, so SQL text and comments saying `from '…'` do not count) and what it
 * resolves with `require.resolve` (the Studio serves its UI library from there).
 */
function importedPackages(code: string): string[] {
  const specifiers = ts.preProcessFile(code, true, true).importedFiles.map((file) => file.fileName);
  for (const match of code.matchAll(/\brequire\.resolve\(\s*['"]([^'"]+)['"]/g)) {
    if (match[1]) specifiers.push(match[1]);
  }
  return specifiers.flatMap((specifier) => packageOf(specifier) ?? []);
}

/** The workspace's packages that are published (not private), by name. */
function publishablePackages(): string[] {
  const root = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { workspaces: string[] };
  return root.workspaces
    .map(
      (folder) =>
        JSON.parse(readFileSync(join(REPO_ROOT, folder, 'package.json'), 'utf8')) as Manifest & { private?: boolean },
    )
    .filter((manifest) => manifest.private !== true)
    .map((manifest) => manifest.name);
}

test('every package of the workspace that is not private is packed', () => {
  expect(Object.keys(packedTarballs()).sort()).toEqual(publishablePackages().sort());
});

function unpack(tarball: string): { dir: string; files: string[] } {
  const dir = mkdtempSync(join(tmpdir(), 'strata-unpacked-'));
  execFileSync('tar', ['xzf', tarball, '-C', dir]);
  const files = execFileSync('tar', ['tzf', tarball], { encoding: 'utf8' }).trim().split('\n');
  return { dir: join(dir, 'package'), files: files.map((file) => file.replace(/^package\//, '')) };
}

describe.each(Object.entries(packedTarballs()))('%s as published', (name, tarball) => {
  const { dir, files } = unpack(tarball);
  const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as Manifest;

  test('resolves to built files only, whatever conditions an app sets', () => {
    const targets = exportTargets(manifest.exports);
    expect(targets.length).toBeGreaterThan(0);
    for (const [conditions, target] of targets) {
      expect(conditions).not.toContain('source');
      expect(target).toMatch(/^\.\/dist\/.*\.(js|d\.ts)$/);
      expect(files).toContain(target.slice(2));
    }
    expect(
      files.filter(
        (file) => file.startsWith('src/') || file.endsWith('.map') || (file.endsWith('.ts') && !file.endsWith('.d.ts')),
      ),
    ).toEqual([]);
  });

  test('ships every entry of its `files`', () => {
    expect(manifest.files?.length).toBeGreaterThan(0);
    for (const entry of manifest.files ?? []) {
      expect(
        files.some((file) => file === entry || file.startsWith(`${entry}/`)),
        `${entry} is not in the tarball`,
      ).toBe(true);
    }
  });

  test('declares every package its shipped code imports (dependencies or peers)', () => {
    const declared = new Set([
      name,
      ...Object.keys(manifest.dependencies ?? {}),
      ...Object.keys(manifest.peerDependencies ?? {}),
    ]);
    const undeclared = files
      .filter((file) => file.endsWith('.js') || file.endsWith('.d.ts'))
      .flatMap((file) =>
        importedPackages(readFileSync(join(dir, file), 'utf8')).map((imported) => `${file}: ${imported}`),
      )
      .filter((entry) => !declared.has(entry.slice(entry.indexOf(': ') + 2)));
    expect(undeclared).toEqual([]);
  });

  test('has its licence, README and publishing metadata, and nothing only this repository uses', () => {
    expect(files).toEqual(expect.arrayContaining(['LICENSE', 'README.md', 'package.json']));
    expect(manifest).toMatchObject({ name, license: 'MIT', publishConfig: { access: 'public' } });
    expect(manifest.repository?.url).toMatch(/^git\+https:\/\/.+\.git$/);
    expect(manifest.scripts).toBeUndefined();
    expect(manifest.devDependencies).toBeUndefined();
    // drizzle-orm is the app's: never a regular dependency, so an app keeps one copy.
    expect(Object.keys(manifest.dependencies ?? {})).not.toContain('drizzle-orm');
    expect(Object.keys(manifest.dependencies ?? {})).not.toContain('drizzle-kit');
  });

  test('npm publish --dry-run corrects nothing', async () => {
    const { stderr } = await runOk('npm', ['publish', '--dry-run', tarball], { cwd: tmpdir() });
    const warnings = stderr
      .split('\n')
      .filter((line) => line.startsWith('npm warn') && !line.includes('requires you to be logged in'));
    expect(warnings).toEqual([]);
  });
});
