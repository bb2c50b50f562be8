// What `npm run pack` produces is what gets published: each tarball's manifest resolves to built
// files only (no `source` condition, no sources, no source maps), carries the metadata a public
// scoped package needs, and `npm publish --dry-run` corrects nothing in it.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { packedTarballs, runOk } from './support/apps.js';

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
