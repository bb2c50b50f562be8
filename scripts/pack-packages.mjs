#!/usr/bin/env node
// Packs every publishable package as users receive it: built files only. In this repository each
// manifest also carries a `source` export condition (tests and examples run from TypeScript
// sources); a published manifest must not, or an app that sets `customConditions: ["source"]`
// for its own packages would type-check Strata's sources from node_modules. So each package is
// staged first — manifest without `source` conditions, scripts or devDependencies; `dist` without
// source maps, which would point at sources that are not shipped — and packed from there.
//
// Usage: node scripts/pack-packages.mjs [--out <dir>]   (run `npm run build` first)
// Writes one tarball per package into <dir> (default .packs/) and prints their paths as JSON.
// `npm publish <tarball> --access public` publishes exactly what the packages test installed.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const outFlag = process.argv.indexOf('--out');
const outDir = resolve(outFlag > 0 ? process.argv[outFlag + 1] : join(root, '.packs'));
const stageRoot = join(outDir, 'stage');

/** The package folders that are published, in dependency order (the Studio before the CLI, whose optional peer it is). */
const PUBLISHED = [
  'core',
  'sql',
  'postgres',
  'pglite',
  'sqlite',
  'libsql',
  'd1',
  'connect',
  'auth',
  'testing',
  'studio',
  'cli',
];

/** An export map with every `source` condition removed, at any depth. */
function withoutSourceCondition(exports) {
  if (typeof exports !== 'object' || exports === null) return exports;
  const result = {};
  for (const [key, value] of Object.entries(exports)) {
    if (key === 'source') continue;
    result[key] = withoutSourceCondition(value);
  }
  return result;
}

/** The manifest users install: what the repository's manifest says, less what only this repo uses. */
function publishedManifest(manifest) {
  const { devDependencies: _dev, scripts: _scripts, ...rest } = manifest;
  const published = { ...rest, exports: withoutSourceCondition(manifest.exports) };
  published.files = (manifest.files ?? []).filter((entry) => entry !== 'src');
  return published;
}

/** Copies `dist` without source maps (the sources they name are not shipped) or build info. */
function copyBuilt(from, to) {
  mkdirSync(to, { recursive: true });
  for (const entry of readdirSync(from)) {
    const source = join(from, entry);
    const target = join(to, entry);
    if (statSync(source).isDirectory()) {
      copyBuilt(source, target);
    } else if (!entry.endsWith('.map') && !entry.endsWith('.tsbuildinfo')) {
      const text = readFileSync(source, 'utf8');
      writeFileSync(target, text.replace(/\n\/\/# sourceMappingURL=\S+\s*$/, '\n'));
    }
  }
}

function stage(name) {
  const folder = join(root, 'packages', name);
  const manifest = JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8'));
  if (!existsSync(join(folder, 'dist'))) {
    throw new Error(`${manifest.name}: no dist/ folder — run \`npm run build\` first`);
  }
  const target = join(stageRoot, name);
  rmSync(target, { recursive: true, force: true });
  mkdirSync(target, { recursive: true });
  copyBuilt(join(folder, 'dist'), join(target, 'dist'));
  for (const extra of manifest.files ?? []) {
    if (extra !== 'dist' && extra !== 'src' && existsSync(join(folder, extra))) {
      cpSync(join(folder, extra), join(target, extra), { recursive: true });
    }
  }
  for (const file of ['README.md', 'LICENSE']) {
    const own = join(folder, file);
    cpSync(existsSync(own) ? own : join(root, file), join(target, file));
  }
  writeFileSync(join(target, 'package.json'), `${JSON.stringify(publishedManifest(manifest), null, 2)}\n`);
  return target;
}

mkdirSync(outDir, { recursive: true });
const tarballs = {};
for (const name of PUBLISHED) {
  const staged = stage(name);
  const output = execFileSync('npm', ['pack', '--json', '--pack-destination', outDir], {
    cwd: staged,
    encoding: 'utf8',
    env: { ...process.env, npm_config_ignore_scripts: 'true' },
  });
  const [packed] = JSON.parse(output);
  tarballs[packed.name] = join(outDir, packed.filename);
}
rmSync(stageRoot, { recursive: true, force: true });
console.log(JSON.stringify(tarballs, null, 2));
